using System.Collections.Generic;

namespace Governance.Core.Policy;

/// <summary>One module no approval covers, with why (<see cref="ModuleDecision.Explanation"/>).</summary>
/// <param name="Module">The module's name.</param>
/// <param name="Index">Its position in the modules judged, so a host can find the declaration it came from.</param>
/// <param name="Decision">What the approvals said.</param>
public sealed record UnapprovedModule(string Module, int Index, ModuleDecision Decision);

/// <summary>
/// The judgement of a project's modules, one place for every host (the build facts, the analyzers, the trusted
/// check): how many were checked, which no approval covers, and which module patterns of the approved plans matched.
/// </summary>
public sealed class ModuleJudgement
{
    private readonly HashSet<(PlanAssessment Plan, int Index)> _usedPatterns = new();
    private readonly List<UnapprovedModule> _unapproved = new();

    private ModuleJudgement()
    {
    }

    public int Checked { get; private set; }

    public IReadOnlyList<UnapprovedModule> Unapproved => _unapproved;

    /// <summary>Judges <paramref name="modules"/> (each named once, as <see cref="Modules.ModuleCollector{TSite}"/>
    /// gives them) against <paramref name="approvals"/>.</summary>
    public static ModuleJudgement Of(ModuleApprovals approvals, IEnumerable<string> modules)
    {
        var judgement = new ModuleJudgement();
        var index = 0;
        foreach (var module in modules)
        {
            var decision = approvals.Evaluate(module);
            if (!decision.Approved)
            {
                judgement._unapproved.Add(new UnapprovedModule(module, index, decision));
            }
            else if (decision.Plan is not null)
            {
                judgement._usedPatterns.Add((decision.Plan, decision.PatternIndex));
            }

            index++;
        }

        judgement.Checked = index;
        return judgement;
    }

    /// <summary>Whether any of <paramref name="modules"/> is unapproved: the yes/no of <see cref="Of"/>, stopping at the
    /// first, with nothing explained or remembered (for a host that only needs to know whether to look further).</summary>
    public static bool AnyUnapproved(ModuleApprovals approvals, IEnumerable<string> modules)
    {
        foreach (var module in modules)
        {
            if (!approvals.IsApproved(module))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// GOV005: the module patterns of approved plans scoped to exactly this project that matched no module. A plan for
    /// several projects may rightly use a pattern in only one of them, so only single-project plans are judged.
    /// </summary>
    public List<(PlanAssessment Plan, int Index)> UnusedPatterns(IEnumerable<PlanAssessment> plansForProject)
    {
        var unused = new List<(PlanAssessment Plan, int Index)>();
        foreach (var plan in plansForProject)
        {
            if (!IsJudgedForUnusedPatterns(plan))
            {
                continue;
            }

            for (var i = 0; i < plan.Plan.Modules.Count; i++)
            {
                if (!_usedPatterns.Contains((plan, i)))
                {
                    unused.Add((plan, i));
                }
            }
        }

        return unused;
    }

    private static bool IsJudgedForUnusedPatterns(PlanAssessment plan) => plan.Approves && plan.Plan.Projects is { Count: 1 } && plan.Plan.Modules.Count > 0;
}
