using Governance.Core.Baselines;
using Governance.Core.Findings;
using Governance.Core.Policy;
using Governance.Core.Rules;
using Xunit;

namespace Governance.Core.Tests.Policy;

/// <summary>The file between the dependency check and the receipt step: read back as written, and what cannot be
/// read is no output (the receipt step records an error), never an empty pass.</summary>
public sealed class DependencyCheckOutputTests
{
    [Fact]
    public void An_output_reads_back_as_written()
    {
        var written = new DependencyCheckOutput
        {
            Status = DependencyCheckStatus.Ok,
            InputsHash = "abc",
            ValidUntil = new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero),
            Project = "src/App/App.csproj",
            TargetFramework = "net10.0",
            DurationMs = 42,
            BaselineSha256 = new string('b', 64),
            Facts = new DependencyRecord([new PackageVersionRecord("Polly.Core", "8.4.0")], [new PackageVersionRecord("System.Memory", "4.5.5")], ["src/Core/Core.csproj"], ["Legacy"], ["Microsoft.AspNetCore.App"]),
        };
        written.Findings.Add(new Finding(RuleIds.UnapprovedPackage, "Package 'X' is not approved", "/repo/src/App/App.csproj", 12, 5, "X"));
        written.Findings.Add(new Finding(RuleIds.UnusedApproval, "plan lists a project that does not exist", severity: RuleSeverity.Warning));
        written.Plans.Add(new PlanFileRecord("d-1", "/repo/.governance/plans/d-1.json", new string('a', 64), "approved", AppliesToProject: true));
        written.AllowedSuppressions.Add(new AllowedSuppression("d-1", "GOV100", "Contoso.App.Helpers"));
        written.UsedPlanEntries.Add("d-1:packages:0");

        var read = DependencyCheckOutput.Parse(written.ToText(), out var problem);

        Assert.Null(problem);
        Assert.NotNull(read);
        Assert.Equal(written.ToText(), read!.ToText());
        Assert.Equal(RuleSeverity.Warning, read.Findings[1].Severity); // raised above GOV005's info, as written
        Assert.Equal("d-1", read.PermitFor("GOV100", "Contoso.App.Helpers"));
        Assert.Null(read.PermitFor("GOV100", "Contoso.App.Other"));
    }

    [Fact]
    public void A_severity_below_the_rules_own_is_read_as_the_rules_own()
    {
        var text = new DependencyCheckOutput { Status = DependencyCheckStatus.Ok }.ToText()
            .Replace("\"findings\": []", "\"findings\": [ { \"id\": \"GOV200\", \"message\": \"m\", \"severity\": \"Warning\" } ]");
        Assert.Equal(RuleSeverity.Error, DependencyCheckOutput.Parse(text, out _)!.Findings.Single().Severity);
    }

    [Fact]
    public void A_failed_check_reads_back_as_failed()
    {
        var read = DependencyCheckOutput.Parse(DependencyCheckOutput.Failed("restore output missing").ToText(), out _);
        Assert.Equal((DependencyCheckStatus.Error, "restore output missing"), (read!.Status, read.Error));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{ \"schemaVersion\": 1, \"status\": \"fine\" }")]
    [InlineData("{ \"schemaVersion\": 2, \"status\": \"ok\" }")]
    [InlineData("{ \"schemaVersion\": 1, \"status\": \"ok\", \"validUntil\": \"soon\" }")]
    public void What_is_not_an_output_is_none(string text)
    {
        Assert.Null(DependencyCheckOutput.Parse(text, out var problem));
        Assert.StartsWith("the dependency check's output is unreadable", problem);
    }
}
