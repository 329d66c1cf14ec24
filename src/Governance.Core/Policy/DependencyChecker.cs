using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Core.Baselines;
using Governance.Core.Findings;
using Governance.Core.Plans;
using Governance.Core.Rules;

namespace Governance.Core.Policy;

/// <summary>
/// Compares a project's dependency facts with its baseline and the approved plans that apply to it. The baseline
/// approves exactly what was there (a direct package at its recorded version); plans approve ids with a NuGet range.
/// </summary>
public sealed class DependencyChecker
{
    private readonly BaselineTarget? _baseline;
    private readonly IReadOnlyList<PlanAssessment> _plans;
    private readonly IVersionRangeEvaluator _ranges;
    private readonly string _project;

    public DependencyChecker(string project, BaselineTarget? baseline, IReadOnlyList<PlanAssessment> plansForProject, IVersionRangeEvaluator ranges)
    {
        _project = project;
        _baseline = baseline;
        _plans = plansForProject;
        _ranges = ranges;
    }

    /// <summary>Plan entries that approved something in this build, as "dispatchId|kind|value", for GOV005.</summary>
    public HashSet<string> UsedPlanEntries { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<Finding> Check(DependencyFacts facts)
    {
        var findings = new List<Finding>();
        var direct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in facts.DirectPackages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            direct.Add(package.Id);
            var finding = CheckDirectPackage(package);
            if (finding is not null)
            {
                findings.Add(finding);
            }
        }

        foreach (var package in facts.ResolvedPackages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            if (direct.Contains(package.Id))
            {
                continue;
            }

            var known = _baseline is not null && (_baseline.FindTransitivePackage(package.Id) is not null || _baseline.FindPackage(package.Id) is not null);
            if (known || ApprovingPlanFor(package.Id, package.Version, out _, versionMustMatch: false) is not null)
            {
                continue;
            }

            var via = DirectRoutes(facts, package.Id);
            // Located at the reference the user changes to drop or pin it: the first one that is in a file of the repository.
            var site = via.Select(v => v.Site).FirstOrDefault(v => v.Line > 0) ?? via.Select(v => v.Site).FirstOrDefault(v => v.File is not null) ?? DeclarationSite.Unknown;
            findings.Add(new Finding(RuleIds.NewTransitivePackage,
                "Package '" + package.Id + "' " + package.Version + " entered the dependency graph of '" + _project + "' transitively"
                + (via.Count == 0 ? string.Empty : " through " + string.Join(", ", via.Select(v => v.Display)))
                + " since the baseline, and no approved plan lists it. "
                + "Review it and add it to a plan's \"packages\", or refresh the baseline with 'dotnet build -p:GovernanceUpdateBaseline=true' once approved.",
                site.File, site.Line, site.Column, package.Id));
        }

        foreach (var reference in facts.ProjectReferences.OrderBy(r => r.Identity, StringComparer.OrdinalIgnoreCase))
        {
            var inBaseline = _baseline?.ProjectReferences.Contains(reference.Identity, Files.GovernancePaths.Comparer) == true;
            if (inBaseline || PlanApprovesPath(reference.Identity, p => p.ProjectReferences, "projectReference"))
            {
                continue;
            }

            findings.Add(new Finding(RuleIds.UnapprovedProjectReference,
                "Project reference '" + reference.Identity + "' is not approved for '" + _project + "': it is not in the baseline and no approved plan lists it"
                + Explain(p => p.ProjectReferences.Any(r => Files.GovernancePaths.Comparer.Equals(r.Value, reference.Identity)))
                + ". Add it to an approved plan's \"projectReferences\" or remove the ProjectReference.",
                reference.Site.File, reference.Site.Line, reference.Site.Column, reference.Identity));
        }

        CheckByName(findings, facts.AssemblyReferences, _baseline?.AssemblyReferences, p => p.AssemblyReferences, "assemblyReference", RuleIds.UnapprovedAssemblyReference,
            r => "Assembly reference '" + r.Identity + "' (" + r.Display + ") is not approved for '" + _project + "': it is not in the baseline and no approved plan lists it",
            ". Add it to an approved plan's \"assemblyReferences\" or use a PackageReference.");
        CheckByName(findings, facts.FrameworkReferences.Where(r => !IsTargetFrameworksOwn(r.Identity)), _baseline?.FrameworkReferences, p => p.FrameworkReferences, "frameworkReference",
            RuleIds.UnapprovedFrameworkReference,
            r => "Framework reference '" + r.Identity + "' is not approved for '" + _project + "': it is not in the baseline and no approved plan lists it",
            ". Add it to an approved plan's \"frameworkReferences\" or remove the FrameworkReference.");

        // A binary the project copies itself is approved like a raw assembly reference, by simple name.
        CheckByName(findings, facts.CopiedBinaries, _baseline?.AssemblyReferences, p => p.AssemblyReferences, "assemblyReference", RuleIds.UnapprovedBinary,
            r => "Binary '" + r.Identity + "' (" + r.Display + ") is copied to the output of '" + _project + "', and neither the baseline nor an approved plan lists it",
            ". Add its simple name to an approved plan's \"assemblyReferences\", use a PackageReference, or stop copying it.");

        return findings;
    }

    /// <summary>The direct dependencies (packages first, then project references, each by name) whose restore graph
    /// contains <paramref name="transitiveId"/>.</summary>
    private static List<(string Display, DeclarationSite Site)> DirectRoutes(DependencyFacts facts, string transitiveId)
    {
        var routes = new List<(string, DeclarationSite)>();
        foreach (var direct in facts.DirectPackages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            if (facts.Graph.Reaches(direct.Id, transitiveId))
            {
                routes.Add(("package '" + direct.Id + "'", direct.Site));
            }
        }

        foreach (var reference in facts.ProjectReferences.OrderBy(r => r.Identity, StringComparer.OrdinalIgnoreCase))
        {
            if (reference.LibraryName is not null && facts.Graph.Reaches(reference.LibraryName, transitiveId))
            {
                routes.Add(("project reference '" + reference.Identity + "'", reference.Site));
            }
        }

        return routes;
    }

    /// <summary>Items approved by name (case-insensitive) in the baseline's list or an approved plan's entries.</summary>
    private void CheckByName(List<Finding> findings, IEnumerable<ReferenceFact> items, IReadOnlyList<string>? baseline, Func<DispatchPlan, IReadOnlyList<PlanEntry<string>>> planEntries,
        string kind, string ruleId, Func<ReferenceFact, string> problem, string fix)
    {
        foreach (var item in items.OrderBy(r => r.Identity, StringComparer.OrdinalIgnoreCase))
        {
            if (baseline?.Contains(item.Identity, StringComparer.OrdinalIgnoreCase) == true || PlanApprovesPath(item.Identity, planEntries, kind, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            findings.Add(new Finding(ruleId, problem(item) + Explain(p => planEntries(p).Any(r => string.Equals(r.Value, item.Identity, StringComparison.OrdinalIgnoreCase))) + fix,
                item.Site.File, item.Site.Line, item.Site.Column, item.Identity));
        }
    }

    /// <summary>The target framework's own shared framework needs no approval.</summary>
    public static bool IsTargetFrameworksOwn(string frameworkReference) =>
        string.Equals(frameworkReference, "Microsoft.NETCore.App", StringComparison.OrdinalIgnoreCase)
        || string.Equals(frameworkReference, "NETStandard.Library", StringComparison.OrdinalIgnoreCase);

    private Finding? CheckDirectPackage(DirectPackageFact package)
    {
        var version = package.ResolvedVersion ?? package.RequestedVersion ?? string.Empty;
        var baselineEntry = _baseline?.FindPackage(package.Id);
        if (baselineEntry is not null && string.Equals(baselineEntry.Version, version, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (ApprovingPlanFor(package.Id, version, out var idKnownToPlans, versionMustMatch: true) is not null)
        {
            return null;
        }

        if (baselineEntry is not null || idKnownToPlans)
        {
            var approved = new List<string>();
            if (baselineEntry is not null)
            {
                approved.Add(baselineEntry.Version + " (baseline)");
            }

            foreach (var plan in _plans.Where(p => p.Approves))
            {
                foreach (var entry in plan.Plan.Packages.Where(e => string.Equals(e.Value.Id, package.Id, StringComparison.OrdinalIgnoreCase)))
                {
                    approved.Add((entry.Value.VersionRange ?? "any") + " (plan '" + plan.Plan.DispatchId + "')");
                }
            }

            return new Finding(RuleIds.PackageVersionOutOfRange,
                "Package '" + package.Id + "' resolves to " + version + ", which is outside every approved version for '" + _project + "': "
                + string.Join(", ", approved) + ". Use an approved version, or have a plan approve this one (\"version\": \"[" + version + "]\").",
                package.Site.File, package.Site.Line, package.Site.Column, package.Id);
        }

        return new Finding(RuleIds.UnapprovedPackage,
            "Package '" + package.Id + "' " + version + " is not approved for '" + _project + "': it is not in the baseline and no approved plan lists it"
            + Explain(p => p.Packages.Any(e => string.Equals(e.Value.Id, package.Id, StringComparison.OrdinalIgnoreCase)))
            + ". Add { \"id\": \"" + package.Id + "\", \"version\": \"[" + version + "]\" } to an approved plan's \"packages\", or remove the PackageReference.",
            package.Site.File, package.Site.Line, package.Site.Column, package.Id);
    }

    private PlanAssessment? ApprovingPlanFor(string id, string version, out bool idKnownToPlans, bool versionMustMatch)
    {
        idKnownToPlans = false;
        foreach (var plan in _plans)
        {
            if (!plan.Approves)
            {
                continue;
            }

            foreach (var entry in plan.Plan.Packages)
            {
                if (!string.Equals(entry.Value.Id, id, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                idKnownToPlans = true;
                if (!versionMustMatch || entry.Value.VersionRange is null || _ranges.Satisfies(entry.Value.VersionRange, version))
                {
                    UsedPlanEntries.Add(plan.Plan.DispatchId + "|package|" + entry.Value.Id);
                    return plan;
                }
            }
        }

        return null;
    }

    private bool PlanApprovesPath(string identity, Func<DispatchPlan, IReadOnlyList<PlanEntry<string>>> entries, string kind, StringComparer? comparer = null)
    {
        comparer ??= Files.GovernancePaths.Comparer;
        foreach (var plan in _plans)
        {
            if (plan.Approves && entries(plan.Plan).Any(e => comparer.Equals(e.Value, identity)))
            {
                UsedPlanEntries.Add(plan.Plan.DispatchId + "|" + kind + "|" + identity);
                return true;
            }
        }

        return false;
    }

    /// <summary>Names inactive plans that list the item, and why they do not count.</summary>
    private string Explain(Func<DispatchPlan, bool> lists) => PlanAssessor.ExplainInactive(_plans, lists);
}
