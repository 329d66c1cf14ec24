using Governance.Core.Rules;
using Microsoft.CodeAnalysis;

namespace Governance.Analyzers;

/// <summary>Every analyzer descriptor, in one place. Ids, titles and help links come from Core's rule catalog so the
/// analyzers, the task, receipts and SARIF reports agree.</summary>
internal static class DiagnosticDescriptors
{
    private const string CompilationEnd = "CompilationEnd";
    private const string Governance = "Governance";

    public static readonly DiagnosticDescriptor InvalidGovernanceFile = Create(
        RuleIds.InvalidGovernanceFile, "{0}", DiagnosticSeverity.Error,
        "A plan, baseline or trust file that cannot be read approves nothing. The message says what to write instead.");

    public static readonly DiagnosticDescriptor MissingBaseline = Create(
        RuleIds.MissingBaseline, "{0}", DiagnosticSeverity.Error,
        "Every governed project needs a baseline of what already existed. Create it with 'dotnet build -p:GovernanceUpdateBaseline=true' and commit .governance/baseline/.",
        CompilationEnd);

    public static readonly DiagnosticDescriptor InactivePlan = Create(
        RuleIds.InactivePlan, "Plan '{0}' {1}", DiagnosticSeverity.Warning,
        "A proposal (no approvedBy/approvedAt) or an expired plan approves nothing.");

    public static readonly DiagnosticDescriptor UnverifiedApproval = Create(
        RuleIds.UnverifiedApproval, "Plan '{0}' {1}", DiagnosticSeverity.Error,
        "With GovernanceRequireSignedPlans, only plans signed by a key in the trust root (GovernanceAllowedSigners) approve anything.");

    public static readonly DiagnosticDescriptor UnapprovedModule = Create(
        RuleIds.UnapprovedModule, "{0} '{1}' is not in the baseline of '{2}' and no approved plan covers it{3}. Add it to an approved plan's \"modules\" (for example \"{4}\"), or move the code into an approved module.",
        DiagnosticSeverity.Error,
        "Every module (top-level type, or namespace with GovernanceModuleGranularity=Namespace) must be in the project's baseline or covered by an approved, unexpired plan that applies to the project.");

    public static readonly DiagnosticDescriptor UnapprovedModuleReference = Create(
        RuleIds.UnapprovedModuleReference, "'{0}' belongs to module '{1}', which no plan approves (declared in {2}). This code is in the blast radius of that GOV100: approve the module or stop depending on it.",
        DiagnosticSeverity.Warning,
        "Every reference from other code to a type of an unapproved module, so that a reviewer sees the whole chain that leans on it, not only the first link.");

    public static readonly DiagnosticDescriptor UnapprovedPackageUse = Create(
        RuleIds.UnapprovedPackageUse, "'{0}' comes from package {1}, which is not approved for '{2}'. Remove the use, or approve the package in a plan.",
        DiagnosticSeverity.Warning,
        "Code that uses an assembly from a package that neither the baseline nor an approved plan lists for this project.");

    public static readonly DiagnosticDescriptor UnusedApproval = Create(
        RuleIds.UnusedApproval, "Module pattern \"{0}\" of plan '{1}' approved nothing in '{2}'. Remove it if the work is done, so that stale approvals do not widen the scope.",
        DiagnosticSeverity.Info,
        "An approved plan entry that nothing in the build used.",
        CompilationEnd);

    public static readonly DiagnosticDescriptor ModuleInventory = Create(
        RuleIds.ModuleInventory, "{0}", DiagnosticSeverity.Info,
        "Emitted only while the baseline is updated (GovernanceUpdateBaseline=true): the module names the MSBuild task writes into the baseline.",
        WellKnownDiagnosticTags.NotConfigurable);

    public static readonly DiagnosticDescriptor AnalyzerHeartbeat = Create(
        RuleIds.AnalyzerHeartbeat, "Governance analyzers checked {0} module(s) of '{1}'", DiagnosticSeverity.Info,
        "Emitted once per governed compilation into the compiler's error log, so that the receipt can tell a clean check from a check that never ran.",
        WellKnownDiagnosticTags.NotConfigurable, CompilationEnd);

    private static DiagnosticDescriptor Create(string id, string messageFormat, DiagnosticSeverity severity, string description, params string[] extraTags)
    {
        var rule = RuleCatalog.Get(id);
        var tags = new string[extraTags.Length + 1];
        tags[0] = Governance;
        extraTags.CopyTo(tags, 1);
        return new DiagnosticDescriptor(id, rule.Title, messageFormat, RuleCatalog.Category, severity, isEnabledByDefault: true,
            description: description, helpLinkUri: rule.HelpUri, customTags: tags);
    }
}
