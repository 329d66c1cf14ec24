using Microsoft.CodeAnalysis;
using Xunit;
using static Governance.Analyzers.Tests.GovernanceAnalyzerTest;

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

    private static GovernanceAnalyzerTest Test() => new GovernanceAnalyzerTest().Source("/repo/src/Payments/PaymentClient.cs", Existing).Baseline("Contoso.Payments.PaymentClient");

    [Fact]
    public async Task Baseline_covering_every_module_gives_no_diagnostics()
    {
        await Test().RunAsync();
    }

    [Fact]
    public async Task New_type_in_a_new_namespace_is_reported_at_its_identifier_with_the_fix()
    {
        var test = Test()
            .Source("/repo/src/Payments/Helpers/StringUtil.cs", "namespace Contoso.Payments.Helpers;\n\ninternal static class {|#0:StringUtil|} { }\n")
            .Expect(Diagnostic("GOV100").WithLocation(0).WithMessage(
                "Type 'Contoso.Payments.Helpers.StringUtil' is not in the baseline of 'src/Payments/Payments.csproj' and no approved plan covers it. "
                + "Add it to an approved plan's \"modules\" (for example \"Contoso.Payments.Helpers.**\"), or move the code into an approved module."));
        await test.RunAsync();

        var d = Assert.Single(test.Actual);
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
        await Test().Plan("d-2471.json", ApprovedPlan).Source("/repo/src/Payments/New.cs", source).RunAsync();
    }

    [Fact]
    public async Task One_level_pattern_does_not_cover_deeper_modules()
    {
        await Test().Plan("d-2471.json", ApprovedPlan)
            .Source("/repo/src/Payments/New.cs", "namespace Contoso.Payments.Policies.Deep { class {|GOV100:Timeout|} { } }").RunAsync();
    }

    [Fact]
    public async Task Expired_plan_is_named_with_why_it_does_not_count()
    {
        var test = Test().Plan("d-2471.json", ApprovedPlan).Source("/repo/src/Payments/Retry.cs", "namespace Contoso.Payments.Retry { class {|#0:RetryPolicy|} { } }")
            .Expect(
                Diagnostic("GOV003").WithLocation(PlansDir + "d-2471.json", 6, 16),
                Diagnostic("GOV100").WithLocation(0).WithMessage(
                    "Type 'Contoso.Payments.Retry.RetryPolicy' is not in the baseline of 'src/Payments/Payments.csproj' and no approved plan covers it "
                    + "(plan 'd-2471' would cover it (\"Contoso.Payments.Retry.**\") but expired at 2026-12-20T00:00:00.000Z, so it approves nothing; renew it with a new approval). "
                    + "Add it to an approved plan's \"modules\" (for example \"Contoso.Payments.Retry.**\"), or move the code into an approved module."));
        test.Properties["GovernanceNow"] = "2027-01-01T00:00:00Z";
        await test.RunAsync();
    }

    [Fact]
    public async Task Proposal_without_approvedBy_approves_nothing()
    {
        var proposal = ApprovedPlan.Replace("\"approvedBy\": \"alice@example.com\",", "");
        var test = Test().Plan("d-2471.json", proposal).Source("/repo/src/Payments/Retry.cs", "namespace Contoso.Payments.Retry { class {|GOV100:RetryPolicy|} { } }")
            .Expect(Diagnostic("GOV003").WithLocation(PlansDir + "d-2471.json", 5, 17));
        await test.RunAsync();
        Assert.Contains("is a proposal: it has no 'approvedBy'", test.Actual.Single(d => d.Id == "GOV100").GetMessage());
    }

    [Fact]
    public async Task Plan_for_other_projects_does_not_apply()
    {
        var other = ApprovedPlan.Replace("src/Payments/Payments.csproj", "src/Other/Other.csproj");
        await Test().Plan("d-2471.json", other).Source("/repo/src/Payments/Retry.cs", "namespace Contoso.Payments.Retry { class {|GOV100:RetryPolicy|} { } }").RunAsync();
    }

    [Fact]
    public async Task Partial_type_is_one_module_reported_once_with_other_parts_as_additional_locations()
    {
        // Reported at the first part by path, the other part as its additional location.
        await Test()
            .Source("/repo/src/Payments/B.cs", "namespace Contoso.Billing { partial class {|#1:Invoice|} { } }")
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.Billing { partial class {|#0:Invoice|} { } }")
            .Expect(Diagnostic("GOV100").WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Fact]
    public async Task Generic_arity_is_not_part_of_the_module_and_nested_types_are_not_modules()
    {
        var test = Test().Source("/repo/src/Payments/G.cs", "namespace Contoso.Billing { class {|GOV100:Ledger|}<T> { class Inner { } } }");
        await test.RunAsync();
        Assert.Contains("'Contoso.Billing.Ledger'", Assert.Single(test.Actual).GetMessage());
    }

    [Fact]
    public async Task File_local_types_are_modules_of_their_declared_name_and_generated_types_are_modules()
    {
        var test = Test()
            .Source("/repo/src/Payments/F.cs", "namespace Contoso.Billing { file class {|GOV100:Secret|} { } }")
            .Source("/repo/src/Payments/Gen.g.cs", "// <auto-generated/>\nnamespace Contoso.Generated { class {|GOV100:Thing|} { } }");
        await test.RunAsync();
        Assert.Contains(test.Actual, d => d.GetMessage().Contains("'Contoso.Billing.Secret'"));
        Assert.Contains(test.Actual, d => d.GetMessage().Contains("'Contoso.Generated.Thing'"));
    }

    [Fact]
    public async Task Namespace_granularity_reports_the_namespace_once()
    {
        var test = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/PaymentClient.cs", Existing)
            .Source("/repo/src/Payments/H1.cs", "namespace Contoso.Payments.{|#0:Helpers|} { class A { } }")
            .Source("/repo/src/Payments/H2.cs", "namespace Contoso.Payments.Helpers { class B { } }")
            .BaselineText(BaselineJson(["Contoso.Payments"], granularity: "Namespace"))
            .Expect(Diagnostic("GOV100").WithLocation(0).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
        test.Properties["GovernanceModuleGranularity"] = "Namespace";
        await test.RunAsync();
        Assert.StartsWith("Namespace 'Contoso.Payments.Helpers' is not in the baseline", Assert.Single(test.Actual).GetMessage());
    }

    [Fact]
    public async Task Audit_mode_reports_warnings_and_Off_reports_nothing()
    {
        var audit = Test().Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class {|#0:X|} { } }")
            .Expect(Diagnostic("GOV100").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning));
        audit.Properties["GovernanceMode"] = "Audit";
        await audit.RunAsync();

        var off = Test().Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class X { } }");
        off.Properties["GovernanceMode"] = "Off";
        await off.RunAsync();
    }

    [Fact]
    public async Task Project_outside_any_governance_root_is_not_governed()
    {
        var test = new GovernanceAnalyzerTest().Source("/x/N.cs", "namespace Contoso.New { class X { } }");
        test.Properties.Remove("GovernanceRoot");
        await test.RunAsync();
    }
}
