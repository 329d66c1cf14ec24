using Microsoft.CodeAnalysis.Text;
using Xunit;
using static Governance.Analyzers.Tests.GovernanceAnalyzerTest;

namespace Governance.Analyzers.Tests;

public class GOV001_InvalidGovernanceFileTests
{
    private static GovernanceAnalyzerTest Test() =>
        new GovernanceAnalyzerTest().Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }").Baseline("Contoso.A.One");

    [Fact]
    public async Task Bad_json_is_located_inside_the_plan_file()
    {
        await Test().Plan("bad.json", "{\n  \"dispatchId\": \"d-1\",\n  \"modules\": [\"A\" \"B\"]\n}")
            .Expect(Diagnostic("GOV001").WithLocation(PlansDir + "bad.json", 3, 19)
                .WithMessage("The plan is not valid JSON: Expected ',' or ']' after an array element but found '\"'."))
            .RunAsync();
    }

    // Markup in the plan text: {|#0:...|} is where the GOV001 must be.
    [Theory]
    [InlineData("{ \"dispatchId\": {|#0:7|} }", "'dispatchId' must be a string, not a number.")]
    [InlineData("{ \"dispatchId\": \"d-1\", \"modules\": [{|#0:\"A.*.B\"|}] }", "wildcard may only be the last segment")]
    [InlineData("{ \"dispatchId\": \"d-1\", \"packages\": [{ \"id\": \"X\", \"version\": {|#0:\"(1.0\"|} }] }", "is not a valid NuGet version range")]
    [InlineData("{ \"dispatchId\": \"d-1\", \"expiresAt\": {|#0:\"2026-12-20\"|} }", "is not an ISO 8601 date-time")]
    public async Task Wrong_values_are_GOV001_and_never_AD0001(string text, string fragment)
    {
        var test = Test().Plan("bad.json", text).Expect(Diagnostic("GOV001").WithLocation(0));
        await test.RunAsync();
        Assert.Contains(fragment, Assert.Single(test.Actual).GetMessage());
    }

    [Theory]
    [InlineData("[2.0,1.0)")]
    [InlineData("(1.0,1.0)")]
    [InlineData("[1.0,1.0)")]
    [InlineData("(1.0,1.0]")]
    public async Task An_inverted_or_empty_range_is_GOV001_at_the_version_value(string range)
    {
        // The whole string value, quotes included, from (3,44).
        var test = Test().Plan("bad.json", "{\n  \"dispatchId\": \"d-1\",\n  \"packages\": [{ \"id\": \"Polly\", \"version\": \"" + range + "\" }]\n}")
            .Expect(Diagnostic("GOV001").WithSpan(PlansDir + "bad.json", 3, 44, 3, 44 + range.Length + 2));
        await test.RunAsync();
        Assert.StartsWith("'" + range + "' is an empty NuGet version range", Assert.Single(test.Actual).GetMessage());
    }

    [Fact]
    public async Task Duplicate_dispatch_id_is_reported_in_the_second_file_and_neither_plan_approves()
    {
        const string plan = "{ \"dispatchId\": \"d-1\", \"approvedBy\": \"a@b.c\", \"approvedAt\": \"2026-11-20T10:00:00Z\", \"modules\": [\"Contoso.New.**\"] }";
        var test = Test().Plan("a.json", plan).Plan("b.json", plan.Replace("\"d-1\"", "{|#0:\"d-1\"|}"))
            .Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class {|GOV100:X|} { } }")
            .Expect(Diagnostic("GOV001").WithLocation(0));
        await test.RunAsync();
        Assert.Contains("already used by .governance/plans/a.json", test.Actual.Single(d => d.Id == "GOV001").GetMessage());
    }

    [Fact]
    public async Task Bad_baseline_is_GOV001_in_the_baseline_and_suppresses_per_type_noise()
    {
        await new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } class Two { } }")
            .BaselineText("{ \"schemaVersion\": 1, \"project\": {|GOV001:3|}, \"targets\": {} }")
            .RunAsync();
    }

    [Fact]
    public async Task Unchanged_plan_text_is_parsed_once_across_compilations()
    {
        // The IDE makes a new compilation on every keystroke but keeps the unchanged plan's document and its SourceText.
        const string path = PlansDir + "cache-probe.json";
        var test = Test().Plan("cache-probe.json", "{ \"dispatchId\": \"cache-probe\", \"modules\": [\"Cache.Probe.**\"] }")
            .Expect(Diagnostic("GOV003").WithSpan(path, 1, 1, 1, 2));
        await test.RunAsync();
        var project = test.LastProject;
        var parsed = GovernanceInputs.ParseCounts[path];
        Assert.True(parsed >= 1);

        var source = project.Documents.Single(d => d.FilePath == "/repo/src/Payments/A.cs");
        for (var i = 0; i < 2; i++)
        {
            project = project.Solution.WithDocumentText(source.Id, SourceText.From("namespace Contoso.A { class One { } } // keystroke " + i)).GetProject(project.Id)!;
            await test.DiagnosticsAsync(project);
        }

        Assert.Equal(parsed, GovernanceInputs.ParseCounts[path]);

        var plan = project.AdditionalDocuments.Single(d => d.FilePath == path);
        project = project.Solution.WithAdditionalDocumentText(plan.Id, SourceText.From("{ \"dispatchId\": \"cache-probe\", \"modules\": [\"Cache.Probe2.**\"] }")).GetProject(project.Id)!;
        await test.DiagnosticsAsync(project);
        Assert.Equal(parsed + 1, GovernanceInputs.ParseCounts[path]);
    }
}
