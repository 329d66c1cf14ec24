using Xunit;

namespace Governance.Analyzers.Tests;

public class GOV005_UnusedApprovalTests
{
    [Fact]
    public async Task Unused_module_pattern_of_a_single_project_plan_is_reported_at_the_entry()
    {
        const string plan = "{\n  \"dispatchId\": \"d-7\",\n  \"approvedBy\": \"a@b.c\",\n  \"approvedAt\": \"2026-11-20T10:00:00Z\",\n  \"projects\": [\"src/Payments/Payments.csproj\"],\n  \"modules\": [\"Contoso.Retry.**\", \"Contoso.Stale.**\"]\n}";
        var harness = new AnalyzerHarness();
        harness.Ignored.Remove("GOV005");
        var diagnostics = await harness
            .Baseline("Contoso.A.One")
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }")
            .Source("/repo/src/Payments/R.cs", "namespace Contoso.Retry { class Policy { } }")
            .Plan("d-7.json", plan)
            .RunAsync(new ModuleAnalyzer());

        Assert.Equal("d-7.json(6,35): info GOV005: Module pattern \"Contoso.Stale.**\" of plan 'd-7' approved nothing in 'src/Payments/Payments.csproj'. Remove it if the work is done, so that stale approvals do not widen the scope.",
            AnalyzerHarness.Describe(Assert.Single(diagnostics)));
    }

    [Fact]
    public async Task Plans_for_several_projects_are_not_judged_by_one_project()
    {
        var harness = new AnalyzerHarness();
        harness.Ignored.Remove("GOV005");
        var diagnostics = await harness
            .Baseline("Contoso.A.One")
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }")
            .Plan("d-8.json", "{ \"dispatchId\": \"d-8\", \"approvedBy\": \"a@b.c\", \"approvedAt\": \"2026-11-20T10:00:00Z\", \"modules\": [\"Contoso.Elsewhere.**\"] }")
            .RunAsync(new ModuleAnalyzer());
        Assert.Empty(diagnostics);
    }
}
