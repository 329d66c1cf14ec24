using System.Collections.Immutable;
using Governance.Analyzers;
using Governance.Core.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Governance.Analyzers.Tests;

/// <summary>
/// The build facts record the severity the compiler reports a governance diagnostic with, so that the receipt holds
/// whenever one failed the build. Each case asks the compiler itself (a compilation with an analyzer that reports the
/// id at the declared type) and compares with <see cref="ReportedSeverity"/>.
/// </summary>
public sealed class ReportedSeverityTests
{
    public static TheoryData<string, DiagnosticSeverity, ReportDiagnostic, string?, string?, string?> Cases => new()
    {
        // id, reported, /warnaserror, specific option (+ = error, - = warnaserror-, n = nowarn), tree config, global config
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Default, null, null, null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Error, null, null, null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Error, "-", null, null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Default, "+", null, null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Error, "n", null, null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Default, null, "error", null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Default, null, null, "error" },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Error, null, "warning", null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Error, "-", "warning", null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Error, "-", null, "error" },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Error, "-", "error", null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Default, "-", "error", null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Default, "+", null, "warning" },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Default, "n", "error", null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Default, "+", "warning", null },
        { "GOV101", DiagnosticSeverity.Warning, ReportDiagnostic.Default, null, "suggestion", "error" },
        { "GOV100", DiagnosticSeverity.Error, ReportDiagnostic.Default, null, null, null },
        { "GOV100", DiagnosticSeverity.Error, ReportDiagnostic.Default, "-", null, null },
        { "GOV100", DiagnosticSeverity.Warning, ReportDiagnostic.Error, null, null, null },
        { "GOV100", DiagnosticSeverity.Warning, ReportDiagnostic.Error, "-", null, null },
        { "GOV003", DiagnosticSeverity.Warning, ReportDiagnostic.Error, null, null, "warning" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_severity_recorded_is_the_one_the_compiler_reports(string id, DiagnosticSeverity reported, ReportDiagnostic general, string? specific, string? treeConfig, string? globalConfig)
    {
        var compilation = Probe();
        var tree = compilation.SyntaxTrees.Single();
        var specificOptions = specific switch
        {
            "+" => ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(id, ReportDiagnostic.Error),
            "-" => ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(id, ReportDiagnostic.Default),
            "n" => ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(id, ReportDiagnostic.Suppress),
            _ => ImmutableDictionary<string, ReportDiagnostic>.Empty,
        };
        compilation = compilation.WithOptions(compilation.Options
            .WithGeneralDiagnosticOption(general)
            .WithSpecificDiagnosticOptions(specificOptions)
            .WithSyntaxTreeOptionsProvider(new ConfiguredSeverities(tree, id, Parse(treeConfig), Parse(globalConfig))));

        var analyzer = new ReportAtType(new DiagnosticDescriptor(id, "probe", "probe", "Governance", reported, isEnabledByDefault: true));
        var diagnostics = await compilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync();
        var compiler = diagnostics.SingleOrDefault(d => d.Id == id) is { } d && !d.IsSuppressed
            ? d.Severity switch
            {
                DiagnosticSeverity.Error => RuleSeverity.Error,
                DiagnosticSeverity.Warning => RuleSeverity.Warning,
                _ => RuleSeverity.Info,
            }
            : RuleSeverity.Info;

        Assert.Equal(compiler, ReportedSeverity.Of(compilation, id, reported, tree, CancellationToken.None));
    }

    [Fact]
    public void A_raise_in_one_file_counts_for_the_compilation()
    {
        var compilation = Probe();
        var tree = compilation.SyntaxTrees.Single();
        Assert.False(ReportedSeverity.RaisedToErrorAnywhere(compilation, "GOV101", CancellationToken.None));

        var raised = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new ConfiguredSeverities(tree, "GOV101", ReportDiagnostic.Error, null)));
        Assert.True(ReportedSeverity.RaisedToErrorAnywhere(raised, "GOV101", CancellationToken.None));
        Assert.False(ReportedSeverity.RaisedToErrorAnywhere(raised, "GOV110", CancellationToken.None));

        var promoted = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        Assert.True(ReportedSeverity.RaisedToErrorAnywhere(promoted, "GOV110", CancellationToken.None));
        var kept = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            .WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("GOV110", ReportDiagnostic.Default)));
        Assert.False(ReportedSeverity.RaisedToErrorAnywhere(kept, "GOV110", CancellationToken.None));
    }

    /// <summary>Direct code: these cases set the compiler's own severity options (/warnaserror, specific options, a
    /// SyntaxTreeOptionsProvider per tree and global) and ask the compiler what it reports, which the testing library
    /// does not expose.</summary>
    private static CSharpCompilation Probe() =>
        CSharpCompilation.Create("Probe", [CSharpSyntaxTree.ParseText("namespace Probe;\n\npublic class Widget { }\n", path: "/repo/src/Probe/Code.cs")],
            Basic.Reference.Assemblies.Net100.References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static ReportDiagnostic? Parse(string? severity) => severity switch
    {
        null => null,
        "error" => ReportDiagnostic.Error,
        "warning" => ReportDiagnostic.Warn,
        "suggestion" => ReportDiagnostic.Info,
        _ => ReportDiagnostic.Suppress,
    };

    /// <summary>`dotnet_diagnostic.ID.severity` as the compiler gets it from an .editorconfig section matching the
    /// file (<c>tree</c>) and from a global analyzer config (<c>global</c>).</summary>
    private sealed class ConfiguredSeverities(SyntaxTree configuredTree, string id, ReportDiagnostic? tree, ReportDiagnostic? global) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree syntaxTree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree syntaxTree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = tree ?? ReportDiagnostic.Default;
            return tree is not null && syntaxTree == configuredTree && diagnosticId == id;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = global ?? ReportDiagnostic.Default;
            return global is not null && diagnosticId == id;
        }
    }

    // A probe run in-process by the test, never loaded by a compiler: the rules for shipped analyzers do not apply.
#pragma warning disable RS1036, RS1038, RS1041
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ReportAtType(DiagnosticDescriptor rule) : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [rule];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(c => c.ReportDiagnostic(Diagnostic.Create(rule, c.Symbol.Locations[0])), SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1036, RS1038, RS1041
}
