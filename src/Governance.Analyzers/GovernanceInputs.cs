using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Governance.Core.Baselines;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Plans;
using Governance.Core.Policy;
using Governance.Core.Signing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Governance.Analyzers;

/// <summary>
/// The governance files of one compilation, read through Core. Parsing is cached per <see cref="SourceText"/> across
/// compilations (<see cref="SourceTextValueProvider{TValue}"/>, as PublicApiAnalyzers does), so the IDE does not
/// re-parse an unchanged plan on every keystroke; only the cheap assessment (clock, project) is redone.
/// </summary>
internal sealed class GovernanceInputs
{
    public const string PlanKind = "Plan";
    public const string BaselineKind = "Baseline";
    public const string AllowedSignersKind = "AllowedSigners";
    public const string ReferencedBaselineKind = "ReferencedBaseline";
    public const string ReferencedModuleSummaryKind = "ReferencedModuleSummary";
    public const string AssemblyMetadata = "build_metadata.AdditionalFiles.GovernanceAssembly";

    /// <summary>Real parses per file path; tests use it to prove the cache works.</summary>
    internal static readonly ConcurrentDictionary<string, int> ParseCounts = new(StringComparer.Ordinal);

    private static readonly SourceTextValueProvider<PathCache<PlanReadResult>> s_plans = new(_ => new PathCache<PlanReadResult>());
    private static readonly SourceTextValueProvider<PathCache<BaselineReadResult>> s_baselines = new(_ => new PathCache<BaselineReadResult>());
    private static readonly SourceTextValueProvider<PathCache<AllowedSignersParseResult>> s_signers = new(_ => new PathCache<AllowedSignersParseResult>());

    private GovernanceInputs(GovernanceOptions options)
    {
        Options = options;
    }

    public GovernanceOptions Options { get; }

    /// <summary>Plan files with their texts, ordered by path (AdditionalFiles order is not stable).</summary>
    public List<(AdditionalText File, SourceText Text)> PlanFiles { get; } = new();

    public (AdditionalText File, SourceText Text)? BaselineFile { get; private set; }
    public (AdditionalText File, SourceText Text)? AllowedSignersFile { get; private set; }

    public PlanSet Plans { get; private set; } = null!;
    public BaselineReadResult? Baseline { get; private set; }
    public AllowedSignersParseResult? Signers { get; private set; }

    /// <summary>The governed projects this one references (directly or not) whose baselines the targets passed in:
    /// what approves the modules of each, by the simple name of the assembly it builds.</summary>
    public Dictionary<string, ReferencedProject> ReferencedProjects { get; } = new(StringComparer.Ordinal);

    /// <summary>All assessed plans, including ones for other projects.</summary>
    public List<PlanAssessment> Assessments { get; private set; } = new();

    /// <summary>Assessed plans that apply to this project.</summary>
    public List<PlanAssessment> ProjectAssessments { get; private set; } = new();

    public BaselineTarget? BaselineTarget { get; private set; }

    /// <summary>Null when the baseline is usable; otherwise the GOV002 message.</summary>
    public string? BaselineProblem { get; private set; }

    public static GovernanceInputs Read(CompilationStartAnalysisContext context) => Read(context.Options, new StartContextCache(context), context.CancellationToken);

    internal static GovernanceInputs Read(AnalyzerOptions analyzerOptions, ITextCache cache, CancellationToken cancellationToken)
    {
        var options = GovernanceOptions.From(analyzerOptions);
        var inputs = new GovernanceInputs(options);
        var files = new List<AdditionalText>(analyzerOptions.AdditionalFiles);
        var referenced = new List<(AdditionalText File, SourceText Text)>();
        var summaries = new List<AdditionalText>();
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        foreach (var file in files)
        {
            var kind = GovernanceOptions.KindOf(analyzerOptions, file);
            if (kind is null)
            {
                continue;
            }

            if (string.Equals(kind, ReferencedModuleSummaryKind, StringComparison.OrdinalIgnoreCase))
            {
                // Only a real build uses them: the IDE judges the referenced project's live compilation instead.
                if (options.BuildFacts)
                {
                    summaries.Add(file);
                }

                continue;
            }

            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                continue;
            }

            if (string.Equals(kind, PlanKind, StringComparison.OrdinalIgnoreCase))
            {
                inputs.PlanFiles.Add((file, text));
            }
            else if (string.Equals(kind, BaselineKind, StringComparison.OrdinalIgnoreCase))
            {
                // Only the project's own baseline file: an item the branch adds with this kind is no baseline.
                if (SamePath(file.Path, options.BaselinePath))
                {
                    inputs.BaselineFile ??= (file, text);
                }
            }
            else if (string.Equals(kind, ReferencedBaselineKind, StringComparison.OrdinalIgnoreCase))
            {
                referenced.Add((file, text));
            }
            else if (string.Equals(kind, AllowedSignersKind, StringComparison.OrdinalIgnoreCase))
            {
                // Only the file GovernanceAllowedSigners names: an item the branch adds with this kind must neither
                // replace the trust root nor add signers to it.
                if (SamePath(file.Path, options.AllowedSignersPath))
                {
                    inputs.AllowedSignersFile ??= (file, text);
                }
            }
        }

        var planResults = new List<PlanReadResult>();
        foreach (var (file, text) in inputs.PlanFiles)
        {
            planResults.Add(cache.Get(text, s_plans).Get(file.Path, () => PlanReader.Read(file.Path, text.ToString())));
        }

        inputs.Plans = PlanSet.Create(planResults);

        if (inputs.BaselineFile is { } baselineFile)
        {
            inputs.Baseline = cache.Get(baselineFile.Text, s_baselines).Get(baselineFile.File.Path, () => BaselineSerializer.Read(baselineFile.File.Path, baselineFile.Text.ToString()));
        }

        if (inputs.AllowedSignersFile is { } signersFile)
        {
            inputs.Signers = cache.Get(signersFile.Text, s_signers).Get(signersFile.File.Path, () => AllowedSigners.Parse(signersFile.Text.ToString(), signersFile.File.Path));
        }

        inputs.Assess();
        foreach (var (file, text) in referenced)
        {
            inputs.AddReferencedProject(analyzerOptions, file, text, cache);
        }

        foreach (var file in summaries)
        {
            inputs.AddModuleSummary(analyzerOptions, file, cancellationToken);
        }

        return inputs;
    }

    /// <summary>A referenced project's baseline, taken only from where that project's baseline lives
    /// (.governance/baseline/&lt;project&gt;.json under this root), so the project is named by the file's place.</summary>
    private void AddReferencedProject(AnalyzerOptions analyzerOptions, AdditionalText file, SourceText text, ITextCache cache)
    {
        if (Options.Root is null
            || !analyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(AssemblyMetadata, out var assembly)
            || string.IsNullOrWhiteSpace(assembly))
        {
            return;
        }

        string full, folder;
        try
        {
            full = System.IO.Path.GetFullPath(file.Path).Replace('\\', '/');
            folder = System.IO.Path.GetFullPath(Options.Root.TrimEnd('/', '\\') + "/" + GovernancePaths.BaselineFolder).Replace('\\', '/') + "/";
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            return;
        }

        var comparison = System.IO.Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!full.StartsWith(folder, comparison) || !full.EndsWith(".json", comparison))
        {
            return;
        }

        var project = full.Substring(folder.Length, full.Length - folder.Length - ".json".Length);
        if (string.Equals(project, Options.ProjectPath, comparison))
        {
            return;
        }

        var read = cache.Get(text, s_baselines).Get(file.Path, () => BaselineSerializer.Read(file.Path, text.ToString()));
        if (read.Baseline is not null && ModuleApprovals.ForReferencedProject(project, read.Baseline, Options.Granularity, Assessments) is { } approvals)
        {
            ReferencedProjects[assembly.Trim()] = new ReferencedProject(project, approvals);
        }
    }

    /// <summary>A referenced project's <see cref="ModuleSummary"/>: when its last compile found every module of it
    /// approved, by the approvals this project judges it with, nothing of it needs looking at here. Unreadable, about
    /// another project or another granularity: ignored, so the referenced types are judged one by one.</summary>
    private void AddModuleSummary(AnalyzerOptions analyzerOptions, AdditionalText file, CancellationToken cancellationToken)
    {
        if (analyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(AssemblyMetadata, out var assembly)
            && ReferencedProjects.TryGetValue(assembly.Trim(), out var project)
            && file.GetText(cancellationToken) is { } text
            && ModuleSummary.Parse(text.ToString()) is { } summary
            && summary.ApprovesEverything(project.ProjectPath, Options.Granularity))
        {
            project.ApprovedEverythingWhenBuilt = true;
        }
    }

    private static bool SamePath(string path, string? expected)
    {
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        try
        {
            return string.Equals(System.IO.Path.GetFullPath(path).Replace('\\', '/'), System.IO.Path.GetFullPath(expected).Replace('\\', '/'),
                System.IO.Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            return false;
        }
    }

    private void Assess()
    {
        var signatures = GovernanceAssessment.Signatures(Options.RequireSignedPlans, AllowedSignersFile?.File.Path ?? Options.AllowedSignersPath, Signers);
        var assessment = GovernanceAssessment.Assess(Plans, signatures, Options.EffectiveNow, BaselineFile is null ? null : Baseline,
            Options.ProjectPath, Options.TargetFramework, Options.Granularity, Options.Root);
        Assessments = assessment.Assessments;
        ProjectAssessments = assessment.ProjectAssessments;
        BaselineTarget = assessment.BaselineTarget;
        BaselineProblem = assessment.BaselineProblem;
    }

    /// <summary>Results for one text, per path (two files with identical text must still report their own path).</summary>
    internal sealed class PathCache<T>
    {
        private readonly ConcurrentDictionary<string, T> _byPath = new(StringComparer.Ordinal);

        public T Get(string path, Func<T> compute) =>
            _byPath.GetOrAdd(path, _ =>
            {
                ParseCounts.AddOrUpdate(path, 1, (_, count) => count + 1);
                return compute();
            });
    }
}

internal interface ITextCache
{
    T Get<T>(SourceText text, SourceTextValueProvider<T> provider)
        where T : new();
}

/// <summary>
/// Values computed from additional-file texts, cached two ways: by SourceText instance in a static weak table (the IDE
/// keeps the same instance for an unchanged document across the compilations it makes on every keystroke), and by
/// content through the host's <see cref="SourceTextValueProvider{TValue}"/> cache (hosts that re-read files).
/// </summary>
internal sealed class StartContextCache : ITextCache
{
    private static readonly ConditionalWeakTable<SourceText, ConcurrentDictionary<object, object>> s_byInstance = new();

    private readonly CompilationStartAnalysisContext _context;

#pragma warning disable RS1012 // The context is kept only to read its text cache; the analyzers register their own actions.
    public StartContextCache(CompilationStartAnalysisContext context) => _context = context;
#pragma warning restore RS1012

    // A host that declines to cache still gets a correct (uncached) result.
    public T Get<T>(SourceText text, SourceTextValueProvider<T> provider)
        where T : new() =>
        ByInstance(text, provider, () => _context.TryGetValue(text, provider, out var value) ? value! : new T());

    /// <summary>The value for this text instance, made by <paramref name="create"/> the first time.</summary>
    internal static T ByInstance<T>(SourceText text, SourceTextValueProvider<T> provider, Func<T> create)
        where T : new()
    {
        var perText = s_byInstance.GetValue(text, _ => new ConcurrentDictionary<object, object>());
        return (T)perText.GetOrAdd(provider, _ => create()!);
    }
}

/// <summary>The by-instance half of <see cref="StartContextCache"/>, for the build-facts generator: in one compiler run
/// the generator and the analyzers get the same additional-file texts, so each plan is parsed once per build.</summary>
internal sealed class InstanceTextCache : ITextCache
{
    public static readonly InstanceTextCache Instance = new();

    public T Get<T>(SourceText text, SourceTextValueProvider<T> provider)
        where T : new() => StartContextCache.ByInstance(text, provider, () => new T());
}

/// <summary>A governed project this one references: its root-relative path and what approves its modules.</summary>
internal sealed class ReferencedProject
{
    public ReferencedProject(string projectPath, ModuleApprovals approvals)
    {
        ProjectPath = projectPath;
        Approvals = approvals;
    }

    public string ProjectPath { get; }
    public ModuleApprovals Approvals { get; }

    /// <summary>In a build: that project's own compile, just before this one, found none of its modules unapproved.</summary>
    public bool ApprovedEverythingWhenBuilt { get; set; }
}
