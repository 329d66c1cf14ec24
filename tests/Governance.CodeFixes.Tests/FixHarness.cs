using System.Collections.Immutable;
using Governance.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Governance.CodeFixes.Tests;

/// <summary>A real workspace: a C# project with sources, plan files as additional documents, and a global analyzer
/// config carrying the build properties and file kinds the package's MSBuild files would pass.</summary>
internal sealed class FixHarness : IDisposable
{
    private readonly AdhocWorkspace _workspace = new();
    private Project _project;

    public FixHarness(string baselineModules)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        _project = _workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Payments", "Payments", LanguageNames.CSharp,
            filePath: "/repo/src/Payments/Payments.csproj",
            compilationOptions: new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            metadataReferences: references));
        Additional("/repo/.governance/baseline/src/Payments/Payments.csproj.json",
            "{ \"schemaVersion\": 1, \"project\": \"src/Payments/Payments.csproj\", \"targets\": { \"net10.0\": { \"modules\": [" + baselineModules + "] } } }");
    }

    public Solution Solution => _project.Solution;

    public FixHarness Source(string path, string text)
    {
        _project = _project.AddDocument(Path.GetFileName(path), SourceText.From(text), filePath: path).Project;
        return this;
    }

    public FixHarness Additional(string path, string text)
    {
        _project = _project.AddAdditionalDocument(Path.GetFileName(path), SourceText.From(text), filePath: path).Project;
        return this;
    }

    public async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync()
    {
        var kinds = string.Concat(_project.AdditionalDocuments.Select(d =>
            "\n[" + d.FilePath + "]\nbuild_metadata.AdditionalFiles.GovernanceKind = " + (d.FilePath!.Contains("/baseline/") ? "Baseline" : "Plan") + "\n"));
        var config = "is_global = true\nbuild_property.GovernanceRoot = /repo/\nbuild_property.GovernanceProjectPath = src/Payments/Payments.csproj\n"
            + "build_property.GovernanceTargetFramework = net10.0\nbuild_property.GovernanceNow = 2026-11-24T12:00:00Z\n" + kinds;
        var withConfig = _project.AnalyzerConfigDocuments.Any()
            ? _project
            : _project.AddAnalyzerConfigDocument(".globalconfig", SourceText.From(config), filePath: "/repo/.globalconfig").Project;
        _project = withConfig;
        var compilation = await _project.GetCompilationAsync();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ModuleAnalyzer());
        var diagnostics = await compilation!.WithAnalyzers(analyzers, _project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id == "GOV100").OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ToImmutableArray();
    }

    public async Task<List<CodeAction>> ActionsAsync(CodeFixProvider provider, Diagnostic diagnostic)
    {
        var document = _project.Solution.GetDocument(diagnostic.Location.SourceTree)!;
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        return actions;
    }

    public static async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
    }

    public async Task<Solution> FixAllAsync(CodeFixProvider provider, string equivalenceKey, FixAllScope scope)
    {
        var diagnostics = await DiagnosticsAsync();
        var document = _project.Solution.GetDocument(diagnostics[0].Location.SourceTree)!;
        var context = new FixAllContext(document, provider, scope, equivalenceKey, provider.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);
        var action = await provider.GetFixAllProvider()!.GetFixAsync(context);
        return await ApplyAsync(action!);
    }

    public static string AdditionalText(Solution solution, string path) =>
        solution.Projects.SelectMany(p => p.AdditionalDocuments).Single(d => d.FilePath == path).GetTextAsync().Result.ToString();

    public void Dispose() => _workspace.Dispose();

    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
