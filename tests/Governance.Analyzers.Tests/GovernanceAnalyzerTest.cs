using System.Collections.Immutable;
using Governance.Core.Rules;
using Governance.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Governance.Analyzers.Tests;

/// <summary>
/// The governance analyzers on Microsoft.CodeAnalysis.Testing, with the inputs shaped as the package's MSBuild files
/// produce them: governance files as <c>TestState.AdditionalFiles</c>, and one global analyzer config holding the
/// <c>build_property.Governance*</c> keys and, in a section per file, <c>build_metadata.AdditionalFiles.GovernanceKind</c>
/// (what the SDK's GenerateMSBuildEditorConfig writes). Expected diagnostics are markup in the sources
/// (<c>{|GOV100:Name|}</c>) or <see cref="DiagnosticResult"/>s in <c>ExpectedDiagnostics</c>.
/// </summary>
internal sealed class GovernanceAnalyzerTest : CSharpAnalyzerTest<ModuleAnalyzer, DefaultVerifier>
{
    public const string Root = GovernanceTestInputs.Root;
    public const string Project = GovernanceTestInputs.Project;
    public const string PlansDir = GovernanceTestInputs.PlansDir;
    public const string BaselinePath = GovernanceTestInputs.BaselinePath;

    private readonly DiagnosticAnalyzer[] _analyzers;
    private readonly Dictionary<string, Dictionary<string, string>> _fileMetadata = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="analyzers"/>; none means the module and governance-file analyzers.</summary>
    public GovernanceAnalyzerTest(params DiagnosticAnalyzer[] analyzers)
    {
        _analyzers = analyzers.Length == 0 ? [new ModuleAnalyzer(), new GovernanceFileAnalyzer()] : analyzers;

        // Hermetic: the .NET 10 reference assemblies come from Basic.Reference.Assemblies, nothing is downloaded.
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);

        // The library's generated-code and #pragma checks stay on: generated types are modules like written ones, and
        // a #pragma does silence the compiler's report of a GOV100 (the receipt then reports GOV300).
        SolutionTransforms.Add((solution, projectId) =>
        {
            solution = solution.WithProjectAssemblyName(projectId, "Payments");
            _project = solution.GetProject(projectId);
            return solution;
        });
    }

    private Project? _project;
    private bool _buildOnly;

    /// <summary>Ids left out of results unless a test asks for them: the heartbeat and the unused-approval info.</summary>
    public HashSet<string> Ignored { get; } = new() { "GOV191", "GOV005" };

    /// <summary>The build_property.* values, as the package's targets expose them.</summary>
    public Dictionary<string, string> Properties { get; } = GovernanceTestInputs.DefaultProperties();

    /// <summary>An executable for top-level statements (which a library may not hold).</summary>
    public OutputKind OutputKind
    {
        get => TestState.OutputKind ?? OutputKind.DynamicallyLinkedLibrary;
        set => TestState.OutputKind = value;
    }

    /// <summary>Per-file .editorconfig options (`generated_code = true`), keyed by source path.</summary>
    public Dictionary<string, Dictionary<string, string>> FileOptions { get; } = new();

    /// <summary>The diagnostics the last run reported (after <see cref="Ignored"/>), for what an expected diagnostic
    /// cannot say: properties, a fragment of a message.</summary>
    public ImmutableArray<Diagnostic> Actual { get; private set; } = ImmutableArray<Diagnostic>.Empty;

    private bool _actualTaken;

    public GovernanceAnalyzerTest Source(string path, string text)
    {
        TestState.Sources.Add((path, text));
        return this;
    }

    public GovernanceAnalyzerTest Plan(string name, string text) => AdditionalFile(PlansDir + name, text, "Plan");

    public GovernanceAnalyzerTest Baseline(params string[] modules) => BaselineText(BaselineJson(modules));

    public GovernanceAnalyzerTest BaselineText(string text) => AdditionalFile(BaselinePath, text, "Baseline");

    public GovernanceAnalyzerTest AdditionalFile(string path, string text, string? kind)
    {
        TestState.AdditionalFiles.Add((path, text));
        if (kind is not null)
        {
            Metadata(path)["GovernanceKind"] = kind;
        }

        return this;
    }

    /// <summary>Adds a metadata reference whose path says which package it came from, as NuGet lays packages out.</summary>
    public GovernanceAnalyzerTest Reference(MetadataReference reference)
    {
        TestState.AdditionalReferences.Add(reference);
        return this;
    }

    /// <summary>The baseline of a referenced project as the package's targets pass it in: at that project's baseline
    /// path (unless <paramref name="path"/> says otherwise), with the name of the assembly the project builds.</summary>
    public GovernanceAnalyzerTest ReferencedBaseline(string project, string assembly, string[] modules, string? path = null)
    {
        path ??= Root + ".governance/baseline/" + project + ".json";
        AdditionalFile(path, BaselineJson(modules).Replace(Project, project), "ReferencedBaseline");
        Metadata(path)["GovernanceAssembly"] = assembly;
        return this;
    }

    /// <summary>A referenced project's module summary as the package's targets pass it in a build (the path its build
    /// output names), with the name of the assembly that project builds.</summary>
    public GovernanceAnalyzerTest ReferencedModuleSummary(string assembly, string text, string path = "/repo/src/Core/obj/Debug/net10.0/governance/module-summary.txt")
    {
        AdditionalFile(path, text, "ReferencedModuleSummary");
        Metadata(path)["GovernanceAssembly"] = assembly;
        return this;
    }

    /// <summary>Another project of the solution that this one references, as the IDE has it: its live compilation.</summary>
    public GovernanceAnalyzerTest ProjectReference(string assemblyName, string source)
    {
        var other = TestState.AdditionalProjects[assemblyName];
        other.Sources.Add(("/repo/src/" + assemblyName + "/Code.cs", source));
        other.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        TestState.AdditionalProjectReferences.Add(assemblyName);
        return this;
    }

    /// <summary>Another project's output as a build references it: its metadata, at <paramref name="path"/>.</summary>
    public static MetadataReference BuiltReference(string assemblyName, string source, string path) =>
        MetadataReference.CreateFromImage(FakePackage.Build(assemblyName, source), filePath: path);

    public GovernanceAnalyzerTest Expect(params DiagnosticResult[] expected)
    {
        ExpectedDiagnostics.AddRange(expected);
        return this;
    }

    /// <summary>An expected diagnostic of the rule, at the catalog's severity.</summary>
    public static DiagnosticResult Diagnostic(string id) => new(id, SeverityOf(RuleCatalog.Get(id).Severity));

    public static DiagnosticSeverity SeverityOf(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => DiagnosticSeverity.Error,
        RuleSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    public static string BaselineJson(IEnumerable<string> modules, string tfm = "net10.0", string granularity = "Type") =>
        GovernanceTestInputs.BaselineJson(modules, tfm, granularity);

    protected override Task RunImplAsync(CancellationToken cancellationToken)
    {
        // Written at each run, so a test may change a property between two runs of the same project.
        var previous = TestState.AnalyzerConfigFiles.Where(f => f.filename == GovernanceTestInputs.GlobalConfigPath).ToList();
        previous.ForEach(f => TestState.AnalyzerConfigFiles.Remove(f));
        _actualTaken = false;
        TestState.AnalyzerConfigFiles.Add((GovernanceTestInputs.GlobalConfigPath, GovernanceTestInputs.GlobalConfig(Properties, _fileMetadata, FileOptions)));
        return base.RunImplAsync(cancellationToken);
    }

    private Dictionary<string, string> Metadata(string path)
    {
        if (!_fileMetadata.TryGetValue(path, out var metadata))
        {
            _fileMetadata[path] = metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return metadata;
    }

    /// <summary>Runs the build-facts generator before the analyzers, as a real build does; what it generates is
    /// compared with <c>TestState.GeneratedSources</c>.</summary>
    public bool WithBuildFactsGenerator { get; set; }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => _buildOnly ? [] : _analyzers;

    protected override IEnumerable<Type> GetSourceGenerators() => WithBuildFactsGenerator ? [typeof(BuildFactsGenerator)] : [];

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Preview);

    protected override CompilationOptions CreateCompilationOptions() => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithAllowUnsafe(true);

    protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics)
    {
        var kept = base.FilterDiagnostics(diagnostics)
            .Where(d => _buildOnly ? d.diagnostic.Id.StartsWith("CS", StringComparison.Ordinal) : !Ignored.Contains(d.diagnostic.Id)).ToImmutableArray();
        // The first call is the test's own sources; later ones are the library's generated-code and #pragma checks.
        if (!_actualTaken)
        {
            Actual = kept.Select(d => d.diagnostic).ToImmutableArray();
            _actualTaken = true;
        }

        return kept;
    }

    // Direct code, for what fixed expected diagnostics cannot say: tests that compare two judgements of one
    // compilation (the build-facts generator's against the analyzers' own, a run with facts against one without) or
    // measure the generated facts. They take the project exactly as the library builds it from TestState.

    /// <summary>The folder the compiler puts generated trees under in these tests (CompilerGeneratedFilesOutputPath).</summary>
    public const string GeneratedFolder = "/repo/src/Payments/obj/governance/generated";

    /// <summary>The compilation <see cref="RunAfterGeneratorsAsync"/> gave the analyzers.</summary>
    public Compilation? LastCompilation { get; private set; }

    /// <summary>The project the last run built (verified or not).</summary>
    public Project LastProject => _project ?? throw new InvalidOperationException("The test has not run.");

    /// <summary>The project the library builds from TestState as it is now; the run checks only that its sources
    /// compile (unless <c>CompilerDiagnostics</c> says otherwise).</summary>
    public async Task<Project> ProjectAsync()
    {
        _buildOnly = true;
        try
        {
            await RunAsync();
        }
        finally
        {
            _buildOnly = false;
        }

        return LastProject;
    }

    /// <summary>What the analyzers (<paramref name="analyzers"/>, else this test's) report on the project, GOV ids and
    /// AD0001 only, without <see cref="Ignored"/>, in file and position order.</summary>
    public async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(params DiagnosticAnalyzer[] analyzers) =>
        await DiagnosticsAsync(await ProjectAsync(), analyzers);

    /// <summary>The same, on another version of the project (an edit, as the IDE makes a compilation per keystroke).</summary>
    public async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project, params DiagnosticAnalyzer[] analyzers) =>
        await AnalyzeAsync((await project.GetCompilationAsync())!, project.AnalyzerOptions, analyzers);

    /// <summary>
    /// As the compiler runs a real build: the generators first (the build-facts generator, then <paramref name="others"/>),
    /// their trees added after the project's own under <see cref="GeneratedFolder"/>, then the analyzers on that compilation.
    /// </summary>
    public async Task<ImmutableArray<Diagnostic>> RunAfterGeneratorsAsync(DiagnosticAnalyzer[] analyzers, params ISourceGenerator[] others)
    {
        var project = await ProjectAsync();
        var options = project.AnalyzerOptions;
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new BuildFactsGenerator().AsSourceGenerator() }.Concat(others),
            options.AdditionalFiles, (CSharpParseOptions)project.ParseOptions!, options.AnalyzerConfigOptionsProvider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false, baseDirectory: GeneratedFolder));
        driver.RunGeneratorsAndUpdateCompilation((await project.GetCompilationAsync())!, out var generated, out var generatorDiagnostics);
        if (generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("A generator failed: " + string.Join("; ", generatorDiagnostics));
        }

        LastCompilation = generated;
        return await AnalyzeAsync(generated, options, analyzers);
    }

    /// <summary>Runs the build-facts generator (as the compiler does before the analyzers) on the project; its result
    /// holds the generated sources (none when it is off).</summary>
    public async Task<GeneratorRunResult> RunGeneratorAsync()
    {
        var project = await ProjectAsync();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new BuildFactsGenerator().AsSourceGenerator() },
            additionalTexts: project.AnalyzerOptions.AdditionalFiles, parseOptions: (CSharpParseOptions)project.ParseOptions!,
            optionsProvider: project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        return driver.RunGenerators((await project.GetCompilationAsync())!).GetRunResult().Results.Single();
    }

    private async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions options, DiagnosticAnalyzer[] analyzers)
    {
        var withAnalyzers = compilation.WithAnalyzers((analyzers.Length == 0 ? _analyzers : analyzers).ToImmutableArray(),
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        return diagnostics.Where(d => (d.Id.StartsWith("GOV", StringComparison.Ordinal) && !Ignored.Contains(d.Id)) || d.Id == "AD0001")
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>"File(line,column): severity ID: message", for comparing two runs' diagnostics.</summary>
    public static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var where = d.Location == Location.None ? "(none)" : Path.GetFileName(span.Path) + "(" + (span.StartLinePosition.Line + 1) + "," + (span.StartLinePosition.Character + 1) + ")";
        return where + ": " + d.Severity.ToString().ToLowerInvariant() + " " + d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}
