using System;
using System.Collections.Generic;
using Governance.Core.Files;

namespace Governance.Core.Plans;

/// <summary>All plan files a build can see, read together so that a dispatchId used by two files is caught
/// (both would otherwise be credited in receipts). Files are taken in ordinal path order so results never depend on
/// the order a host happens to list them in.</summary>
public sealed class PlanSet
{
    private PlanSet(IReadOnlyList<DispatchPlan> plans, IReadOnlyList<GovernanceFileIssue> issues)
    {
        Plans = plans;
        Issues = issues;
    }

    public IReadOnlyList<DispatchPlan> Plans { get; }
    public IReadOnlyList<GovernanceFileIssue> Issues { get; }

    /// <param name="readPlan">Usually a cache in front of <see cref="PlanReader.Read"/> (the analyzer caches per text).</param>
    public static PlanSet Create(IEnumerable<KeyValuePair<string, string>> pathsAndTexts, Func<string, string, PlanReadResult> readPlan)
    {
        var files = new List<KeyValuePair<string, string>>(pathsAndTexts);
        files.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return Create(files.ConvertAll(f => readPlan(f.Key, f.Value)));
    }

    public static PlanSet Create(IEnumerable<PlanReadResult> results)
    {
        var plans = new List<DispatchPlan>();
        var issues = new List<GovernanceFileIssue>();
        var byId = new Dictionary<string, DispatchPlan>(StringComparer.OrdinalIgnoreCase);
        foreach (var result in results)
        {
            issues.AddRange(result.Issues);
            var plan = result.Plan;
            if (plan is null)
            {
                continue;
            }

            if (byId.TryGetValue(plan.DispatchId, out var first))
            {
                issues.Add(new GovernanceFileIssue(plan.Path, plan.DispatchIdOffset, plan.DispatchId.Length + 2,
                    "dispatchId '" + plan.DispatchId + "' is already used by " + DisplayPaths.ForRoot(null).Display(first.Path) + ". Each plan needs its own dispatchId; neither approves anything until this is fixed."));
                plans.Remove(first);
                continue;
            }

            byId.Add(plan.DispatchId, plan);
            plans.Add(plan);
        }

        return new PlanSet(plans, issues);
    }
}
