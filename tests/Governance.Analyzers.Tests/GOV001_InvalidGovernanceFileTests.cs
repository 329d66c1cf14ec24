using Xunit;

namespace Governance.Analyzers.Tests;

public class GOV001_InvalidGovernanceFileTests
{
    private static AnalyzerHarness Harness() =>
        new AnalyzerHarness().Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }").Baseline("Contoso.A.One");

    [Fact]
    public async Task Bad_json_is_located_inside_the_plan_file()
    {
        var diagnostics = await Harness().Plan("bad.json", "{\n  \"dispatchId\": \"d-1\",\n  \"modules\": [\"A\" \"B\"]\n}").RunAsync();
        var d = Assert.Single(diagnostics);
        Assert.Equal("bad.json(3,19): error GOV001: The plan is not valid JSON: Expected ',' or ']' after an array element but found '\"'.", AnalyzerHarness.Describe(d));
    }

    [Theory]
    [InlineData("{ \"dispatchId\": 7 }", "'dispatchId' must be a string, not a number.")]
    [InlineData("{ \"dispatchId\": \"d-1\", \"modules\": [\"A.*.B\"] }", "wildcard may only be the last segment")]
    [InlineData("{ \"dispatchId\": \"d-1\", \"packages\": [{ \"id\": \"X\", \"version\": \"(1.0\" }] }", "is not a valid NuGet version range")]
    [InlineData("{ \"dispatchId\": \"d-1\", \"expiresAt\": \"2026-12-20\" }", "is not an ISO 8601 date-time")]
    public async Task Wrong_values_are_GOV001_and_never_AD0001(string text, string fragment)
    {
        var diagnostics = await Harness().Plan("bad.json", text).RunAsync();
        var d = Assert.Single(diagnostics);
        Assert.Equal("GOV001", d.Id);
        Assert.Contains(fragment, d.GetMessage());
        Assert.EndsWith("bad.json", d.Location.GetLineSpan().Path);
    }

    [Theory]
    [InlineData("[2.0,1.0)")]
    [InlineData("(1.0,1.0)")]
    [InlineData("[1.0,1.0)")]
    [InlineData("(1.0,1.0]")]
    public async Task An_inverted_or_empty_range_is_GOV001_at_the_version_value(string range)
    {
        var diagnostics = await Harness().Plan("bad.json", "{\n  \"dispatchId\": \"d-1\",\n  \"packages\": [{ \"id\": \"Polly\", \"version\": \"" + range + "\" }]\n}").RunAsync();

        var d = Assert.Single(diagnostics);
        Assert.StartsWith("bad.json(3,44): error GOV001: '" + range + "' is an empty NuGet version range", AnalyzerHarness.Describe(d));
        Assert.Equal(range.Length + 2, d.Location.SourceSpan.Length);
    }

    [Fact]
    public async Task Duplicate_dispatch_id_is_reported_in_the_second_file_and_neither_plan_approves()
    {
        const string plan = "{ \"dispatchId\": \"d-1\", \"approvedBy\": \"a@b.c\", \"approvedAt\": \"2026-11-20T10:00:00Z\", \"modules\": [\"Contoso.New.**\"] }";
        var diagnostics = await Harness().Plan("a.json", plan).Plan("b.json", plan)
            .Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class X { } }").RunAsync();

        Assert.Contains(diagnostics, d => d.Id == "GOV001" && d.Location.GetLineSpan().Path.EndsWith("b.json") && d.GetMessage().Contains("already used by .governance/plans/a.json"));
        Assert.Contains(diagnostics, d => d.Id == "GOV100");
    }

    [Fact]
    public async Task Bad_baseline_is_GOV001_in_the_baseline_and_suppresses_per_type_noise()
    {
        var diagnostics = await new AnalyzerHarness()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } class Two { } }")
            .BaselineText("{ \"schemaVersion\": 1, \"project\": 3, \"targets\": {} }")
            .RunAsync();
        var d = Assert.Single(diagnostics);
        Assert.Equal("GOV001", d.Id);
        Assert.EndsWith("Payments.csproj.json", d.Location.GetLineSpan().Path);
    }

    [Fact]
    public async Task Unchanged_plan_text_is_parsed_once_across_compilations()
    {
        // The IDE makes a new compilation on every keystroke but keeps the unchanged plan's SourceText.
        var plan = Microsoft.CodeAnalysis.Text.SourceText.From("{ \"dispatchId\": \"cache-probe\", \"modules\": [\"Cache.Probe.**\"] }");
        const string path = AnalyzerHarness.PlansDir + "cache-probe.json";
        for (var i = 0; i < 3; i++)
        {
            await Harness().Plan("cache-probe.json", plan).RunAsync();
        }

        Assert.Equal(1, GovernanceInputs.ParseCounts[path]);

        var edited = Microsoft.CodeAnalysis.Text.SourceText.From("{ \"dispatchId\": \"cache-probe\", \"modules\": [\"Cache.Probe2.**\"] }");
        await Harness().Plan("cache-probe.json", edited).RunAsync();
        Assert.Equal(2, GovernanceInputs.ParseCounts[path]);
    }
}
