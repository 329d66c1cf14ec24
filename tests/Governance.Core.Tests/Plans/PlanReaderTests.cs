using Governance.Core.Json;
using Governance.Core.Plans;
using Xunit;

namespace Governance.Core.Tests.Plans;

public class PlanReaderTests
{
    [Fact]
    public void Reads_the_documented_plan_shape()
    {
        var plan = TestPlans.Read(TestPlans.ApprovedPlan);

        Assert.Equal("d-2471", plan.DispatchId);
        Assert.Equal("alice@example.com", plan.ApprovedBy);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), plan.ApprovedAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero), plan.ExpiresAt);
        Assert.Equal(new[] { "src/Payments/Payments.csproj" }, plan.Projects);
        Assert.Equal(new[] { "Contoso.Payments.Retry.**", "Contoso.Payments.RetryOptions" }, plan.Modules.Select(m => m.Value.Text));
        Assert.Equal("Polly.Core", Assert.Single(plan.Packages).Value.Id);
        Assert.Equal("[8.4.0,9.0.0)", plan.Packages[0].Value.VersionRange);
        Assert.Equal("src/Resilience/Resilience.csproj", Assert.Single(plan.ProjectReferences).Value);
        Assert.True(plan.AppliesTo("src/Payments/Payments.csproj"));
        Assert.True(plan.AppliesTo("SRC/payments/Payments.csproj"));
        Assert.False(plan.AppliesTo("src/Other/Other.csproj"));
        Assert.True(plan.ModuleMatcher.IsMatch("Contoso.Payments.Retry.Backoff"));
    }

    public static TheoryData<string, string, int, int> BadPlans => new()
    {
        // text, expected message fragment, expected line, expected column (1-based)
        { "{ \"dispatchId\": \"d-1\", \"modules\": [\"A.*.B\"] }", "wildcard may only be the last segment", 1, 36 },
        { "{\n  \"dispatchId\": \"d-1\",\n  \"expiresat\": \"2026-01-01T00:00:00Z\"\n}", "Unknown property 'expiresat'", 3, 3 },
        { "{\n  \"dispatchId\": 42\n}", "'dispatchId' must be a string, not a number", 2, 17 },
        { "{\n  \"dispatchId\": \"d-1\",\n  \"expiresAt\": \"2026-01-01T00:00:00\"\n}", "has no time zone", 3, 16 },
        { "{\n  \"dispatchId\": \"d-1\",\n  \"packages\": [{ \"id\": \"Polly\", \"version\": \"[1.0\" }]\n}", "is not a valid NuGet version range", 3, 44 },
        { "{\n  \"dispatchId\": \"d-1\",\n  \"projects\": [\"../../etc/passwd\"]\n}", "leaves the governance root", 3, 16 },
        { "{\n  \"dispatchId\": \"d-1\",\n  \"projectReferences\": [\"/abs/Lib.csproj\"]\n}", "is an absolute path", 3, 25 },
        { "{\n  \"dispatchId\": \"d-1\",\n  \"modules\": [\"A.B\", \"A.B\"]\n}", "is listed twice in 'modules'", 3, 22 },
        { "{ \"task\": \"no id\" }", "Missing required property 'dispatchId'", 1, 1 },
        { "[1, 2]", "must be a JSON object", 1, 1 },
        { "{ \"dispatchId\": \"d 1\" }", "may contain only letters, digits", 1, 17 },
        { "{ \"dispatchId\": \"d-1\", \"modules\": \"A.B\" }", "'modules' must be an array", 1, 35 },
        { "{ \"dispatchId\": \"d-1\", \"suppressions\": [{ \"id\": \"GOV100\", \"target\": \"A\" }] }", "Missing required property 'reason'", 1, 41 },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public void Bad_plans_give_located_issues_and_approve_nothing(string text, string fragment, int line, int column)
    {
        var result = PlanReader.Read("/repo/.governance/plans/bad.json", text);

        Assert.Null(result.Plan);
        var issue = Assert.Single(result.Issues, i => i.Message.Contains(fragment, StringComparison.Ordinal));
        var position = new LineIndex(text).GetPosition(issue.Offset);
        Assert.Equal((line, column), (position.Line, position.Column));
        Assert.Equal("GOV001", issue.RuleId);
    }

    [Fact]
    public void Invalid_json_is_located_where_the_parser_stopped()
    {
        const string text = "{\n  \"dispatchId\": \"d-1\",\n  \"modules\": [\"A\" \"B\"]\n}";
        var result = PlanReader.Read("p.json", text);
        var issue = Assert.Single(result.Issues);
        Assert.StartsWith("The plan is not valid JSON:", issue.Message);
        Assert.Equal(3, new LineIndex(text).GetPosition(issue.Offset).Line);
    }

    [Fact]
    public void Duplicate_dispatch_ids_across_files_disable_both_plans()
    {
        var a = PlanReader.Read("/r/.governance/plans/a.json", "{ \"dispatchId\": \"d-1\", \"modules\": [\"A.**\"] }");
        var b = PlanReader.Read("/r/.governance/plans/b.json", "{ \"dispatchId\": \"D-1\", \"modules\": [\"B.**\"] }");
        var set = PlanSet.Create(new[] { a, b });

        Assert.Empty(set.Plans);
        var issue = Assert.Single(set.Issues);
        Assert.Contains("already used by .governance/plans/a.json", issue.Message);
        Assert.Equal("/r/.governance/plans/b.json", issue.Path);
    }

    [Fact]
    public void Plan_set_order_does_not_depend_on_input_order()
    {
        var files = new[]
        {
            new KeyValuePair<string, string>("/r/p/z.json", "{ \"dispatchId\": \"z\" }"),
            new KeyValuePair<string, string>("/r/p/a.json", "{ \"dispatchId\": \"a\" }"),
        };
        var forward = PlanSet.Create(files, (p, t) => PlanReader.Read(p, t));
        var backward = PlanSet.Create(files.Reverse(), (p, t) => PlanReader.Read(p, t));
        Assert.Equal(forward.Plans.Select(p => p.Path), backward.Plans.Select(p => p.Path));
    }

    [Fact]
    public void A_custom_range_validator_is_used_when_given()
    {
        var result = PlanReader.Read("p.json", "{ \"dispatchId\": \"d\", \"packages\": [{ \"id\": \"X\", \"version\": \"1.0\" }] }", _ => "rejected by host");
        Assert.Contains(result.Issues, i => i.Message == "rejected by host");
    }
}
