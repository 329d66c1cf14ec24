using Governance.Core.Json;
using Governance.Core.Plans;
using Governance.Core.Versioning;
using NuGet.Versioning;
using Xunit;

namespace Governance.Core.Tests.Versioning;

public class EmptyRangeTests
{
    [Theory]
    [InlineData("[2.0,1.0)")]
    [InlineData("[2.0,1.0]")]
    [InlineData("(1.0,1.0)")]
    [InlineData("[1.0,1.0)")]
    [InlineData("(1.0,1.0]")]
    [InlineData("[1.0.0.0, 1.0]")] // equal as versions, both inclusive: one version, valid for both
    [InlineData("[1.10,1.9]")]
    [InlineData("[1.0.0,1.0.0-beta]")]
    [InlineData("[1.0.0-beta.10,1.0.0-beta.9]")]
    [InlineData("[1.0.0-rc,1.0.0-beta]")]
    public void Core_rejects_exactly_the_ranges_that_admit_no_version(string range)
    {
        // NuGet rejects all of these but "(1.0,1.0)", which it parses into a range no version satisfies.
        var nugetAdmitsSome = VersionRange.TryParse(range, allowFloating: true, out var parsed) && (parsed.Satisfies(parsed.MinVersion!) || parsed.Satisfies(parsed.MaxVersion!));

        var coreAccepts = VersionRangeSyntax.IsValid(range, out var error);

        Assert.Equal(nugetAdmitsSome, coreAccepts);
        if (!coreAccepts)
        {
            Assert.Contains("empty NuGet version range", error);
            Assert.Equal(error, VersionRangeSyntax.EmptyRangeError(range));
        }
    }

    [Theory]
    [InlineData("[1.0,1.0]")]
    [InlineData("[1.0,2.0)")]
    [InlineData("(1.0,2.0)")]
    [InlineData("[1.0.0-beta,1.0.0)")]
    [InlineData("[1.0.0-beta.9,1.0.0-beta.10)")]
    [InlineData("[1.0.0-beta,1.0.0-beta.1)")]
    [InlineData("[1.0.0+a,1.0.0+b]")]
    [InlineData("(,1.0)")]
    [InlineData("[1.0,)")]
    [InlineData("[1.*,2.0)")]
    [InlineData("1.0")]
    public void Ranges_that_admit_a_version_stay_valid(string range)
    {
        Assert.True(VersionRange.TryParse(range, allowFloating: true, out _), "NuGet accepts " + range);
        Assert.True(VersionRangeSyntax.IsValid(range, out var error), error);
        Assert.Null(VersionRangeSyntax.EmptyRangeError(range));
    }

    [Fact]
    public void Version_order_matches_NuGet()
    {
        string[] versions = ["0.9", "1.0", "1.0.0.0", "1.0.0.1", "1.0.1", "1.2", "1.10", "2.0", "1.0.0-alpha", "1.0.0-ALPHA", "1.0.0-alpha.1", "1.0.0-alpha.beta",
            "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.02x", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0-1", "1.0.0-01a", "1.0.0+meta", "10.0.0"];
        foreach (var a in versions)
        {
            foreach (var b in versions)
            {
                var expected = Math.Sign(NuGetVersion.Parse(a).CompareTo(NuGetVersion.Parse(b)));
                var actual = Math.Sign(VersionRangeSyntax.Compare(a, b));
                Assert.True(expected == actual, a + " vs " + b + ": NuGet " + expected + ", Core " + actual);
            }
        }
    }

    [Theory]
    [InlineData("[2.0,1.0)")]
    [InlineData("(1.0,1.0)")]
    [InlineData("[1.0,1.0)")]
    [InlineData("(1.0,1.0]")]
    public void An_empty_range_in_a_plan_is_GOV001_at_its_version_value(string range)
    {
        var text = "{\n  \"dispatchId\": \"d-1\",\n  \"packages\": [{ \"id\": \"Polly\", \"version\": \"" + range + "\" }]\n}";

        // The analyzer's validator, the default (the task's and the CLI's: Governance.Build.Tests).
        var read = PlanReader.Read("/repo/.governance/plans/p.json", text);

        Assert.Null(read.Plan);
        var issue = Assert.Single(read.Issues);
        Assert.Equal("GOV001", issue.RuleId);
        Assert.Contains("empty NuGet version range", issue.Message);
        var position = new LineIndex(text).GetPosition(issue.Offset);
        Assert.Equal((3, 44), (position.Line, position.Column));
        Assert.Equal(range.Length + 2, issue.Length);
    }
}
