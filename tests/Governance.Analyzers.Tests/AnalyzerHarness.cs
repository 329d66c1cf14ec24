using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Governance.Analyzers.Tests;

/// <summary>
/// Runs the real analyzers on a real <see cref="CSharpCompilation"/> with additional files and analyzer config
/// options shaped exactly as the package's MSBuild files produce them (build_property.* and
/// build_metadata.AdditionalFiles.GovernanceKind). Microsoft.CodeAnalysis.Testing is not available here.
/// </summary>
internal sealed class AnalyzerHarness
{
    public const string Root = "/repo/";
    public const string Project = "src/Payments/Payments.csproj";
    public const string PlansDir = "/repo/.governance/plans/";
    public const string BaselinePath = "/repo/.governance/baseline/src/Payments/Payments.csproj.json";

    private readonly List<(string Path, string Text)> _sources = new();
    private readonly List<MetadataReference> _references = new();

    /// <summary>Adds a metadata reference whose path says which package it came from, as NuGet lays packages out.</summary>
    public AnalyzerHarness Reference(byte[] image, string path)
    {
        _references.Add(MetadataReference.CreateFromImage(image, filePath: path));
        return this;
    }
    private readonly List<(string Path, SourceText Text, string? Kind)> _additional = new();
    private readonly Dictionary<string, string> _assemblies = new(StringComparer.Ordinal);

    /// <summary>Another project's output: its compilation (as the IDE references it) or its metadata (as a build does).</summary>
    public AnalyzerHarness Reference(MetadataReference reference)
    {
        _references.Add(reference);
        return this;
    }

    /// <summary>The baseline of a referenced project as the package's targets pass it in: at that project's baseline
    /// path (unless <paramref name="path"/> says otherwise), with the name of the assembly the project builds.</summary>
    public AnalyzerHarness ReferencedBaseline(string project, string assembly, string[] modules, string? path = null)
    {
        path ??= Root + ".governance/baseline/" + project + ".json";
        _additional.Add((path, SourceText.From(BaselineJson(modules).Replace(Project, project)), "ReferencedBaseline"));
        _assemblies[path] = assembly;
        return this;
    }

    /// <summary>A referenced project's module summary as the package's targets pass it in a build (the path its build
    /// output names), with the name of the assembly that project builds.</summary>
    public AnalyzerHarness ReferencedModuleSummary(string assembly, string text, string path = "/repo/src/Core/obj/Debug/net10.0/governance/module-summary.txt")
    {
        _additional.Add((path, SourceText.From(text), "ReferencedModuleSummary"));
        _assemblies[path] = assembly;
        return this;
    }

    /// <summary>A compilation of other sources, as a referenced project's: the same framework references.</summary>
    public static CSharpCompilation OtherProject(string assemblyName, string source) =>
        CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(source, s_parseOptions, path: "/repo/src/" + assemblyName + "/Code.cs")],
            References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>Ids left out of results unless a test asks for them: the heartbeat and the unused-approval info.</summary>
    public HashSet<string> Ignored { get; } = new() { "GOV191", "GOV005" };

    public Dictionary<string, string> Properties { get; } = new()
    {
        ["GovernanceRoot"] = Root,
        ["GovernanceProjectPath"] = Project,
        ["GovernanceTargetFramework"] = "net10.0",
        ["GovernanceNow"] = "2026-11-24T12:00:00Z",
    };

    /// <summary>Per-file .editorconfig options (`generated_code = true`), keyed by source path.</summary>
    public Dictionary<string, Dictionary<string, string>> FileOptions { get; } = new();

    /// <summary>An executable for top-level statements (which a library may not hold).</summary>
    public OutputKind OutputKind { get; set; } = OutputKind.DynamicallyLinkedLibrary;

    /// <summary>Analyze sources that do not compile (an agent's change half-way), as the IDE does.</summary>
    public bool AllowCompileErrors { get; set; }

    public AnalyzerHarness Source(string path, string text)
    {
        _sources.Add((path, text));
        return this;
    }

    public AnalyzerHarness Plan(string name, string text)
    {
        _additional.Add((PlansDir + name, SourceText.From(text), "Plan"));
        return this;
    }

    /// <summary>Adds a plan whose SourceText instance the caller keeps, as the IDE does for an unchanged document.</summary>
    public AnalyzerHarness Plan(string name, SourceText text)
    {
        _additional.Add((PlansDir + name, text, "Plan"));
        return this;
    }

    public AnalyzerHarness Baseline(params string[] modules) => BaselineText(BaselineJson(modules));

    public AnalyzerHarness BaselineText(string text)
    {
        _additional.Add((BaselinePath, SourceText.From(text), "Baseline"));
        return this;
    }

    public AnalyzerHarness AdditionalFile(string path, string text, string? kind)
    {
        _additional.Add((path, SourceText.From(text), kind));
        return this;
    }

    public static string BaselineJson(IEnumerable<string> modules, string tfm = "net10.0", string granularity = "Type") =>
        "{ \"schemaVersion\": 1, \"project\": \"" + Project + "\", \"targets\": { \"" + tfm + "\": { \"moduleGranularity\": \"" + granularity + "\", \"modules\": ["
        + string.Join(", ", modules.Select(m => "\"" + m + "\"")) + "] } } }";

    public Task<ImmutableArray<Diagnostic>> RunAsync(params DiagnosticAnalyzer[] analyzers)
    {
        var (compilation, options) = CompilationAndOptions();
        return AnalyzeAsync(compilation, options, analyzers);
    }

    /// <summary>The folder the compiler puts generated trees under in these tests (CompilerGeneratedFilesOutputPath).</summary>
    public const string GeneratedFolder = "/repo/src/Payments/obj/governance/generated";

    /// <summary>
    /// As the compiler runs a real build: the generators first (the build-facts generator, then <paramref name="others"/>),
    /// their trees added after the project's own under <see cref="GeneratedFolder"/>, then the analyzers on that compilation.
    /// </summary>
    public Task<ImmutableArray<Diagnostic>> RunAfterGeneratorsAsync(DiagnosticAnalyzer[] analyzers, params ISourceGenerator[] others)
    {
        var (compilation, options) = CompilationAndOptions();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new BuildFactsGenerator().AsSourceGenerator() }.Concat(others),
            options.AdditionalFiles, s_parseOptions, options.AnalyzerConfigOptionsProvider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false, baseDirectory: GeneratedFolder));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        if (generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("A generator failed: " + string.Join("; ", generatorDiagnostics));
        }

        LastCompilation = generated;
        return AnalyzeAsync(generated, options, analyzers);
    }

    /// <summary>The compilation <see cref="RunAfterGeneratorsAsync"/> gave the analyzers.</summary>
    public Compilation? LastCompilation { get; private set; }

    private async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions options, DiagnosticAnalyzer[] analyzers)
    {
        if (analyzers.Length == 0)
        {
            analyzers = [new ModuleAnalyzer(), new GovernanceFileAnalyzer()];
        }

        var withAnalyzers = compilation.WithAnalyzers(analyzers.ToImmutableArray(), new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        return diagnostics.Where(d => (d.Id.StartsWith("GOV", StringComparison.Ordinal) && !Ignored.Contains(d.Id)) || d.Id == "AD0001")
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>
    /// Runs the build-facts generator (as the compiler does before the analyzers) on the compilation, additional files
    /// and options that <see cref="RunAsync"/> builds; its result holds the generated sources (none when it is off).
    /// </summary>
    public GeneratorRunResult RunGenerator()
    {
        var (compilation, options) = CompilationAndOptions();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new BuildFactsGenerator().AsSourceGenerator() },
            additionalTexts: options.AdditionalFiles, parseOptions: s_parseOptions, optionsProvider: options.AnalyzerConfigOptionsProvider);
        driver = driver.RunGenerators(compilation);
        return driver.GetRunResult().Results.Single();
    }

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Preview);

    /// <summary>The compilation of the sources (which must compile) and the options the package's MSBuild files give it.</summary>
    private (CSharpCompilation Compilation, AnalyzerOptions Options) CompilationAndOptions()
    {
        var trees = _sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, s_parseOptions, path: s.Path)).ToList();
        var compilation = CSharpCompilation.Create("Payments", trees, References.Value.Concat(_references), new CSharpCompilationOptions(OutputKind, allowUnsafe: true));
        var compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (compileErrors.Count > 0 && !AllowCompileErrors)
        {
            throw new InvalidOperationException("Test source does not compile: " + string.Join("; ", compileErrors));
        }

        var additional = _additional.Select(a => (AdditionalText)new TestAdditionalText(a.Path, a.Text)).ToImmutableArray();
        var perFile = _additional.Where(a => a.Kind is not null).ToDictionary(a => a.Path, a => a.Kind!);
        return (compilation, new AnalyzerOptions(additional, new TestOptionsProvider(Properties, perFile, FileOptions, _assemblies)));
    }

    private static readonly Lazy<List<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll" or "System.Collections.dll" or "System.Linq.dll" or "System.Console.dll"
                or "Microsoft.CSharp.dll" or "System.Linq.Expressions.dll" or "System.Threading.Tasks.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList());

    public static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var where = d.Location == Location.None ? "(none)" : Path.GetFileName(span.Path) + "(" + (span.StartLinePosition.Line + 1) + "," + (span.StartLinePosition.Character + 1) + ")";
        return where + ": " + d.Severity.ToString().ToLowerInvariant() + " " + d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class TestAdditionalText(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class TestOptionsProvider(Dictionary<string, string> properties, Dictionary<string, string> kinds, Dictionary<string, Dictionary<string, string>> files, Dictionary<string, string> assemblies) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => files.TryGetValue(tree.FilePath, out var options) ? new DictionaryOptions(options) : DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            kinds.TryGetValue(textFile.Path, out var kind)
                ? new DictionaryOptions(assemblies.TryGetValue(textFile.Path, out var assembly)
                    ? new Dictionary<string, string> { ["build_metadata.AdditionalFiles.GovernanceKind"] = kind, ["build_metadata.AdditionalFiles.GovernanceAssembly"] = assembly }
                    : new Dictionary<string, string> { ["build_metadata.AdditionalFiles.GovernanceKind"] = kind })
                : DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
