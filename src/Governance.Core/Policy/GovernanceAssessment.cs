using System;
using System.Collections.Generic;
using Governance.Core.Baselines;
using Governance.Core.Files;
using Governance.Core.Plans;
using Governance.Core.Signing;

namespace Governance.Core.Policy;

/// <summary>
/// The governance files judged for one project and target framework: which plans approve (and which of them apply to
/// the project), under which signature policy, and which baseline target approves, or why none does. One assessment
/// for every host: the analyzers (files as the compiler hands them), the dependency task (files from disk) and the CLI
/// read the files their own way and judge them here, so they cannot disagree about an approval.
/// </summary>
public sealed class GovernanceAssessment
{
    private GovernanceAssessment(List<PlanAssessment> assessments, List<PlanAssessment> projectAssessments, BaselineTarget? baselineTarget, string? baselineProblem)
    {
        Assessments = assessments;
        ProjectAssessments = projectAssessments;
        BaselineTarget = baselineTarget;
        BaselineProblem = baselineProblem;
    }

    /// <summary>Every plan, assessed (also plans for other projects).</summary>
    public List<PlanAssessment> Assessments { get; }

    /// <summary>The assessed plans that apply to this project.</summary>
    public List<PlanAssessment> ProjectAssessments { get; }

    /// <summary>What the baseline approves for this target framework; null when it approves nothing (<see cref="BaselineProblem"/>).</summary>
    public BaselineTarget? BaselineTarget { get; }

    /// <summary>Null when the baseline is usable; else the GOV002 message, or empty when the baseline file itself is
    /// broken (GOV001 reports that, located; a broken baseline approves nothing).</summary>
    public string? BaselineProblem { get; }

    /// <param name="baseline">The baseline file as read; null when the project has no baseline file.</param>
    public static GovernanceAssessment Assess(PlanSet plans, SignaturePolicy signatures, DateTimeOffset now, BaselineReadResult? baseline,
        string projectPath, string targetFramework, string granularity, string? root)
    {
        var assessments = PlanAssessor.AssessAll(plans.Plans, now, signatures);
        var forProject = new List<PlanAssessment>();
        foreach (var assessment in assessments)
        {
            if (assessment.Plan.AppliesTo(projectPath))
            {
                forProject.Add(assessment);
            }
        }

        var command = "dotnet build -p:GovernanceUpdateBaseline=true";
        BaselineTarget? target = null;
        string? problem = null;
        if (baseline is null)
        {
            problem = "Project '" + projectPath + "' is governed (root " + root + ") but has no baseline. Create it with '" + command
                + "' and commit " + GovernancePaths.BaselineFileFor(projectPath) + ".";
        }
        else if (baseline.Baseline is null)
        {
            problem = string.Empty;
        }
        else if ((target = baseline.Baseline.GetTarget(targetFramework)) is null)
        {
            problem = "The baseline of '" + projectPath + "' has no entry for target framework '" + targetFramework
                + "'. Add it with '" + command + "' and commit " + GovernancePaths.BaselineFileFor(projectPath) + ".";
        }
        else if (!string.Equals(target.ModuleGranularity, granularity, StringComparison.OrdinalIgnoreCase))
        {
            // Module names of another granularity do not compare: such a baseline approves nothing.
            problem = "The baseline of '" + projectPath + "' lists modules by " + target.ModuleGranularity + " but GovernanceModuleGranularity is "
                + granularity + ". Regenerate it with '" + command + "'.";
            target = null;
        }

        return new GovernanceAssessment(assessments, forProject, target, problem);
    }

    /// <summary>
    /// The signature policy a build judges plans by: the trust root GovernanceAllowedSigners names (a file that does
    /// not exist or has errors is a problem that rejects every signed approval), and whether a plan needs a signature.
    /// </summary>
    /// <param name="signers">The trust root as parsed; null when there is no such file.</param>
    public static SignaturePolicy Signatures(bool requireSigned, string? signersPath, AllowedSignersParseResult? signers)
    {
        if (signers is not null)
        {
            return new SignaturePolicy(requireSigned, signers.Signers, signers.Errors.Count > 0 ? "the trust root " + signersPath + " has errors" : null);
        }

        if (!string.IsNullOrEmpty(signersPath))
        {
            return new SignaturePolicy(requireSigned, null, "the trust root '" + signersPath + "' (GovernanceAllowedSigners) does not exist");
        }

        return requireSigned ? new SignaturePolicy(true, null, null) : SignaturePolicy.None;
    }
}
