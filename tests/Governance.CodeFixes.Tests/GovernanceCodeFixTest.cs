using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Governance.Analyzers;
using Governance.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Governance.CodeFixes.Tests;

/// <summary>
/// A code fix of GOV100 on Microsoft.CodeAnalysis.Testing, with the governance files as additional files and the
/// global analyzer config the package's MSBuild files produce (see GovernanceTestInputs). Only GOV100 is compared:
/// the fixes act on it, and the plan's other diagnostics (GOV005 for its unused patterns) are not theirs.
/// </summary>
internal sealed class GovernanceCodeFixTest<TCodeFix> : CSharpCodeFixTest<ModuleAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public GovernanceCodeFixTest(string[] baselineModules)
    {
        // Hermetic: the .NET 10 reference assemblies come from Basic.Reference.Assemblies, nothing is downloaded.
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        TestState.AdditionalFiles.Add((GovernanceTestInputs.BaselinePath, GovernanceTestInputs.BaselineJson(baselineModules)));
        _kinds[GovernanceTestInputs.BaselinePath] = new() { ["GovernanceKind"] = "Baseline" };
    }

    private readonly Dictionary<string, Dictionary<string, string>> _kinds = new(StringComparer.Ordinal);

    public GovernanceCodeFixTest<TCodeFix> Plan(string path, string text)
    {
        TestState.AdditionalFiles.Add((path, text));
        _kinds[path] = new() { ["GovernanceKind"] = "Plan" };
        return this;
    }

    /// <summary>The approved text of a fix's output, kept beside the test as <c>&lt;TestClass&gt;.&lt;name&gt;.verified.txt</c>.</summary>
    public static string Verified(string name, [CallerFilePath] string sourceFile = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(sourceFile)!, Path.GetFileNameWithoutExtension(sourceFile) + "." + name + ".verified.txt"));

    protected override Task RunImplAsync(CancellationToken cancellationToken)
    {
        var config = (GovernanceTestInputs.GlobalConfigPath, GovernanceTestInputs.GlobalConfig(GovernanceTestInputs.DefaultProperties(), _kinds));
        TestState.AnalyzerConfigFiles.Add(config);
        if (FixedState.AdditionalFiles.Count > 0 || FixedState.Sources.Count > 0)
        {
            FixedState.AnalyzerConfigFiles.Add(config);
        }

        return base.RunImplAsync(cancellationToken);
    }

    protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics) =>
        base.FilterDiagnostics(diagnostics).Where(d => d.diagnostic.Id == "GOV100").ToImmutableArray();
}
