using Governance.Core.Baselines;
using Governance.Core.Policy;
using Xunit;

namespace Governance.Core.Tests.Policy;

public class ModuleJudgementTests
{
    private static readonly BaselineTarget s_baseline = new("Type", new[] { "Contoso.Payments.Client" }, [], [], [], []);

    [Fact]
    public void Counts_every_module_and_names_each_unapproved_one_with_where_it_was_and_why()
    {
        var expired = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), SignaturePolicy.None);
        var judgement = ModuleJudgement.Of(new ModuleApprovals(s_baseline, [expired]), ["Contoso.Payments.Client", "Contoso.Payments.Retry.Policy", "Contoso.Other"]);

        Assert.Equal(3, judgement.Checked);
        Assert.Equal([("Contoso.Payments.Retry.Policy", 1), ("Contoso.Other", 2)], judgement.Unapproved.Select(u => (u.Module, u.Index)));
        Assert.Contains("plan 'd-2471' would cover it", judgement.Unapproved[0].Decision.Explanation);
        Assert.Null(judgement.Unapproved[1].Decision.Explanation);
    }

    [Fact]
    public void A_pattern_of_a_single_project_plan_that_matched_nothing_is_unused()
    {
        var approved = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), TestPlans.Now, SignaturePolicy.None);
        var approvals = new ModuleApprovals(s_baseline, [approved]);

        // "Contoso.Payments.Retry.**" (index 0) matched; "Contoso.Payments.RetryOptions" (index 1) did not.
        var judgement = ModuleJudgement.Of(approvals, ["Contoso.Payments.Client", "Contoso.Payments.Retry.Policy"]);
        Assert.Empty(judgement.Unapproved);
        var unused = Assert.Single(judgement.UnusedPatterns([approved]));
        Assert.Same(approved, unused.Plan);
        Assert.Equal(1, unused.Index);

        // Both matched: nothing unused.
        Assert.Empty(ModuleJudgement.Of(approvals, ["Contoso.Payments.Retry.Policy", "Contoso.Payments.RetryOptions"]).UnusedPatterns([approved]));
    }

    [Fact]
    public void Only_approved_plans_scoped_to_exactly_one_project_are_judged_for_unused_patterns()
    {
        var twoProjects = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan.Replace("\"projects\": [\"src/Payments/Payments.csproj\"]",
            "\"projects\": [\"src/Payments/Payments.csproj\", \"src/Api/Api.csproj\"]")), TestPlans.Now, SignaturePolicy.None);
        var expired = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), SignaturePolicy.None);

        var judgement = ModuleJudgement.Of(new ModuleApprovals(s_baseline, [twoProjects, expired]), ["Contoso.Payments.Client"]);
        Assert.Empty(judgement.UnusedPatterns([twoProjects, expired]));
    }

    [Fact]
    public void Any_unapproved_says_what_the_full_judgement_says()
    {
        var approved = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), TestPlans.Now, SignaturePolicy.None);
        var approvals = new ModuleApprovals(s_baseline, [approved]);
        string[][] cases = [[], ["Contoso.Payments.Client", "Contoso.Payments.RetryOptions"], ["Contoso.Payments.Client", "Contoso.Other"]];
        foreach (var modules in cases)
        {
            Assert.Equal(ModuleJudgement.Of(approvals, modules).Unapproved.Count > 0, ModuleJudgement.AnyUnapproved(approvals, modules));
        }

        Assert.True(ModuleJudgement.AnyUnapproved(approvals, cases[2]));
    }
}
