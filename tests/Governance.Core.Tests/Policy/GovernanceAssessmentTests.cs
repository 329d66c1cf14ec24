using Governance.Core.Baselines;
using Governance.Core.Plans;
using Governance.Core.Policy;
using Governance.Core.Signing;
using Xunit;

namespace Governance.Core.Tests.Policy;

/// <summary>The one assessment of the governance files that the analyzers, the dependency task and the CLI share:
/// which plans apply to the project, which baseline target approves, and why none does.</summary>
public sealed class GovernanceAssessmentTests
{
    private const string Project = "src/App/App.csproj";

    private static PlanSet Plans(params string[] projects) => PlanSet.Create(projects.Select((p, i) => PlanReader.Read("/repo/.governance/plans/d-" + i + ".json",
        "{ \"dispatchId\": \"d-" + i + "\", \"approvedBy\": \"a@b\", \"approvedAt\": \"2026-11-20T00:00:00Z\", \"projects\": [\"" + p + "\"], \"modules\": [\"Contoso.**\"] }")));

    private static BaselineReadResult Baseline(string granularity, string tfm = "net10.0") => BaselineSerializer.Read("/repo/.governance/baseline/src/App/App.csproj.json",
        BaselineSerializer.Write(new ProjectBaseline(Project, new Dictionary<string, BaselineTarget> { [tfm] = new BaselineTarget(granularity, ["Contoso.App.Program"], [], [], [], [], []) })));

    private static GovernanceAssessment Assess(BaselineReadResult? baseline, string granularity = "Type", PlanSet? plans = null) =>
        GovernanceAssessment.Assess(plans ?? Plans(), SignaturePolicy.None, TestPlans.Now, baseline, Project, "net10.0", granularity, "/repo/");

    [Fact]
    public void Every_plan_is_assessed_and_only_the_projects_own_apply()
    {
        var assessment = Assess(Baseline("Type"), plans: Plans(Project, "src/Other/Other.csproj"));
        Assert.Equal(2, assessment.Assessments.Count);
        Assert.Equal(["d-0"], assessment.ProjectAssessments.Select(a => a.Plan.DispatchId));
    }

    [Fact]
    public void A_usable_baseline_approves_its_target()
    {
        var assessment = Assess(Baseline("Type"));
        Assert.Null(assessment.BaselineProblem);
        Assert.Equal(["Contoso.App.Program"], assessment.BaselineTarget!.Modules);
    }

    [Theory]
    [InlineData(null, "Type", "is governed (root /repo/) but has no baseline")]
    [InlineData("net8.0", "Type", "has no entry for target framework 'net10.0'")]
    [InlineData("net10.0", "Namespace", "lists modules by Type but GovernanceModuleGranularity is Namespace")]
    public void A_baseline_that_approves_nothing_says_why(string? baselineTfm, string granularity, string problem)
    {
        var assessment = Assess(baselineTfm is null ? null : Baseline("Type", baselineTfm), granularity);
        Assert.Null(assessment.BaselineTarget);
        Assert.Contains(problem, assessment.BaselineProblem);
    }

    [Fact]
    public void A_broken_baseline_approves_nothing_and_leaves_the_message_to_GOV001()
    {
        var assessment = Assess(BaselineSerializer.Read("/repo/.governance/baseline/src/App/App.csproj.json", "{ not json"));
        Assert.Null(assessment.BaselineTarget);
        Assert.Equal(string.Empty, assessment.BaselineProblem);
    }

    [Fact]
    public void A_named_trust_root_that_is_missing_or_broken_is_a_problem_not_a_pass()
    {
        Assert.Contains("does not exist", GovernanceAssessment.Signatures(false, "/trust/allowed_signers", null).TrustRootProblem);
        Assert.Contains("has errors", GovernanceAssessment.Signatures(false, "/trust/allowed_signers", AllowedSigners.Parse("not a key line", "/trust/allowed_signers")).TrustRootProblem);
        Assert.True(GovernanceAssessment.Signatures(true, null, null).RequireSignedPlans);
        Assert.Same(SignaturePolicy.None, GovernanceAssessment.Signatures(false, null, null));
    }
}
