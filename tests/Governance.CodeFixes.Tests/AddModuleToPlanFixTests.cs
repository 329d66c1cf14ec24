using System.Text;
using Governance.Tests.Shared;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
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

    private static readonly (string Path, string Text)[] s_sources =
    [
        ("/repo/src/Payments/PaymentClient.cs", "namespace Contoso.Payments { public class PaymentClient { } }"),
        ("/repo/src/Payments/Helpers/StringUtil.cs", "namespace Contoso.Payments.Helpers { public static class {|GOV100:StringUtil|} { } }"),
        ("/repo/src/Payments/Audit/Trail.cs", "namespace Contoso.Payments.Audit { public static class {|GOV100:Trail|} { } }"),
    ];

    /// <summary>The project with two unapproved modules; after a plan edit both are still GOV100 (the edit clears the
    /// plan's approval, so it approves nothing until it is approved again).</summary>
    private static GovernanceCodeFixTest<TFix> Test<TFix>(string plan = Plan, int sources = 3)
        where TFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new GovernanceCodeFixTest<TFix>(["Contoso.Payments.PaymentClient"]).Plan(PlanPath, plan);
        foreach (var source in s_sources.Take(sources))
        {
            test.TestState.Sources.Add(source);
            test.FixedState.Sources.Add(source);
        }

        test.FixedState.AdditionalFiles.Add((GovernanceTestInputs.BaselinePath, GovernanceTestInputs.BaselineJson(["Contoso.Payments.PaymentClient"])));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test;
    }

    /// <summary>Plan files as the fixes write them: UTF-8 without a byte order mark.</summary>
    private static SourceText Utf8(string text) => SourceText.From(text, new UTF8Encoding(false));

    [Fact]
    public async Task Offers_one_fix_per_applicable_plan_and_a_new_proposal_and_no_other()
    {
        // Action 0 (add to plan d-2471) and action 1 (a new proposal) are applied, titles checked, in the tests below;
        // a third action does not exist, so asking for it changes nothing.
        var test = Test<AddModuleToPlanFix>(sources: 2);
        test.CodeActionIndex = 2;
        test.FixedState.AdditionalFiles.Add((PlanPath, Plan));
        await test.RunAsync();
    }

    [Fact]
    public async Task Single_fix_inserts_sorted_keeps_formatting_and_clears_the_approval()
    {
        var test = Test<AddModuleToPlanFix>(sources: 2);
        test.CodeActionIndex = 0;
        test.CodeActionVerifier = (action, verifier) => verifier.Equal("Add 'Contoso.Payments.Helpers.StringUtil' to plan 'd-2471'", action.Title);
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck;
        test.FixedState.AdditionalFiles.Add((PlanPath, Utf8(GovernanceCodeFixTest<AddModuleToPlanFix>.Verified("single"))));
        await test.RunAsync();
    }

    [Fact]
    public async Task Crlf_and_inline_arrays_are_kept()
    {
        var inline = Plan.Replace("[\n    \"Contoso.Payments.Retry.**\",\n    \"Contoso.Payments.Zeta\"\n  ]", "[\"Contoso.Payments.Retry.**\", \"Contoso.Payments.Zeta\"]").Replace("\n", "\r\n");
        var test = Test<AddModuleToPlanFix>(inline, sources: 2);
        test.CodeActionIndex = 0;
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck;
        // The module inserted into the inline array, the approval lines gone, every line still ending in CRLF.
        test.FixedState.AdditionalFiles.Add((PlanPath, Utf8(inline
            .Replace("  \"approvedBy\": \"alice@example.com\",\r\n  \"approvedAt\": \"2026-11-20T10:00:00Z\",\r\n", string.Empty)
            .Replace("[\"Contoso.Payments.Retry.**\"", "[\"Contoso.Payments.Helpers.StringUtil\", \"Contoso.Payments.Retry.**\""))));
        await test.RunAsync();
    }

    /// <summary>The plan after one fix: <paramref name="module"/> added, the approval cleared.</summary>
    private static SourceText PlanWith(string module) =>
        Utf8(GovernanceCodeFixTest<AddModuleToPlanFix>.Verified("single").Replace("Contoso.Payments.Helpers.StringUtil", module));

    [Fact]
    public async Task Fix_all_makes_one_edit_per_plan_file()
    {
        // Fix all in the project and in the solution add both modules in one edit of the plan. One by one, the first
        // fix (Audit/Trail.cs comes first) clears the approval, after which the plan is a proposal.
        var test = Test<AddModuleToPlanFix>();
        test.CodeActionEquivalenceKey = "GOV100:AddToPlan:d-2471.json";
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        test.NumberOfIncrementalIterations = 1;
        test.NumberOfFixAllInProjectIterations = 1;
        test.NumberOfFixAllIterations = 1;
        test.FixedState.AdditionalFiles.Add((PlanPath, PlanWith("Contoso.Payments.Audit.Trail")));
        foreach (var source in s_sources)
        {
            test.BatchFixedState.Sources.Add(source);
        }

        test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
        test.BatchFixedState.AdditionalFiles.Add((GovernanceTestInputs.BaselinePath, GovernanceTestInputs.BaselineJson(["Contoso.Payments.PaymentClient"])));
        test.BatchFixedState.AdditionalFiles.Add((PlanPath, Utf8(GovernanceCodeFixTest<AddModuleToPlanFix>.Verified("fix-all"))));
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_in_a_document_adds_only_that_documents_module()
    {
        var test = Test<AddModuleToPlanFix>();
        test.CodeActionEquivalenceKey = "GOV100:AddToPlan:d-2471.json";
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
        test.NumberOfIncrementalIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        test.FixedState.AdditionalFiles.Add((PlanPath, PlanWith("Contoso.Payments.Audit.Trail")));
        await test.RunAsync();
    }

    [Fact]
    public async Task New_proposal_is_a_new_plan_file_without_approval()
    {
        // The proposal's id and file name are a hash of the project and its modules: the same proposal every time.
        var test = Test<AddModuleToPlanFix>(sources: 2);
        test.CodeActionIndex = 1;
        test.CodeActionVerifier = (action, verifier) => verifier.Equal("Add 'Contoso.Payments.Helpers.StringUtil' to a new proposal", action.Title);
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck;
        test.FixedState.AdditionalFiles.Add((PlanPath, Plan));
        test.FixedState.AdditionalFiles.Add(("proposal-e5b64845.json", Utf8(GovernanceCodeFixTest<AddModuleToPlanFix>.Verified("proposal"))));
        await test.RunAsync();

        // The library compares the new document's name; where it is written is the plans folder beside the other
        // governance files (direct: the library does not compare an added document's path).
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Payments", LanguageNames.CSharp)
            .AddAdditionalDocument("Payments.csproj.json", "{}", filePath: GovernanceTestInputs.BaselinePath).Project;
        var added = AddModuleToPlanFix.AddProposal(project, GovernanceTestInputs.Project, ["Contoso.Payments.Helpers.StringUtil"])
            .GetProject(project.Id)!.AdditionalDocuments.Single(d => d.Name.StartsWith("proposal-", StringComparison.Ordinal));
        Assert.Equal("/repo/.governance/plans/proposal-e5b64845.json", added.FilePath!.Replace('\\', '/'));
    }

    [Fact]
    public async Task Move_into_the_nearest_approved_namespace()
    {
        var test = Test<MoveToApprovedNamespaceFix>(sources: 2);
        test.CodeActionVerifier = (action, verifier) => verifier.Equal("Move 'StringUtil' into 'Contoso.Payments.Retry'", action.Title);
        test.FixedState.Sources.Clear();
        test.FixedState.Sources.Add(s_sources[0]);
        test.FixedState.Sources.Add(("/repo/src/Payments/Helpers/StringUtil.cs", "namespace Contoso.Payments.Retry { public static class StringUtil { } }"));
        test.FixedState.AdditionalFiles.Add((PlanPath, Plan));
        await test.RunAsync();
    }
}
