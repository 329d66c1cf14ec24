using Governance.Core.Baselines;
using Governance.Core.Policy;
using Xunit;

namespace Governance.Core.Tests.Policy;

public class PlanAssessorTests
{
    [Fact]
    public void Approved_unexpired_plan_approves()
    {
        var assessment = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), TestPlans.Now, SignaturePolicy.None);
        Assert.Equal(PlanState.Approved, assessment.State);
        Assert.True(assessment.Approves);
    }

    [Fact]
    public void Expired_plan_is_expired()
    {
        var assessment = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero), SignaturePolicy.None);
        Assert.Equal(PlanState.Expired, assessment.State);
        Assert.Contains("expired at 2026-12-20T00:00:00.000Z", assessment.Reason);
    }

    [Theory]
    [InlineData("\"approvedBy\": \"alice@example.com\",", "")]
    [InlineData("", "\"approvedAt\": \"2026-11-20T10:00:00Z\",")]
    [InlineData("\"approvedBy\": \"  \",", "\"approvedAt\": \"2026-11-20T10:00:00Z\",")]
    public void Plan_without_complete_approval_is_a_proposal(string approvedBy, string approvedAt)
    {
        var plan = TestPlans.Read("{ " + approvedBy + approvedAt + " \"dispatchId\": \"d-9\", \"modules\": [\"A.**\"] }");
        var assessment = PlanAssessor.Assess(plan, TestPlans.Now, SignaturePolicy.None);
        Assert.Equal(PlanState.Proposal, assessment.State);
        Assert.Contains("is a proposal", assessment.Reason);
    }

    [Fact]
    public void Required_signature_missing_rejects_the_plan()
    {
        var assessment = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), TestPlans.Now, new SignaturePolicy(true, null, null));
        Assert.Equal(PlanState.SignatureRejected, assessment.State);
        Assert.Contains("is not signed", assessment.Reason);
    }

    [Fact]
    public void Canonical_content_excludes_only_the_approval_fields()
    {
        var plan = TestPlans.Read(TestPlans.ApprovedPlan);
        var canonical = System.Text.Encoding.UTF8.GetString(PlanAssessor.CanonicalContent(plan));
        Assert.DoesNotContain("approvedBy", canonical);
        Assert.DoesNotContain("approvedAt", canonical);
        Assert.Contains("\"expiresAt\":\"2026-12-20T00:00:00Z\"", canonical);
        Assert.StartsWith("{\"agent\":", canonical);
    }

    [Fact]
    public void Module_approvals_explain_why_an_inactive_plan_does_not_count()
    {
        var expired = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), SignaturePolicy.None);
        var baseline = new BaselineTarget("Type", new[] { "Contoso.Payments.Client" }, [], [], [], []);
        var approvals = new ModuleApprovals(baseline, new[] { expired });

        Assert.True(approvals.Evaluate("Contoso.Payments.Client").Approved);
        var decision = approvals.Evaluate("Contoso.Payments.Retry.Policy");
        Assert.False(decision.Approved);
        Assert.Contains("plan 'd-2471' would cover it (\"Contoso.Payments.Retry.**\") but expired at", decision.Explanation);
    }

    [Fact]
    public void Module_approvals_credit_the_plan_and_pattern()
    {
        var approved = PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), TestPlans.Now, SignaturePolicy.None);
        var decision = new ModuleApprovals(null, new[] { approved }).Evaluate("Contoso.Payments.RetryOptions");
        Assert.True(decision.Approved);
        Assert.Equal("d-2471", decision.Plan!.Plan.DispatchId);
        Assert.Equal(1, decision.PatternIndex);
    }
}
