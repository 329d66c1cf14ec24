using System.Collections.Generic;

namespace Governance.Core.Policy;

/// <summary>Where an item was declared: the project file or Directory.Packages.props line a CI problem matcher
/// should point at.</summary>
public sealed record DeclarationSite(string? File, int Line, int Column)
{
    public static readonly DeclarationSite Unknown = new(null, 0, 0);
}

/// <param name="Id">The package id.</param>
/// <param name="RequestedVersion">As the project (or central package management) asks for it.</param>
/// <param name="ResolvedVersion">From project.assets.json; null when restore did not resolve it (then the requested version is judged).</param>
/// <param name="Site">Where it is declared.</param>
public sealed record DirectPackageFact(string Id, string? RequestedVersion, string? ResolvedVersion, DeclarationSite Site);

public sealed record PackageFact(string Id, string Version);

public sealed class ReferenceFact
{
    public ReferenceFact(string identity, string display, DeclarationSite site)
    {
        Identity = identity;
        Display = display;
        Site = site;
    }

    /// <summary>Root-relative path (project references) or simple assembly name (assembly references).</summary>
    public string Identity { get; }

    /// <summary>As written in the project file.</summary>
    public string Display { get; }

    public DeclarationSite Site { get; }

    /// <summary>For a project reference: its library name in <see cref="DependencyFacts.Graph"/>, when restore knows it.</summary>
    public string? LibraryName { get; set; }
}

/// <summary>The dependency facts of one project and target framework, gathered by the MSBuild task.</summary>
public sealed class DependencyFacts
{
    public IList<DirectPackageFact> DirectPackages { get; } = new List<DirectPackageFact>();

    /// <summary>Every package in the resolved graph (direct and transitive).</summary>
    public IList<PackageFact> ResolvedPackages { get; } = new List<PackageFact>();

    /// <summary>Who depends on whom in the resolved graph: locates a transitive package at the direct dependency
    /// that brings it in.</summary>
    public PackageGraph Graph { get; set; } = new();

    public IList<ReferenceFact> ProjectReferences { get; } = new List<ReferenceFact>();

    /// <summary>Assemblies the compiler is given outside packages, projects and the framework: `Reference` items
    /// (with a HintPath, a file path, or resolved to a file outside the framework) and raw `Analyzer` items, by
    /// simple name.</summary>
    public IList<ReferenceFact> AssemblyReferences { get; } = new List<ReferenceFact>();

    /// <summary>`FrameworkReference` names (shared frameworks).</summary>
    public IList<ReferenceFact> FrameworkReferences { get; } = new List<ReferenceFact>();

    /// <summary>DLLs and EXEs the project copies to its output or publish folder itself (`None`/`Content` items with
    /// CopyToOutputDirectory or CopyToPublishDirectory), by simple name.</summary>
    public IList<ReferenceFact> CopiedBinaries { get; } = new List<ReferenceFact>();
}

/// <summary>NuGet range semantics, supplied by the host (the task uses NuGet.Versioning; Core has no dependencies).</summary>
public interface IVersionRangeEvaluator
{
    /// <summary>True when <paramref name="version"/> is inside <paramref name="range"/>. Invalid input is false.</summary>
    bool Satisfies(string range, string version);
}
