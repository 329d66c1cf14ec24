using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Governance.Core;
using Governance.Core.Findings;
using Governance.Core.Modules;
using Governance.Core.Policy;
using Governance.Core.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Governance.Analyzers;

/// <summary>
/// Hands the module check's results to the receipt step without the compiler's SARIF error log. The log made the
/// compiler run every analyzer whose rules are info or hidden (they are skipped without /errorlog), which cost a
/// 10,000-type build 40–60% of its time (docs/performance.md). This generator instead adds one comment-only file,
/// which the compiler writes under CompilerGeneratedFilesOutputPath (the package's targets point it into
/// obj/…/governance/generated/ when the project has not chosen a folder) also when the compilation fails:
/// the modules it checked, the baseline inventory while the baseline is updated, and every GOV001–GOV005/GOV100
/// finding with its location, computed by the same code the analyzers report with. Its findings do not depend on
/// whether the compiler later reports, suppresses or re-grades the analyzers' diagnostics, so a `#pragma`, a
/// `[SuppressMessage]` or an .editorconfig severity cannot turn a hold into an approve.
/// Only in real builds (GovernanceBuildFacts=true, never in design-time builds): the IDE gets nothing from it.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class BuildFactsGenerator : IIncrementalGenerator
{
    public const string HintName = "GovernanceBuildFacts.g.cs";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Two combines of reference types and one collect: each node of the pipeline is generic code the JIT compiles
        // in every compiler process, and a Select to bool plus a Combine over it cost more than reading the switch here.
        var inputs = context.CompilationProvider.Combine(context.AnalyzerConfigOptionsProvider).Combine(context.AdditionalTextsProvider.Collect());
        context.RegisterSourceOutput(inputs, (output, input) =>
        {
            var ((compilation, provider), additionalFiles) = input;
            if (!GovernanceOptions.IsBuildFactsOn(provider.GlobalOptions))
            {
                return;
            }

            string? facts;
            try
            {
                facts = BuildFacts.Compute(compilation, new AnalyzerOptions(additionalFiles, provider), output.CancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Recorded as an error of the module check (fail closed), never a silent pass.
                facts = BuildFacts.Failure(ex);
            }

            if (facts is not null)
            {
                output.AddSource(HintName, SourceText.From(facts, Encoding.UTF8));
            }
        });
    }
}

/// <summary>The module check of one compilation as data: see <see cref="BuildFactsGenerator"/>.</summary>
internal static class BuildFacts
{
    public static string? Compute(Compilation compilation, AnalyzerOptions analyzerOptions, CancellationToken cancellationToken)
    {
        var options = GovernanceOptions.From(analyzerOptions);
        if (!options.IsGoverned)
        {
            return null;
        }

        var inputs = GovernanceInputs.Read(analyzerOptions, InstanceTextCache.Instance, cancellationToken);
        var generated = new GeneratedCode(analyzerOptions.AnalyzerConfigOptionsProvider);
        var sites = ModuleSites.Of(compilation.SyntaxTrees, options.NamespaceGranularity);
        var diagnostics = new List<Diagnostic>();
        foreach (var (file, text) in GovernanceFiles(inputs))
        {
            diagnostics.AddRange(GovernanceFileAnalyzer.FileDiagnostics(inputs, file.Path, text));
        }

        List<string>? inventory = null;
        int? unapprovedCount = null;
        var checkedCount = 0;
        if (options.UpdateBaseline)
        {
            inventory = sites.Names();
            inventory.Sort(StringComparer.Ordinal);
            checkedCount = inventory.Count;
        }
        else if (inputs.BaselineProblem is not null)
        {
            if (ModuleAnalyzer.MissingBaselineDiagnostic(inputs) is { } missing)
            {
                diagnostics.Add(missing);
            }
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
            var judgement = ModuleJudgement.Of(new ModuleApprovals(inputs.BaselineTarget, inputs.ProjectAssessments), sites.Names());
            foreach (var unapproved in judgement.Unapproved)
            {
                var locations = ModuleSites.Locations(sites.Modules[unapproved.Index], generated);
                diagnostics.Add(ModuleAnalyzer.UnapprovedModuleDiagnostic(options, unapproved.Module, unapproved.Decision.Explanation, locations[0],
                    locations.Count > 1 ? locations.GetRange(1, locations.Count - 1) : null));
            }

            checkedCount = judgement.Checked;
            unapprovedCount = judgement.Unapproved.Count;
            diagnostics.AddRange(ModuleAnalyzer.UnusedApprovalDiagnostics(inputs, judgement.UnusedPatterns(inputs.ProjectAssessments)));
        }

        var findings = new List<ModuleCheckFinding>(diagnostics.Count);
        foreach (var diagnostic in diagnostics)
        {
            findings.Add(ToFinding(diagnostic, compilation, cancellationToken));
        }

        var raised = new List<string>();
        foreach (var id in s_usageRules)
        {
            if (ReportedSeverity.RaisedToErrorAnywhere(compilation, id, cancellationToken))
            {
                raised.Add(id);
            }
        }

        return new ModuleCheckFacts(options.ProjectPath, options.TargetFramework, checkedCount, inventory, findings, unapprovedCount, compilation.SyntaxTrees.Count(), raised).ToSourceFile();
    }

    public static string Failure(Exception ex) => ModuleCheckFacts.FailureSourceFile("the module check failed: " + ex.GetType().Name + ": " + ex.Message);

    private static IEnumerable<(AdditionalText File, SourceText Text)> GovernanceFiles(GovernanceInputs inputs)
    {
        foreach (var plan in inputs.PlanFiles)
        {
            yield return plan;
        }

        if (inputs.BaselineFile is { } baseline)
        {
            yield return baseline;
        }

        if (inputs.AllowedSignersFile is { } signers)
        {
            yield return signers;
        }
    }

    /// <summary>The rules the usage analyzer reports, which the facts do not compute (see <see cref="ModuleCheckFacts.RaisedToError"/>).</summary>
    private static readonly string[] s_usageRules = { RuleIds.UnapprovedModuleReference, RuleIds.UnapprovedPackageUse };

    private static ModuleCheckFinding ToFinding(Diagnostic diagnostic, Compilation compilation, CancellationToken cancellationToken)
    {
        var span = diagnostic.Location.GetLineSpan();
        var located = diagnostic.Location != Location.None && !string.IsNullOrEmpty(span.Path);
        diagnostic.Properties.TryGetValue(ModuleAnalyzer.ModuleProperty, out var module);
        var severity = ReportedSeverity.Of(compilation, diagnostic.Id, diagnostic.Severity, diagnostic.Location.SourceTree, cancellationToken);
        return new ModuleCheckFinding(diagnostic.Id, severity, diagnostic.GetMessage(CultureInfo.InvariantCulture), located ? span.Path : null,
            located ? span.StartLinePosition.Line + 1 : 0, located ? span.StartLinePosition.Character + 1 : 0, module);
    }
}

/// <summary>
/// The syntax side of the one module enumeration (<see cref="ModuleCollector{TSite}"/>): hands every top-level type
/// declaration of the trees to it, with its namespace as metadata spells it (raw segment names, no '@') and its declared
/// name. Syntax, because a generator sees the compilation before generators ran, and the compiler builds a new one
/// after them, so every symbol this walk made the compiler declare would be declared twice (a symbol walk cost 0.4 s
/// of a 10,000-type compile). Top-level statements declare the class Program. Types that other generators add are not
/// in this compilation: the analyzers (which run after every generator) and the baseline update (which reads the
/// compiled assembly) see them.
/// </summary>
internal static class ModuleSites
{
    /// <summary>Every module the trees declare, in the order first declared, each with its declarations' identifiers.</summary>
    public static ModuleCollector<SyntaxToken> Of(IEnumerable<SyntaxTree> trees, bool namespaceGranularity)
    {
        var modules = new ModuleCollector<SyntaxToken>(namespaceGranularity);
        foreach (var tree in trees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax root)
            {
                Walk(modules, root.Members, string.Empty);
            }
        }

        return modules;
    }

    /// <summary>Where to report a module: its declarations in reporting order (<see cref="GeneratedCode.InReportingOrder"/>).
    /// Made only when asked for: on the passing path no location is ever needed.</summary>
    public static List<Location> Locations(DeclaredModule<SyntaxToken> module, GeneratedCode generated)
    {
        var locations = new List<Location>(module.Sites.Count);
        foreach (var identifier in module.Sites)
        {
            locations.Add(identifier.GetLocation());
        }

        return locations.Count == 1 ? locations : generated.InReportingOrder(locations);
    }

    private static void Walk(ModuleCollector<SyntaxToken> modules, SyntaxList<MemberDeclarationSyntax> members, string ns)
    {
        var topLevelStatements = false;
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax nested:
                    // A file-scoped namespace holds the rest of the file as its members, like a block one.
                    var name = Name(nested.Name);
                    Walk(modules, nested.Members, ns.Length == 0 ? name : ns + "." + name);
                    break;
                case BaseTypeDeclarationSyntax type:
                    // A file-local type is a module like any other, named as declared (ModuleDefinition.FileLocalName).
                    modules.Add(ns, type.Identifier.ValueText, type.Identifier);
                    break;
                case DelegateDeclarationSyntax @delegate:
                    modules.Add(ns, @delegate.Identifier.ValueText, @delegate.Identifier);
                    break;
                case GlobalStatementSyntax statement when !topLevelStatements:
                    // The compiler declares class Program for them (metadata cannot tell it from a written one).
                    topLevelStatements = true;
                    modules.Add(string.Empty, "Program", statement.GetFirstToken());
                    break;
            }
        }
    }

    private static string Name(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => Name(qualified.Left) + "." + Name(qualified.Right),
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => Name(alias.Name),
        _ => name.ToString(),
    };
}
