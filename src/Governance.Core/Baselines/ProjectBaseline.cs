using System;
using System.Collections.Generic;
using System.Linq;

namespace Governance.Core.Baselines;

public sealed class PackageVersionRecord
{
    public PackageVersionRecord(string id, string version)
    {
        Id = id;
        Version = version;
    }

    public string Id { get; }
    public string Version { get; }
}

/// <summary>What one target framework of a project had when the baseline was taken. Everything here was approved
/// by whoever committed the baseline.</summary>
public sealed class BaselineTarget
{
    public BaselineTarget(
        string moduleGranularity,
        IEnumerable<string> modules,
        IEnumerable<PackageVersionRecord> packages,
        IEnumerable<PackageVersionRecord> transitivePackages,
        IEnumerable<string> projectReferences,
        IEnumerable<string> assemblyReferences,
        IEnumerable<string>? frameworkReferences = null)
    {
        ModuleGranularity = moduleGranularity;
        Modules = Sorted(modules, StringComparer.Ordinal);
        Packages = packages.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.First())
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal).ToArray();
        TransitivePackages = transitivePackages.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.First())
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal).ToArray();
        ProjectReferences = Sorted(projectReferences, Files.GovernancePaths.Comparer);
        AssemblyReferences = Sorted(assemblyReferences, StringComparer.OrdinalIgnoreCase);
        FrameworkReferences = Sorted(frameworkReferences ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        ModuleSet = new HashSet<string>(Modules, StringComparer.Ordinal);
    }

    public string ModuleGranularity { get; }
    public IReadOnlyList<string> Modules { get; }
    public IReadOnlyList<PackageVersionRecord> Packages { get; }
    public IReadOnlyList<PackageVersionRecord> TransitivePackages { get; }
    public IReadOnlyList<string> ProjectReferences { get; }
    public IReadOnlyList<string> AssemblyReferences { get; }

    /// <summary>FrameworkReference names beyond the target framework's own (Microsoft.NETCore.App, NETStandard.Library).</summary>
    public IReadOnlyList<string> FrameworkReferences { get; }

    /// <summary>O(1) membership for the module check.</summary>
    public HashSet<string> ModuleSet { get; }

    public PackageVersionRecord? FindPackage(string id) => Packages.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    public PackageVersionRecord? FindTransitivePackage(string id) =>
        TransitivePackages.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    private static string[] Sorted(IEnumerable<string> values, StringComparer comparer) =>
        values.Distinct(comparer).OrderBy(v => v, StringComparer.Ordinal).ToArray();
}

/// <summary>The baseline of one project: <c>.governance/baseline/&lt;project path&gt;.json</c>, one section per target
/// framework. One file per project (not one for the repository) so that parallel builds of different projects never
/// contend for the same file, and each compilation parses only its own project's baseline.</summary>
public sealed class ProjectBaseline
{
    public const int CurrentSchemaVersion = 1;

    public ProjectBaseline(string project, IReadOnlyDictionary<string, BaselineTarget> targets)
    {
        Project = project;
        Targets = targets;
    }

    public string Project { get; }

    /// <summary>Keyed by target framework moniker (ordinal, case-insensitive).</summary>
    public IReadOnlyDictionary<string, BaselineTarget> Targets { get; }

    public BaselineTarget? GetTarget(string targetFramework) =>
        Targets.TryGetValue(targetFramework ?? string.Empty, out var target) ? target : null;

    public ProjectBaseline WithTarget(string targetFramework, BaselineTarget target)
    {
        var targets = new Dictionary<string, BaselineTarget>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in Targets)
        {
            targets[pair.Key] = pair.Value;
        }

        targets[targetFramework] = target;
        return new ProjectBaseline(Project, targets);
    }
}
