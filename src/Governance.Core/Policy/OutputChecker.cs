using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Core.Baselines;
using Governance.Core.Findings;
using Governance.Core.Rules;

namespace Governance.Core.Policy;

/// <summary>Where a binary in a project's output came from, as the host established it from the files themselves.</summary>
public enum BinaryOrigin
{
    /// <summary>Byte for byte the compiled output of a project of the repository (its modules are judged there).</summary>
    ProjectOutput,

    /// <summary>Byte for byte an asset of a package the restore resolved (the package is judged as a dependency).</summary>
    PackageAsset,

    /// <summary>Nothing accounts for it.</summary>
    Unknown,
}

public sealed class OutputBinaryFact
{
    public OutputBinaryFact(string path, string simpleName, BinaryOrigin origin)
    {
        Path = path;
        SimpleName = simpleName;
        Origin = origin;
    }

    /// <summary>Full path of the file in the output folder.</summary>
    public string Path { get; }

    /// <summary>File name without extension (the assembly's simple name for a managed file).</summary>
    public string SimpleName { get; }

    public BinaryOrigin Origin { get; }
}

/// <summary>
/// What the compiled output of one project and target framework brings in beyond its declared packages: shared
/// frameworks, binaries in the output folder, and assemblies the compiled code references. Judged against the
/// baseline and the approved plans that apply to the project, exactly like packages and project references are
/// (<see cref="DependencyChecker"/>); used by `dotnet governance check` on what the build produced.
/// </summary>
public sealed class OutputChecker
{
    /// <summary>The target framework's own shared framework: part of choosing the target framework, not a dependency.</summary>
    public static readonly IReadOnlyCollection<string> ImplicitFrameworks = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Microsoft.NETCore.App", "NETStandard.Library" };

    private readonly string _project;
    private readonly string _targetFramework;
    private readonly BaselineTarget? _baseline;
    private readonly IReadOnlyList<PlanAssessment> _plans;

    public OutputChecker(string project, string targetFramework, BaselineTarget? baseline, IReadOnlyList<PlanAssessment> plansForProject)
    {
        _project = project;
        _targetFramework = targetFramework;
        _baseline = baseline;
        _plans = plansForProject;
    }

    public IEnumerable<Finding> CheckFrameworkReferences(IEnumerable<string> frameworkReferences, string? file)
    {
        foreach (var name in frameworkReferences.Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase))
        {
            if (ImplicitFrameworks.Contains(name)
                || _baseline?.FrameworkReferences.Contains(name, StringComparer.OrdinalIgnoreCase) == true
                || PlanAssessor.AnyApproves(_plans, p => p.FrameworkReferences, name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return new Finding(RuleIds.UnapprovedFrameworkReference,
                "Framework reference '" + name + "' of '" + _project + "' (" + _targetFramework + ") is not approved: it is not in the baseline and no approved plan lists it"
                + Explain(p => p.FrameworkReferences.Any(e => string.Equals(e.Value, name, StringComparison.OrdinalIgnoreCase)))
                + ". Add \"" + name + "\" to an approved plan's \"frameworkReferences\", or remove the FrameworkReference.",
                file, 0, 0, name);
        }
    }

    public IEnumerable<Finding> CheckBinaries(IEnumerable<OutputBinaryFact> binaries)
    {
        foreach (var binary in binaries.OrderBy(b => b.Path, StringComparer.Ordinal))
        {
            if (binary.Origin != BinaryOrigin.Unknown || IsApprovedAssembly(binary.SimpleName))
            {
                continue;
            }

            yield return new Finding(RuleIds.UnapprovedBinary,
                "Binary '" + System.IO.Path.GetFileName(binary.Path) + "' in the output of '" + _project + "' (" + _targetFramework + ") is not the output of a project of the repository, "
                + "not an asset of a package the restore resolved, and not an approved assembly reference"
                + Explain(p => p.AssemblyReferences.Any(e => string.Equals(e.Value, binary.SimpleName, StringComparison.OrdinalIgnoreCase)))
                + ". Bring it in through an approved PackageReference, or add \"" + binary.SimpleName + "\" to an approved plan's \"assemblyReferences\".",
                binary.Path, 0, 0, binary.SimpleName);
        }
    }

    /// <param name="unaccounted">Assemblies the compiled code references that are neither part of the target
    /// framework, nor a package asset, nor the output of a project of the repository.</param>
    public IEnumerable<Finding> CheckReferencedAssemblies(IEnumerable<string> unaccounted, string assemblyPath)
    {
        foreach (var name in unaccounted.Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase))
        {
            if (IsApprovedAssembly(name))
            {
                continue;
            }

            yield return new Finding(RuleIds.UnapprovedAssemblyReference,
                "The compiled code of '" + _project + "' (" + _targetFramework + ") references assembly '" + name + "', which is not part of the target framework, not an asset of a resolved package, "
                + "not a project of the repository, and not an approved assembly reference"
                + Explain(p => p.AssemblyReferences.Any(e => string.Equals(e.Value, name, StringComparison.OrdinalIgnoreCase)))
                + ". Use an approved PackageReference, or add \"" + name + "\" to an approved plan's \"assemblyReferences\".",
                assemblyPath, 0, 0, name);
        }
    }

    private bool IsApprovedAssembly(string simpleName) =>
        _baseline?.AssemblyReferences.Contains(simpleName, StringComparer.OrdinalIgnoreCase) == true
        || PlanAssessor.AnyApproves(_plans, p => p.AssemblyReferences, simpleName, StringComparer.OrdinalIgnoreCase);

    private string Explain(Func<Plans.DispatchPlan, bool> lists) => PlanAssessor.ExplainInactive(_plans, lists);
}
