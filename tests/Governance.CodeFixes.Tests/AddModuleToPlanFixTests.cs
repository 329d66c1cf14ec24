using Governance.Tests.Shared;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace Governance.CodeFixes.Tests;

public class AddModuleToPlanFixTests
{
    private const string PlanPath = "/repo/.governance/plans/d-2471.json";

    private const string Plan = """
        {
          "dispatchId": "d-2471",
          "task": "Add a retry policy",
          "approvedBy": "alice@example.com",
          "approvedAt": "2026-11-20T10:00:00Z",
          "expiresAt": "2099-12-20T00:00:00Z",
          "projects": ["src/Payments/Payments.csproj"],
          "modules": [
            "Contoso.Payments.Retry.**",
            "Contoso.Payments.Zeta"
          ]
        }

        """;

    private static FixHarness Harness(string plan = Plan) =>
        new FixHarness("\"Contoso.Payments.PaymentClient\"")
            .Source("/repo/src/Payments/PaymentClient.cs", "namespace Contoso.Payments { public class PaymentClient { } }")
            .Source("/repo/src/Payments/Helpers/StringUtil.cs", "namespace Contoso.Payments.Helpers { public static class StringUtil { } }")
            .Source("/repo/src/Payments/Audit/Trail.cs", "namespace Contoso.Payments.Audit { public static class Trail { } }")
            .Additional(PlanPath, plan);

    [Fact]
    public async Task Offers_one_fix_per_applicable_plan_and_a_new_proposal()
    {
        using var harness = Harness();
        var diagnostic = (await harness.DiagnosticsAsync()).First(d => d.GetMessage().Contains("StringUtil"));
        var actions = await harness.ActionsAsync(new AddModuleToPlanFix(), diagnostic);
        Assert.Equal(new[] { "Add 'Contoso.Payments.Helpers.StringUtil' to plan 'd-2471'", "Add 'Contoso.Payments.Helpers.StringUtil' to a new proposal" }, actions.Select(a => a.Title));
    }

    [Fact]
    public async Task Single_fix_inserts_sorted_keeps_formatting_and_clears_the_approval()
    {
        using var harness = Harness();
        var diagnostic = (await harness.DiagnosticsAsync()).First(d => d.GetMessage().Contains("StringUtil"));
        var solution = await FixHarness.ApplyAsync((await harness.ActionsAsync(new AddModuleToPlanFix(), diagnostic))[0]);
        Snapshot.Verify(FixHarness.AdditionalText(solution, PlanPath), "single");
    }

    [Fact]
    public async Task Crlf_and_inline_arrays_are_kept()
    {
        var inline = Plan.Replace("[\n    \"Contoso.Payments.Retry.**\",\n    \"Contoso.Payments.Zeta\"\n  ]", "[\"Contoso.Payments.Retry.**\", \"Contoso.Payments.Zeta\"]").Replace("\n", "\r\n");
        using var harness = Harness(inline);
        var diagnostic = (await harness.DiagnosticsAsync()).First(d => d.GetMessage().Contains("StringUtil"));
        var edited = FixHarness.AdditionalText(await FixHarness.ApplyAsync((await harness.ActionsAsync(new AddModuleToPlanFix(), diagnostic))[0]), PlanPath);
        Assert.Contains("\"modules\": [\"Contoso.Payments.Helpers.StringUtil\", \"Contoso.Payments.Retry.**\", \"Contoso.Payments.Zeta\"]", edited);
        Assert.DoesNotContain("approvedBy", edited);
        Assert.Equal(edited.Split("\r\n").Length - 1, edited.Split('\n').Length - 1);
    }

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_all_makes_one_edit_per_plan_file(FixAllScope scope)
    {
        using var harness = Harness();
        var solution = await harness.FixAllAsync(new AddModuleToPlanFix(), "GOV100:AddToPlan:d-2471.json", scope);
        var text = FixHarness.AdditionalText(solution, PlanPath);
        if (scope == FixAllScope.Document)
        {
            Assert.Equal(1, text.Split("Contoso.Payments.Audit.Trail").Length - 1 + text.Split("Contoso.Payments.Helpers.StringUtil").Length - 1);
        }
        else
        {
            Snapshot.Verify(text, "fix-all");
        }
    }

    [Fact]
    public async Task New_proposal_is_a_new_plan_file_without_approval()
    {
        using var harness = Harness();
        var diagnostic = (await harness.DiagnosticsAsync()).First(d => d.GetMessage().Contains("StringUtil"));
        var before = harness.Solution.Projects.Single().AdditionalDocuments.Count();
        var solution = await FixHarness.ApplyAsync((await harness.ActionsAsync(new AddModuleToPlanFix(), diagnostic))[1]);
        var added = solution.Projects.Single().AdditionalDocuments.Single(d => d.Name.StartsWith("proposal-", StringComparison.Ordinal));
        Assert.Equal(before + 1, solution.Projects.Single().AdditionalDocuments.Count());
        Assert.StartsWith("/repo/.governance/plans/proposal-", added.FilePath);
        Snapshot.Verify(System.Text.RegularExpressions.Regex.Replace((await added.GetTextAsync()).ToString(), "proposal-[0-9a-f]{8}", "proposal-<hash>"), "proposal");
    }

    [Fact]
    public async Task Move_into_the_nearest_approved_namespace()
    {
        using var harness = Harness();
        var diagnostic = (await harness.DiagnosticsAsync()).First(d => d.GetMessage().Contains("StringUtil"));
        var action = Assert.Single(await harness.ActionsAsync(new MoveToApprovedNamespaceFix(), diagnostic));
        Assert.Equal("Move 'StringUtil' into 'Contoso.Payments.Retry'", action.Title);
        var solution = await FixHarness.ApplyAsync(action);
        var document = solution.Projects.Single().Documents.Single(d => d.Name == "StringUtil.cs");
        Assert.Equal("namespace Contoso.Payments.Retry { public static class StringUtil { } }", (await document.GetTextAsync()).ToString());
    }
}
