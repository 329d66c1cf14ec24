using System;
using System.Collections.Generic;
using System.Text;
using Governance.Core.Baselines;

namespace Governance.Core.Policy;

public sealed class ModuleDecision
{
    internal ModuleDecision(bool approved, PlanAssessment? plan, int patternIndex, string? explanation)
    {
        Approved = approved;
        Plan = plan;
        PatternIndex = patternIndex;
        Explanation = explanation;
    }

    public bool Approved { get; }

    /// <summary>The plan that approved the module; null when the baseline did (or nothing did).</summary>
    public PlanAssessment? Plan { get; }

    /// <summary>Index into <c>Plan.Plan.Modules</c> of the pattern that matched.</summary>
    public int PatternIndex { get; }

    /// <summary>For unapproved modules: which inactive plans would cover it and why they do not count; else null.</summary>
    public string? Explanation { get; }
}

/// <summary>
/// Everything that can approve a module in one project and target framework: the baseline set plus the compiled
/// matchers of the approved plans that apply to the project. Built once per compilation; each lookup is a hash
/// probe per plan, independent of the number of patterns.
/// </summary>
public sealed class ModuleApprovals
{
    private static readonly ModuleDecision s_baseline = new(true, null, -1, null);

    private readonly HashSet<string> _baselineModules;
    private readonly PlanAssessment[] _approving;
    private readonly PlanAssessment[] _inactive;

    public ModuleApprovals(BaselineTarget? baseline, IEnumerable<PlanAssessment> plansForProject)
        : this(baseline?.ModuleSet ?? new HashSet<string>(StringComparer.Ordinal), plansForProject)
    {
    }

    private ModuleApprovals(HashSet<string> baselineModules, IEnumerable<PlanAssessment> plansForProject)
    {
        _baselineModules = baselineModules;
        var approving = new List<PlanAssessment>();
        var inactive = new List<PlanAssessment>();
        foreach (var plan in plansForProject)
        {
            (plan.Approves ? approving : inactive).Add(plan);
        }

        _approving = approving.ToArray();
        _inactive = inactive.ToArray();
    }

    public IReadOnlyList<PlanAssessment> ApprovingPlans => _approving;

    /// <summary>
    /// What approves the modules of a project this one references, judged where its types are used: that project's
    /// baseline, every target framework of it (the referencing project may use any of them, and a project declares the
    /// same modules for each in practice), and the plans that apply to that project (<paramref name="projectPath"/>, from where
    /// the baseline file is, not from what it says). Null when its baseline lists
    /// modules by another granularity than <paramref name="granularity"/>: the names would not compare.
    /// </summary>
    public static ModuleApprovals? ForReferencedProject(string projectPath, ProjectBaseline baseline, string granularity, IEnumerable<PlanAssessment> allPlans)
    {
        var modules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in baseline.Targets.Values)
        {
            if (!string.Equals(target.ModuleGranularity, granularity, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            modules.UnionWith(target.Modules);
        }

        var plans = new List<PlanAssessment>();
        foreach (var plan in allPlans)
        {
            if (plan.Plan.AppliesTo(projectPath))
            {
                plans.Add(plan);
            }
        }

        return new ModuleApprovals(modules, plans);
    }

    /// <summary>The yes/no of <see cref="Evaluate"/> without the decision's details (no allocation): for walks that
    /// only look for an unapproved module.</summary>
    public bool IsApproved(string module) => _baselineModules.Contains(module) || ApprovingPlan(module, out _) is not null;

    /// <summary>Whether an approving plan covers the namespace <paramref name="ns"/> and everything below it
    /// (<see cref="Governance.Core.Modules.ModuleMatcher.CoversNamespace"/>).</summary>
    public bool ApprovesEverythingIn(string ns)
    {
        foreach (var plan in _approving)
        {
            if (plan.Plan.ModuleMatcher.CoversNamespace(ns))
            {
                return true;
            }
        }

        return false;
    }

    public ModuleDecision Evaluate(string module)
    {
        if (_baselineModules.Contains(module))
        {
            return s_baseline;
        }

        return ApprovingPlan(module, out var index) is { } plan
            ? new ModuleDecision(true, plan, index, null)
            : new ModuleDecision(false, null, -1, Explain(module));
    }

    /// <summary>The first approving plan whose patterns cover <paramref name="module"/>, with the pattern's index.</summary>
    private PlanAssessment? ApprovingPlan(string module, out int patternIndex)
    {
        foreach (var plan in _approving)
        {
            patternIndex = plan.Plan.ModuleMatcher.Match(module);
            if (patternIndex >= 0)
            {
                return plan;
            }
        }

        patternIndex = -1;
        return null;
    }

    private string? Explain(string module)
    {
        StringBuilder? text = null;
        foreach (var plan in _inactive)
        {
            var index = plan.Plan.ModuleMatcher.Match(module);
            if (index < 0)
            {
                continue;
            }

            text ??= new StringBuilder();
            text.Append(text.Length == 0 ? " " : "; ");
            text.Append("plan '").Append(plan.Plan.DispatchId).Append("' would cover it (\"")
                .Append(plan.Plan.Modules[index].Value.Text).Append("\") but ").Append(plan.Reason);
        }

        return text?.ToString();
    }
}
