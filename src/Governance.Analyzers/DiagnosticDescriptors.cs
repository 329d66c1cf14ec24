using System;
using Governance.Core.Rules;
using Microsoft.CodeAnalysis;

namespace Governance.Analyzers;

/// <summary>Every analyzer descriptor, derived from Core's rule catalog (id, title, message format, severity,
/// category, description, help link), so the analyzers, the task, receipts, SARIF reports and docs cannot disagree.
/// Only the Roslyn-specific custom tags are decided here.</summary>
internal static class DiagnosticDescriptors
{
    private const string CompilationEnd = "CompilationEnd";

    public static readonly DiagnosticDescriptor InvalidGovernanceFile = Create(RuleIds.InvalidGovernanceFile);

    public static readonly DiagnosticDescriptor MissingBaseline = Create(RuleIds.MissingBaseline, CompilationEnd);

    public static readonly DiagnosticDescriptor InactivePlan = Create(RuleIds.InactivePlan);

    public static readonly DiagnosticDescriptor UnverifiedApproval = Create(RuleIds.UnverifiedApproval);

    public static readonly DiagnosticDescriptor UnapprovedModule = Create(RuleIds.UnapprovedModule);

    public static readonly DiagnosticDescriptor UnapprovedModuleReference = Create(RuleIds.UnapprovedModuleReference);

    public static readonly DiagnosticDescriptor UnapprovedPackageUse = Create(RuleIds.UnapprovedPackageUse);

    public static readonly DiagnosticDescriptor UnusedApproval = Create(RuleIds.UnusedApproval, CompilationEnd);

    public static readonly DiagnosticDescriptor ModuleInventory = Create(RuleIds.ModuleInventory, WellKnownDiagnosticTags.NotConfigurable);

    public static readonly DiagnosticDescriptor AnalyzerHeartbeat = Create(RuleIds.AnalyzerHeartbeat, WellKnownDiagnosticTags.NotConfigurable, CompilationEnd);

    /// <summary>Every descriptor above; the rule-catalog test compares them with the catalog one by one.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        InvalidGovernanceFile, MissingBaseline, InactivePlan, UnverifiedApproval, UnapprovedModule,
        UnapprovedModuleReference, UnapprovedPackageUse, UnusedApproval, ModuleInventory, AnalyzerHeartbeat,
    };

    private static DiagnosticDescriptor Create(string id, params string[] extraTags)
    {
        var rule = RuleCatalog.Get(id);
        var tags = new string[extraTags.Length + 1];
        tags[0] = RuleCatalog.Category;
        extraTags.CopyTo(tags, 1);
        return new DiagnosticDescriptor(id, rule.Title,
            rule.MessageFormat ?? throw new InvalidOperationException("Rule " + id + " has no analyzer message format in the catalog."),
            rule.Category, SeverityOf(rule.Severity), isEnabledByDefault: true, description: rule.Summary, helpLinkUri: rule.HelpUri, customTags: tags);
    }

    private static DiagnosticSeverity SeverityOf(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => DiagnosticSeverity.Error,
        RuleSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}
