using Governance.Core.Versioning;
using Xunit;

namespace Governance.Build.Tests;

public sealed class NuGetVersionRangesTests
{
    [Theory]
    [InlineData("[2.0,1.0)")]
    [InlineData("(1.0,1.0)")]
    [InlineData("[1.0,1.0)")]
    [InlineData("(1.0,1.0]")]
    public void The_task_and_the_CLI_say_what_the_analyzer_says_about_an_empty_range(string range)
    {
        VersionRangeSyntax.IsValid(range, out var analyzer);

        var task = NuGetVersionRanges.Validate(range);

        Assert.NotNull(task);
        Assert.Equal(analyzer, task);
        Assert.Contains("empty NuGet version range", task);
    }

    [Theory]
    [InlineData("[1.0,1.0]")]
    [InlineData("[1.0,2.0)")]
    public void A_range_with_a_version_in_it_is_valid(string range) => Assert.Null(NuGetVersionRanges.Validate(range));
}
