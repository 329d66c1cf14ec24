using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Governance.Core;
using Governance.Core.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Governance.Analyzers;

/// <summary>
/// GOV100: every module declared in source must be in the project's baseline or covered by an approved plan that
/// applies to the project. GOV002: the project has no usable baseline (one diagnostic instead of one GOV100 per type).
/// GOV190: in baseline-update mode, the module inventory the MSBuild task reads back from the SARIF log.
/// One walk over the declared symbols (no syntax, no semantic models) judges every module; symbol actions are
/// registered only when something is unapproved, to report it at its declaration. In a real build the build-facts
/// generator has judged the same modules already, and when its facts leave nothing to report the walk is skipped
/// (<see cref="GeneratedBuildFacts"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModuleAnalyzer : DiagnosticAnalyzer
{
    public const string ModuleProperty = "Module";
    public const string SuggestedPatternProperty = "SuggestedPattern";
    public const string ProjectProperty = "Project";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnapprovedModule, DiagnosticDescriptors.MissingBaseline, DiagnosticDescriptors.ModuleInventory, DiagnosticDescriptors.AnalyzerHeartbeat, DiagnosticDescriptors.UnusedApproval);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code declares no modules of its own (source generators, designers).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        GovernanceInputs inputs;
        try
        {
            var options = GovernanceOptions.From(context.Options);
            if (!options.IsGoverned)
            {
                return;
            }

            inputs = GovernanceInputs.Read(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return;
        }

        var options2 = inputs.Options;
        var checkedModules = new StrongBox<int>();
        context.RegisterCompilationEndAction(end => end.ReportDiagnostic(
            Diagnostic.Create(DiagnosticDescriptors.AnalyzerHeartbeat, Location.None, Volatile.Read(ref checkedModules.Value), options2.ProjectPath)));
        if (options2.UpdateBaseline)
        {
            RegisterModuleAction(context, options2, checkedModules, (symbolContext, module, location, _) =>
                symbolContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ModuleInventory, location, module)));
            return;
        }

        if (inputs.BaselineProblem is not null)
        {
            if (MissingBaselineDiagnostic(inputs) is { } missing)
            {
                context.RegisterCompilationEndAction(end => end.ReportDiagnostic(missing));
            }

            return;
        }

        // In a real build the build-facts generator has judged every module of this compilation with the same inputs:
        // when it found nothing to report here (no unapproved module, no unused approval), there is nothing to do.
        if (GeneratedBuildFacts.Of(context.Compilation, options2) is { UnapprovedModules: 0 } facts && !facts.Findings.Any(f => f.RuleId == DiagnosticDescriptors.UnusedApproval.Id))
        {
            Volatile.Write(ref checkedModules.Value, facts.ModulesChecked);
            return;
        }

        var approvals = new ModuleApprovals(inputs.BaselineTarget, inputs.ProjectAssessments);

        // One walk over the declared types (declarations only, no binding) decides everything on the passing path:
        // the heartbeat's count, the patterns that approved something (GOV005), and whether any module is unapproved.
        // Only then are symbol actions registered, to place GOV100 at each declaration (and to leave generated code
        // out, as the compiler decides it). A symbol action on every type of a large project was this analyzer's cost.
        var scan = ScanDeclaredModules(context.Compilation, approvals, options2.NamespaceGranularity);
        Volatile.Write(ref checkedModules.Value, scan.Count);
        RegisterUnusedApprovals(context, inputs, scan.UsedPatterns);

        if (!scan.AnyUnapproved)
        {
            return;
        }

        RegisterModuleAction(context, options2, counter: null, (symbolContext, module, location, additional) =>
        {
            var decision = approvals.Evaluate(module);
            if (!decision.Approved)
            {
                symbolContext.ReportDiagnostic(UnapprovedModuleDiagnostic(options2, module, decision.Explanation, location, additional));
            }
        });
    }

    /// <summary>GOV100 for one module, as the analyzer reports it and as the build facts record it.</summary>
    internal static Diagnostic UnapprovedModuleDiagnostic(GovernanceOptions options, string module, string? explanation, Location location, IEnumerable<Location>? additional)
    {
        var severity = options.Mode == GovernanceMode.Audit ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        var suggestion = SuggestPattern(module, options.NamespaceGranularity);
        var properties = ImmutableDictionary.CreateRange(new[]
        {
            new KeyValuePair<string, string?>(ModuleProperty, module),
            new KeyValuePair<string, string?>(SuggestedPatternProperty, suggestion),
            new KeyValuePair<string, string?>(ProjectProperty, options.ProjectPath),
        });
        return Diagnostic.Create(DiagnosticDescriptors.UnapprovedModule, location, severity, additional, properties,
            options.NamespaceGranularity ? "Namespace" : "Type", module, options.ProjectPath, explanation is null ? string.Empty : " (" + explanation.Trim() + ")", suggestion);
    }

    /// <summary>GOV002 for a project without a usable baseline; null when a located GOV001 already says why.</summary>
    internal static Diagnostic? MissingBaselineDiagnostic(GovernanceInputs inputs)
    {
        if (string.IsNullOrEmpty(inputs.BaselineProblem))
        {
            return null;
        }

        var severity = inputs.Options.Mode == GovernanceMode.Audit ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        return Diagnostic.Create(DiagnosticDescriptors.MissingBaseline, Location.None, severity, null, null, inputs.BaselineProblem);
    }

    private sealed class ModuleScan
    {
        public int Count;
        public bool AnyUnapproved;
        public HashSet<(PlanAssessment Plan, int Index)> UsedPatterns { get; } = new();
    }

    /// <summary>Judges every module declared in the compilation, generated code included: a pattern that matches
    /// only a generated type did approve something, and a generated unapproved type only means the symbol actions run
    /// (which then skip it, as the compiler decides what is generated).</summary>
    private static ModuleScan ScanDeclaredModules(Compilation compilation, ModuleApprovals approvals, bool namespaceGranularity)
    {
        var scan = new ModuleScan();
        foreach (var module in DeclaredModules.Of(compilation, namespaceGranularity))
        {
            scan.Count++;
            var decision = approvals.Evaluate(module);
            if (!decision.Approved)
            {
                scan.AnyUnapproved = true;
            }
            else if (decision.Plan is not null)
            {
                scan.UsedPatterns.Add((decision.Plan, decision.PatternIndex));
            }
        }

        return scan;
    }

    /// <summary>
    /// GOV005 for module patterns of approved plans scoped to exactly this project that matched nothing. A plan for
    /// several projects may rightly use a pattern in only one of them, so only single-project plans are judged here.
    /// </summary>
#pragma warning disable RS1013 // Only an end action: 'used' comes from the declaration walk, not from other actions.
    private static void RegisterUnusedApprovals(CompilationStartAnalysisContext context, GovernanceInputs inputs, HashSet<(PlanAssessment Plan, int Index)> used)
#pragma warning restore RS1013
    {
        var candidates = UnusedApprovalCandidates(inputs);
        if (candidates.Count == 0)
        {
            return;
        }

        context.RegisterCompilationEndAction(end =>
        {
            foreach (var diagnostic in UnusedApprovalDiagnostics(inputs, candidates, used))
            {
                end.ReportDiagnostic(diagnostic);
            }
        });
    }

    /// <summary>Approved plans whose module patterns GOV005 judges: those scoped to exactly this project.</summary>
    internal static List<PlanAssessment> UnusedApprovalCandidates(GovernanceInputs inputs)
    {
        var candidates = new List<PlanAssessment>();
        foreach (var plan in inputs.ProjectAssessments)
        {
            if (plan.Approves && plan.Plan.Projects is { Count: 1 } && plan.Plan.Modules.Count > 0)
            {
                candidates.Add(plan);
            }
        }

        return candidates;
    }

    internal static List<Diagnostic> UnusedApprovalDiagnostics(GovernanceInputs inputs, List<PlanAssessment> candidates, HashSet<(PlanAssessment Plan, int Index)> used)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var plan in candidates)
        {
            var file = inputs.PlanFiles.Find(f => string.Equals(f.File.Path, plan.Plan.Path, StringComparison.Ordinal));
            for (var i = 0; i < plan.Plan.Modules.Count; i++)
            {
                if (used.Contains((plan, i)))
                {
                    continue;
                }

                var entry = plan.Plan.Modules[i];
                var location = Location.None;
                if (file.Text is not null)
                {
                    var span = new Microsoft.CodeAnalysis.Text.TextSpan(entry.Offset, entry.Length);
                    location = Location.Create(plan.Plan.Path, span, file.Text.Lines.GetLinePositionSpan(span));
                }

                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnusedApproval, location, entry.Value.Text, plan.Plan.DispatchId, inputs.Options.ProjectPath));
            }
        }

        return diagnostics;
    }

    /// <summary>The pattern to suggest: the module's own namespace with ".**" for types (approving a new area, not
    /// one type), the namespace itself at namespace granularity.</summary>
    internal static string SuggestPattern(string module, bool namespaceGranularity)
    {
        if (namespaceGranularity)
        {
            return module;
        }

        var dot = module.LastIndexOf('.');
        return dot < 0 ? module : module.Substring(0, dot) + ".**";
    }

    private delegate void ModuleCallback(SymbolAnalysisContext context, string module, Location location, IEnumerable<Location>? additionalLocations);

    private static void RegisterModuleAction(CompilationStartAnalysisContext context, GovernanceOptions options, StrongBox<int>? counter, ModuleCallback onModule)
    {
        var generated = new GeneratedCode(context.Options.AnalyzerConfigOptionsProvider);
        if (counter is not null)
        {
            var inner = onModule;
            onModule = (symbolContext, module, location, additional) =>
            {
                Interlocked.Increment(ref counter.Value);
                inner(symbolContext, module, location, additional);
            };
        }

        if (options.NamespaceGranularity)
        {
            context.RegisterSymbolAction(symbolContext =>
            {
                var ns = (INamespaceSymbol)symbolContext.Symbol;
                if (ns.IsGlobalNamespace || !DeclaresModuleTypes(ns))
                {
                    return;
                }

                var locations = SourceLocations(ns, generated);
                if (locations.Count > 0)
                {
                    onModule(symbolContext, ModuleNames.Of(ns), locations[0], null);
                }
            }, SymbolKind.Namespace);
        }

        context.RegisterSymbolAction(symbolContext =>
        {
            var type = (INamedTypeSymbol)symbolContext.Symbol;
            if (!ModuleNames.IsModuleType(type) || (options.NamespaceGranularity && !type.ContainingNamespace.IsGlobalNamespace))
            {
                return;
            }

            var locations = SourceLocations(type, generated);
            if (locations.Count == 0)
            {
                return;
            }

            var module = ModuleNames.Of(type, namespaceGranularity: false);
            onModule(symbolContext, module, locations[0], locations.Count > 1 ? locations.GetRange(1, locations.Count - 1) : null);
        }, SymbolKind.NamedType);
    }

    private static bool DeclaresModuleTypes(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            if (ModuleNames.IsModuleType(type) && ModuleNames.HasSourceLocation(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Source locations in reporting order (<see cref="GeneratedCode.InReportingOrder"/>).</summary>
    internal static List<Location> SourceLocations(ISymbol symbol, GeneratedCode generated)
    {
        var locations = symbol.Locations;
        if (locations.Length == 1)
        {
            // Almost every type: one declaration, nothing to order.
            return locations[0].IsInSource ? new List<Location>(1) { locations[0] } : new List<Location>(0);
        }

        var inSource = new List<Location>();
        foreach (var location in locations)
        {
            if (location.IsInSource)
            {
                inSource.Add(location);
            }
        }

        return generated.InReportingOrder(inSource);
    }
}
