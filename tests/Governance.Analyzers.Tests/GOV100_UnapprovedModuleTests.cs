using Xunit;

namespace Governance.Analyzers.Tests;

public class GOV100_UnapprovedModuleTests
{
    private const string Existing = "namespace Contoso.Payments { public class PaymentClient { public class Nested { } } }";

    private const string ApprovedPlan = """
        {
          "dispatchId": "d-2471",
          "task": "Add a retry policy",
          "approvedBy": "alice@example.com",
          "approvedAt": "2026-11-20T10:00:00Z",
          "expiresAt": "2026-12-20T00:00:00Z",
          "projects": ["src/Payments/Payments.csproj"],
          "modules": ["Contoso.Payments.Retry.**", "Contoso.Payments.RetryOptions", "Contoso.Payments.Policies.*"]
        }
        """;

    private static AnalyzerHarness Harness() => new AnalyzerHarness().Source("/repo/src/Payments/PaymentClient.cs", Existing).Baseline("Contoso.Payments.PaymentClient");

    [Fact]
    public async Task Baseline_covering_every_module_gives_no_diagnostics()
    {
        Assert.Empty(await Harness().RunAsync());
    }

    [Fact]
    public async Task New_type_in_a_new_namespace_is_reported_at_its_identifier_with_the_fix()
    {
        var diagnostics = await Harness()
            .Source("/repo/src/Payments/Helpers/StringUtil.cs", "namespace Contoso.Payments.Helpers;\n\ninternal static class StringUtil { }\n")
            .RunAsync();

        var d = Assert.Single(diagnostics);
        Assert.Equal(
            "StringUtil.cs(3,23): error GOV100: Type 'Contoso.Payments.Helpers.StringUtil' is not in the baseline of 'src/Payments/Payments.csproj' and no approved plan covers it. "
            + "Add it to an approved plan's \"modules\" (for example \"Contoso.Payments.Helpers.**\"), or move the code into an approved module.",
            AnalyzerHarness.Describe(d));
        Assert.Equal("Contoso.Payments.Helpers.StringUtil", d.Properties["Module"]);
        Assert.Equal("https://github.com/governance-analyzers/Governance.Analyzers/blob/main/docs/rules/GOV100.md", d.Descriptor.HelpLinkUri);
    }

    [Theory]
    [InlineData("namespace Contoso.Payments.Retry { class RetryPolicy { } }")]
    [InlineData("namespace Contoso.Payments.Retry.Backoff { class Jitter { } }")]
    [InlineData("namespace Contoso.Payments { class RetryOptions { } }")]
    [InlineData("namespace Contoso.Payments.Policies { class Timeout { } }")]
    public async Task Approved_plan_patterns_cover_the_module(string source)
    {
        var diagnostics = await Harness().Plan("d-2471.json", ApprovedPlan).Source("/repo/src/Payments/New.cs", source).RunAsync();
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task One_level_pattern_does_not_cover_deeper_modules()
    {
        var diagnostics = await Harness().Plan("d-2471.json", ApprovedPlan)
            .Source("/repo/src/Payments/New.cs", "namespace Contoso.Payments.Policies.Deep { class Timeout { } }").RunAsync();
        Assert.Equal("GOV100", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task Expired_plan_is_named_with_why_it_does_not_count()
    {
        var harness = Harness().Plan("d-2471.json", ApprovedPlan).Source("/repo/src/Payments/Retry.cs", "namespace Contoso.Payments.Retry { class RetryPolicy { } }");
        harness.Properties["GovernanceNow"] = "2027-01-01T00:00:00Z";
        var diagnostics = await harness.RunAsync();

        Assert.Equal(new[] { "GOV003", "GOV100" }, diagnostics.Select(d => d.Id).OrderBy(i => i));
        var gov100 = diagnostics.Single(d => d.Id == "GOV100");
        Assert.Contains("(plan 'd-2471' would cover it (\"Contoso.Payments.Retry.**\") but expired at 2026-12-20T00:00:00.000Z, so it approves nothing; renew it with a new approval)", gov100.GetMessage());
    }

    [Fact]
    public async Task Proposal_without_approvedBy_approves_nothing()
    {
        var proposal = ApprovedPlan.Replace("\"approvedBy\": \"alice@example.com\",", "");
        var diagnostics = await Harness().Plan("d-2471.json", proposal).Source("/repo/src/Payments/Retry.cs", "namespace Contoso.Payments.Retry { class RetryPolicy { } }").RunAsync();
        Assert.Contains(diagnostics, d => d.Id == "GOV100" && d.GetMessage().Contains("is a proposal: it has no 'approvedBy'"));
        Assert.Contains(diagnostics, d => d.Id == "GOV003");
    }

    [Fact]
    public async Task Plan_for_other_projects_does_not_apply()
    {
        var other = ApprovedPlan.Replace("src/Payments/Payments.csproj", "src/Other/Other.csproj");
        var diagnostics = await Harness().Plan("d-2471.json", other).Source("/repo/src/Payments/Retry.cs", "namespace Contoso.Payments.Retry { class RetryPolicy { } }").RunAsync();
        Assert.Equal("GOV100", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task Partial_type_is_one_module_reported_once_with_other_parts_as_additional_locations()
    {
        var diagnostics = await Harness()
            .Source("/repo/src/Payments/B.cs", "namespace Contoso.Billing { partial class Invoice { } }")
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.Billing { partial class Invoice { } }")
            .RunAsync();
        var d = Assert.Single(diagnostics);
        Assert.Equal("/repo/src/Payments/A.cs", d.Location.GetLineSpan().Path);
        Assert.Equal("/repo/src/Payments/B.cs", Assert.Single(d.AdditionalLocations).GetLineSpan().Path);
    }

    [Fact]
    public async Task Generic_arity_is_not_part_of_the_module_and_nested_types_are_not_modules()
    {
        var diagnostics = await Harness()
            .Source("/repo/src/Payments/G.cs", "namespace Contoso.Billing { class Ledger<T> { class Inner { } } }")
            .RunAsync();
        Assert.Contains("'Contoso.Billing.Ledger'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task File_local_types_are_modules_of_their_declared_name_and_generated_types_are_modules()
    {
        var diagnostics = (await Harness()
            .Source("/repo/src/Payments/F.cs", "namespace Contoso.Billing { file class Secret { } }")
            .Source("/repo/src/Payments/Gen.g.cs", "// <auto-generated/>\nnamespace Contoso.Generated { class Thing { } }")
            .RunAsync()).OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ToList();
        Assert.Equal(2, diagnostics.Count);
        Assert.Equal(("GOV100", "/repo/src/Payments/F.cs"), (diagnostics[0].Id, diagnostics[0].Location.GetLineSpan().Path));
        Assert.Contains("'Contoso.Billing.Secret'", diagnostics[0].GetMessage());
        Assert.Equal(("GOV100", "/repo/src/Payments/Gen.g.cs"), (diagnostics[1].Id, diagnostics[1].Location.GetLineSpan().Path));
        Assert.Contains("'Contoso.Generated.Thing'", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Namespace_granularity_reports_the_namespace_once()
    {
        var harness = new AnalyzerHarness()
            .Source("/repo/src/Payments/PaymentClient.cs", Existing)
            .Source("/repo/src/Payments/H1.cs", "namespace Contoso.Payments.Helpers { class A { } }")
            .Source("/repo/src/Payments/H2.cs", "namespace Contoso.Payments.Helpers { class B { } }")
            .BaselineText(AnalyzerHarness.BaselineJson(["Contoso.Payments"], granularity: "Namespace"));
        harness.Properties["GovernanceModuleGranularity"] = "Namespace";
        var d = Assert.Single(await harness.RunAsync());
        Assert.StartsWith("Namespace 'Contoso.Payments.Helpers' is not in the baseline", d.GetMessage());
    }

    [Fact]
    public async Task Audit_mode_reports_warnings_and_Off_reports_nothing()
    {
        var audit = Harness().Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class X { } }");
        audit.Properties["GovernanceMode"] = "Audit";
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, Assert.Single(await audit.RunAsync()).Severity);

        var off = Harness().Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class X { } }");
        off.Properties["GovernanceMode"] = "Off";
        Assert.Empty(await off.RunAsync());
    }

    [Fact]
    public async Task Project_outside_any_governance_root_is_not_governed()
    {
        var harness = new AnalyzerHarness().Source("/x/N.cs", "namespace Contoso.New { class X { } }");
        harness.Properties.Remove("GovernanceRoot");
        Assert.Empty(await harness.RunAsync());
    }
}
