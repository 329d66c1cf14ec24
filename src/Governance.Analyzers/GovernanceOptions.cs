using System;
using Governance.Core.Files;
using Governance.Core.Modules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Governance.Analyzers;

internal enum GovernanceMode
{
    Enforce,
    Audit,
    Off,
}

/// <summary>The MSBuild properties the package makes compiler-visible (docs/architecture.md), read once per
/// compilation from the global analyzer config options.</summary>
internal sealed class GovernanceOptions
{
    public const string KindMetadata = "build_metadata.AdditionalFiles.GovernanceKind";

    private GovernanceOptions(AnalyzerConfigOptions global)
    {
        Root = Get(global, "GovernanceRoot");
        ProjectPath = Get(global, "GovernanceProjectPath")?.Replace('\\', '/') ?? string.Empty;
        TargetFramework = Get(global, "GovernanceTargetFramework") ?? Get(global, "TargetFramework") ?? string.Empty;
        Mode = Get(global, "GovernanceMode")?.Trim().ToLowerInvariant() switch
        {
            "audit" => GovernanceMode.Audit,
            "off" => GovernanceMode.Off,
            _ => GovernanceMode.Enforce,
        };
        NamespaceGranularity = ModuleDefinition.IsNamespaceGranularity(Get(global, "GovernanceModuleGranularity")?.Trim());
        UpdateBaseline = IsTrue(Get(global, "GovernanceUpdateBaseline"));
        RequireSignedPlans = IsTrue(Get(global, "GovernanceRequireSignedPlans"));
        BuildFacts = IsBuildFactsOn(global);
        AllowedSignersPath = Get(global, "GovernanceAllowedSigners");
        var now = Get(global, "GovernanceNow");
        if (now is not null)
        {
            Now = Timestamps.TryParse(now, out var error);
            NowProblem = error;
        }
    }

    public string? Root { get; }
    public string ProjectPath { get; }
    public string TargetFramework { get; }
    public GovernanceMode Mode { get; }
    public bool NamespaceGranularity { get; }
    public bool UpdateBaseline { get; }
    public bool RequireSignedPlans { get; }
    public string? AllowedSignersPath { get; }

    /// <summary>$(GovernanceBaselineFile) as the targets derive it: the only file read as this project's baseline.</summary>
    public string? BaselinePath => Root is null || ProjectPath.Length == 0 ? null : Root.TrimEnd('/', '\\') + "/.governance/baseline/" + ProjectPath + ".json";

    /// <summary>A real build, in which the build-facts generator runs (never a design-time build).</summary>
    public bool BuildFacts { get; }

    /// <summary>GovernanceNow, when set: the instant plans are judged at (tests, reproducing a past build).</summary>
    public DateTimeOffset? Now { get; }

    public string? NowProblem { get; }

    /// <summary>A project under no governance root is not governed: the analyzers stay silent.</summary>
    public bool IsGoverned => Root is not null && Mode != GovernanceMode.Off;

    public string Granularity => NamespaceGranularity ? "Namespace" : "Type";

    public DateTimeOffset EffectiveNow => Now ?? DateTimeOffset.UtcNow;

    public static GovernanceOptions From(AnalyzerOptions options) => new(options.AnalyzerConfigOptionsProvider.GlobalOptions);

    /// <summary>GovernanceBuildFacts=true: a real build (the targets never set it in design-time builds). The generator
    /// asks this alone, before it reads anything else.</summary>
    public static bool IsBuildFactsOn(AnalyzerConfigOptions global) => IsTrue(Get(global, "GovernanceBuildFacts"));

    public static string? KindOf(AnalyzerOptions options, AdditionalText file) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(KindMetadata, out var kind) && !string.IsNullOrWhiteSpace(kind) ? kind.Trim() : null;

    private static string? Get(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
