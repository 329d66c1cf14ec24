using Xunit;

namespace Governance.Analyzers.Tests;

public class GOV003_InactivePlanTests
{
    [Fact]
    public async Task Proposal_is_a_warning_at_its_dispatch_id()
    {
        var diagnostics = await new AnalyzerHarness()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }").Baseline("Contoso.A.One")
            .Plan("p.json", "{\n  \"dispatchId\": \"d-9\",\n  \"modules\": [\"X.**\"]\n}")
            .RunAsync();

        Assert.Equal("p.json(2,17): warning GOV003: Plan 'd-9' is a proposal: it has no 'approvedBy', so it approves nothing until someone approves it.",
            AnalyzerHarness.Describe(Assert.Single(diagnostics)));
    }
}
