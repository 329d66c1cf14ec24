using Governance.Core.Receipts;
using Xunit;

namespace Governance.Core.Tests.Receipts;

/// <summary>Which build a receipt belongs to: what the build was told, else the CI run, else nothing (never a guess).</summary>
public sealed class BuildIdsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData(" ci-42 ", "ci-42")]
    [InlineData("nightly/2026-12-04", "nightly/2026-12-04")]
    public void A_configured_id_wins_over_the_CI_run(string configured, string expected)
    {
        Assert.Equal(expected, BuildIds.Resolve(configured, Env(("GITHUB_RUN_ID", "1001"), ("GITHUB_RUN_ATTEMPT", "2"))));
    }

    [Fact]
    public void A_GitHub_Actions_re_run_is_another_build_of_the_same_run()
    {
        Assert.Equal("github-actions/1001/1", BuildIds.Resolve(null, Env(("GITHUB_RUN_ID", "1001"), ("GITHUB_RUN_ATTEMPT", "1"))));
        Assert.Equal("github-actions/1001/2", BuildIds.Resolve("", Env(("GITHUB_RUN_ID", "1001"), ("GITHUB_RUN_ATTEMPT", "2"))));
        Assert.Equal("github-actions/1001", BuildIds.Resolve(null, Env(("GITHUB_RUN_ID", "1001"))));
    }

    [Fact]
    public void Azure_Pipelines_and_GitLab_runs_are_named_by_their_build_and_job()
    {
        Assert.Equal("azure-pipelines/77", BuildIds.Resolve(null, Env(("BUILD_BUILDID", "77"))));
        Assert.Equal("gitlab/9001", BuildIds.Resolve(null, Env(("CI_JOB_ID", "9001"))));
    }

    [Fact]
    public void Nothing_named_is_no_id()
    {
        Assert.Null(BuildIds.Resolve(null, Env()));
        Assert.Null(BuildIds.Resolve("  ", Env(("GITHUB_RUN_ID", " "))));
    }

    [Fact]
    public void A_receipt_records_its_build_only_when_one_is_named()
    {
        var receipt = new Receipt { Project = "src/A/A.csproj", ToolVersion = "1.0.0", Timestamp = DateTimeOffset.UnixEpoch };
        Assert.Null(receipt.ToJson()["buildId"]);

        receipt.BuildId = "github-actions/1001/1";
        Assert.Equal("github-actions/1001/1", receipt.ToJson()["buildId"]?.StringValue);
    }
}
