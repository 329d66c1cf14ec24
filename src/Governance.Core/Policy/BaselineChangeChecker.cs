using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Core.Baselines;
using Governance.Core.Findings;
using Governance.Core.Rules;

namespace Governance.Core.Policy;

/// <summary>
/// A branch may carry its own baseline update, so the base branch stays current after the merge; but a baseline the
/// branch wrote is never an approval. Every entry the branch's baseline adds to the base branch's must be covered by
/// a trusted plan (GOV007). New transitive packages are warnings, as in the build (GOV204): an approved package brings
/// its own dependencies, which no plan lists one by one.
/// </summary>
public static class BaselineChangeChecker
{
    public static List<Finding> Check(string project, ProjectBaseline? trusted, ProjectBaseline branch, IReadOnlyList<PlanAssessment> plansForProject,
        IVersionRangeEvaluator ranges, string file)
    {
        var findings = new List<Finding>();
        var approving = plansForProject.Where(p => p.Approves).ToList();
        var modules = new ModuleApprovals(null, plansForProject);
        foreach (var pair in branch.Targets.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase))
        {
            var tfm = pair.Key;
            var now = pair.Value;
            var before = trusted?.GetTarget(tfm);
            void Add(string what, string subject, RuleSeverity? severity = null) =>
                findings.Add(new Finding(RuleIds.UnapprovedBaselineChange,
                    "The branch's baseline of '" + project + "' adds " + what + " for " + tfm + ", which neither the base branch's baseline nor a trusted plan approves. "
                    + "A baseline written on the branch is not an approval: have a plan approve it (merged on the base branch, or signed by a trusted signer), or take the entry out of the baseline.",
                    file, 0, 0, subject, severity));

            if (before is not null && !string.Equals(before.ModuleGranularity, now.ModuleGranularity, StringComparison.OrdinalIgnoreCase))
            {
                Add("a module granularity change (" + before.ModuleGranularity + " to " + now.ModuleGranularity + ")", now.ModuleGranularity);
            }

            foreach (var module in now.Modules)
            {
                if (before?.ModuleSet.Contains(module) != true && !modules.Evaluate(module).Approved)
                {
                    Add("module '" + module + "'", module);
                }
            }

            foreach (var package in now.Packages)
            {
                var old = before?.FindPackage(package.Id);
                if (old is not null && string.Equals(old.Version, package.Version, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!approving.Any(p => p.Plan.Packages.Any(e => string.Equals(e.Value.Id, package.Id, StringComparison.OrdinalIgnoreCase)
                        && (e.Value.VersionRange is null || ranges.Satisfies(e.Value.VersionRange, package.Version)))))
                {
                    Add("package '" + package.Id + "' " + package.Version, package.Id);
                }
            }

            foreach (var package in now.TransitivePackages)
            {
                if (before?.FindTransitivePackage(package.Id) is not null || before?.FindPackage(package.Id) is not null
                    || approving.Any(p => p.Plan.Packages.Any(e => string.Equals(e.Value.Id, package.Id, StringComparison.OrdinalIgnoreCase))))
                {
                    continue;
                }

                Add("transitive package '" + package.Id + "' " + package.Version, package.Id, RuleSeverity.Warning);
            }

            foreach (var reference in now.ProjectReferences)
            {
                if (before?.ProjectReferences.Contains(reference, Files.GovernancePaths.Comparer) != true
                    && !PlanAssessor.AnyApproves(approving, p => p.ProjectReferences, reference, Files.GovernancePaths.Comparer))
                {
                    Add("project reference '" + reference + "'", reference);
                }
            }

            foreach (var name in now.AssemblyReferences)
            {
                if (before?.AssemblyReferences.Contains(name, StringComparer.OrdinalIgnoreCase) != true
                    && !PlanAssessor.AnyApproves(approving, p => p.AssemblyReferences, name, StringComparer.OrdinalIgnoreCase))
                {
                    Add("assembly reference '" + name + "'", name);
                }
            }

            foreach (var name in now.FrameworkReferences)
            {
                if (before?.FrameworkReferences.Contains(name, StringComparer.OrdinalIgnoreCase) != true
                    && !PlanAssessor.AnyApproves(approving, p => p.FrameworkReferences, name, StringComparer.OrdinalIgnoreCase))
                {
                    Add("framework reference '" + name + "'", name);
                }
            }
        }

        return findings;
    }
}
