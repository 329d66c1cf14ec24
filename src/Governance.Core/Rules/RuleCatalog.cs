using System;
using System.Collections.Generic;

namespace Governance.Core.Rules;

public sealed class RuleDescriptor
{
    public RuleDescriptor(string id, string title, RuleSeverity severity, string category, string host, string summary, string? messageFormat = null)
    {
        Id = id;
        Title = title;
        Severity = severity;
        Category = category;
        Host = host;
        Summary = summary;
        MessageFormat = messageFormat;
    }

    public string Id { get; }
    public string Title { get; }
    public RuleSeverity Severity { get; }
    public string Category { get; }

    /// <summary>Which host reports it: "analyzer", "task" or "receipt".</summary>
    public string Host { get; }

    /// <summary>One sentence on what the rule enforces and how to resolve it; used for SARIF rule help.</summary>
    public string Summary { get; }

    /// <summary>The analyzer's message format (composite format string) for a rule an analyzer reports; null where
    /// only the task, the receipt or the check reports it, each writing its own whole message.</summary>
    public string? MessageFormat { get; }

    public string HelpUri => RuleCatalog.HelpUriFor(Id);
}

/// <summary>Metadata of every rule, shared by all hosts (descriptors, task messages, SARIF rules, docs).</summary>
public static class RuleCatalog
{
    public const string HelpBaseUri = "https://github.com/governance-analyzers/Governance.Analyzers/blob/main/docs/rules/";
    public const string Category = "Governance";

    public static string HelpUriFor(string id) => HelpBaseUri + id + ".md";

    private static readonly RuleDescriptor[] s_rules =
    {
        new(RuleIds.InvalidGovernanceFile, "Governance file cannot be read", RuleSeverity.Error, Category, "analyzer",
            "A plan, baseline or trust file is malformed; it approves nothing until it is fixed at the reported line.",
            "{0}"),
        new(RuleIds.MissingBaseline, "Governed project has no baseline", RuleSeverity.Error, Category, "analyzer",
            "Create the baseline with 'dotnet build -p:GovernanceUpdateBaseline=true' and commit .governance/baseline/.",
            "{0}"),
        new(RuleIds.InactivePlan, "Plan is not approved or has expired", RuleSeverity.Warning, Category, "analyzer",
            "A proposal or an expired plan approves nothing; get it approved (approvedBy, approvedAt, a future expiresAt) or delete it.",
            "Plan '{0}' {1}"),
        new(RuleIds.UnverifiedApproval, "Plan approval signature cannot be verified", RuleSeverity.Error, Category, "analyzer, task",
            "Signed approvals are required and this plan's signature is missing, invalid, or from a signer outside the trust root.",
            "Plan '{0}' {1}"),
        new(RuleIds.UnusedApproval, "Approved plan entry is unused", RuleSeverity.Info, Category, "analyzer",
            "Nothing in the build used this approval; remove it so that stale approvals do not widen the scope.",
            "Module pattern \"{0}\" of plan '{1}' approved nothing in '{2}'. Remove it if the work is done, so that stale approvals do not widen the scope."),
        new(RuleIds.ProjectNotGoverned, "Project is outside any governance root", RuleSeverity.Warning, Category, "targets",
            "The package is referenced but no ancestor folder holds the marker .governance/root, so nothing is checked and no receipt is written."),
        new(RuleIds.UnapprovedBaselineChange, "Baseline change is not approved", RuleSeverity.Error, Category, "check",
            "The branch's baseline adds a module or dependency that neither the base branch's baseline nor a trusted plan approves; a baseline written by the branch is never an approval."),
        new(RuleIds.UnapprovedModule, "Module is not approved", RuleSeverity.Error, Category, "analyzer",
            "The type or namespace is neither in the baseline nor covered by an approved plan that applies to this project.",
            "{0} '{1}' is not in the baseline of '{2}' and no approved plan covers it{3}. Add it to an approved plan's \"modules\" (for example \"{4}\"), or move the code into an approved module."),
        new(RuleIds.UnapprovedModuleReference, "Code depends on an unapproved module", RuleSeverity.Warning, Category, "analyzer",
            "This reference uses a type from a module no plan approves (the blast radius of GOV100).",
            "'{0}' belongs to module '{1}', which no plan approves (declared in {2}). This code is in the blast radius of that GOV100: approve the module or stop depending on it."),
        new(RuleIds.UnapprovedPackageUse, "Code uses an unapproved package", RuleSeverity.Warning, Category, "analyzer",
            "This code uses an assembly that came from a package not approved for this project.",
            "'{0}' comes from package {1}, which is not approved for '{2}'. Remove the use, or approve the package in a plan."),
        new(RuleIds.UnapprovedBinary, "Binary in the build output is not approved", RuleSeverity.Error, Category, "task, check",
            "A DLL or EXE in a project's output is not the output of a project of the repository, an asset of an approved package, or an approved assembly reference."),
        new(RuleIds.ModuleInventory, "Module inventory", RuleSeverity.Info, Category, "analyzer",
            "Emitted only while the baseline is updated, to record which modules the project declares.",
            "{0}"),
        new(RuleIds.AnalyzerHeartbeat, "Governance analyzers ran", RuleSeverity.Info, Category, "analyzer",
            "Emitted once per governed compilation so that the receipt can prove the module check ran.",
            "Governance analyzers checked {0} module(s) of '{1}'"),
        new(RuleIds.UnapprovedPackage, "Package is not approved", RuleSeverity.Error, Category, "task",
            "A direct PackageReference is in neither the baseline nor an approved plan."),
        new(RuleIds.PackageVersionOutOfRange, "Package version is not approved", RuleSeverity.Error, Category, "task",
            "The resolved version of a package is outside every approved version or range."),
        new(RuleIds.UnapprovedProjectReference, "Project reference is not approved", RuleSeverity.Error, Category, "task",
            "A ProjectReference is in neither the baseline nor an approved plan."),
        new(RuleIds.UnapprovedAssemblyReference, "Assembly reference is not approved", RuleSeverity.Error, Category, "task",
            "A raw Reference (HintPath, file path, or resolved outside packages, projects and the framework) or Analyzer item is in neither the baseline nor an approved plan."),
        new(RuleIds.NewTransitivePackage, "New transitive package", RuleSeverity.Warning, Category, "task",
            "A package entered the resolved graph since the baseline without a plan that lists it."),
        new(RuleIds.UnapprovedFrameworkReference, "Framework reference is not approved", RuleSeverity.Error, Category, "task, check",
            "A FrameworkReference (a shared framework such as Microsoft.AspNetCore.App) is in neither the baseline nor an approved plan."),
        new(RuleIds.SuppressedInSource, "Governance diagnostic suppressed in source", RuleSeverity.Error, Category, "receipt",
            "A #pragma or SuppressMessage hides a governance diagnostic that no approved plan allows to be suppressed."),
        new(RuleIds.SuppressedByBuildConfiguration, "Governance diagnostic suppressed by configuration", RuleSeverity.Error, Category, "receipt",
            "NoWarn, WarningsNotAsErrors or a lowered .editorconfig severity hides a governance diagnostic."),
        new(RuleIds.AnalyzersDisabled, "Governance analyzers did not run", RuleSeverity.Error, Category, "receipt",
            "RunAnalyzers or RunAnalyzersDuringBuild is false, so the module checks could not run."),
        new(RuleIds.GovernancePropertiesOverridden, "Governance property set outside the command line", RuleSeverity.Error, Category, "receipt",
            "A governance property has a value from a file of the repository, a TreatAsLocalProperty override or an analyzer config key; only the command line may configure the gate."),
        new(RuleIds.ReceiptContradicted, "Build receipt contradicts the trusted check", RuleSeverity.Error, Category, "check",
            "A receipt the build appended says approve where 'dotnet governance check' holds: the build's own account of itself was wrong or forged."),
        new(RuleIds.CheckDidNotRun, "Governance check could not run", RuleSeverity.Error, Category, "task",
            "A check could not run or an input could not be read; a check that did not run is not a pass."),
        new(RuleIds.LedgerRecovered, "Receipt ledger had a torn tail", RuleSeverity.Warning, Category, "task",
            "A previous append was interrupted; its partial line was moved to the quarantine file and kept out of the chain."),
    };

    private static readonly Dictionary<string, RuleDescriptor> s_byId = Index();

    public static IReadOnlyList<RuleDescriptor> All => s_rules;

    public static RuleDescriptor Get(string id) =>
        s_byId.TryGetValue(id, out var rule) ? rule : throw new ArgumentException("Unknown governance rule id '" + id + "'.", nameof(id));

    public static bool TryGet(string id, out RuleDescriptor rule) => s_byId.TryGetValue(id, out rule!);

    private static Dictionary<string, RuleDescriptor> Index()
    {
        var map = new Dictionary<string, RuleDescriptor>(StringComparer.Ordinal);
        foreach (var rule in s_rules)
        {
            map.Add(rule.Id, rule);
        }

        return map;
    }
}
