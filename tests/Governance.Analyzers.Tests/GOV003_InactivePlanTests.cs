using Xunit;
using static Governance.Analyzers.Tests.GovernanceAnalyzerTest;

namespace Governance.Analyzers.Tests;

/// <summary>GOV003 is located where the plan is fixed: its expiresAt, or its approval fields.</summary>
public class GOV003_InactivePlanTests
{
    /// <summary>Runs the plan, expects exactly one GOV003, a warning at (<paramref name="line"/>, <paramref name="column"/>), and returns its message.</summary>
    private static async Task<string> Gov003(string plan, int line, int column)
    {
        var test = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }").Baseline("Contoso.A.One")
            .Plan("p.json", plan)
            .Expect(Diagnostic("GOV003").WithLocation(PlansDir + "p.json", line, column));
        await test.RunAsync();
        return Assert.Single(test.Actual).GetMessage();
    }

    [Fact]
    public async Task A_proposal_without_approval_fields_is_a_warning_at_the_plans_opening_brace()
    {
        Assert.Equal("Plan 'd-9' is a proposal: it has no 'approvedBy', so it approves nothing until someone approves it.",
            await Gov003("{\n  \"dispatchId\": \"d-9\",\n  \"modules\": [\"X.**\"]\n}", 1, 1));
    }

    [Fact]
    public async Task A_proposal_with_approvedBy_but_no_approvedAt_is_a_warning_at_approvedBy()
    {
        Assert.StartsWith("Plan 'd-9' is a proposal",
            await Gov003("{\n  \"dispatchId\": \"d-9\",\n  \"approvedBy\": \"alice@example.com\",\n  \"modules\": [\"X.**\"]\n}", 3, 17));
    }

    [Fact]
    public async Task A_proposal_with_only_approvedAt_is_a_warning_at_approvedAt()
    {
        Assert.StartsWith("Plan 'd-9' is a proposal",
            await Gov003("{\n  \"dispatchId\": \"d-9\",\n  \"approvedAt\": \"2026-11-20T10:00:00Z\",\n  \"modules\": [\"X.**\"]\n}", 3, 17));
    }

    [Fact]
    public async Task An_expired_plan_is_a_warning_at_its_expiresAt_value()
    {
        // The test's clock is 2026-11-24T12:00:00Z.
        var message = await Gov003("{\n  \"dispatchId\": \"d-9\",\n  \"approvedBy\": \"alice@example.com\",\n  \"approvedAt\": \"2026-11-01T10:00:00Z\",\n"
            + "  \"expiresAt\": \"2026-11-20T00:00:00Z\",\n  \"modules\": [\"X.**\"]\n}", 5, 16);

        Assert.StartsWith("Plan 'd-9' expired at 2026-11-20T00:00:00", message);
    }
}
