using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// An IDE runs design-time builds all the time (on opening a solution, on every project file change). Whatever the
/// package gives the compiler must be the same in a design-time build and a real one, or each design-time build
/// rewrites a compiler input and the next real build recompiles every governed project.
/// </summary>
public sealed class DesignTimeBuildTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    // The properties MSBuildWorkspace (Roslyn's design-time host, also used by csharp-ls) sets for its design-time
    // build, with the target it runs.
    private const string DesignTimeBuild =
        "msbuild {0} -t:Compile -nologo -p:DesignTimeBuild=true -p:BuildingInsideVisualStudio=true " +
        "-p:BuildProjectReferences=false -p:BuildingProject=false -p:SkipCompilerExecution=true -p:ProvideCommandLineArgs=true";

    [Fact]
    public void A_design_time_build_between_two_builds_does_not_make_the_compiler_run_again()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        Assert.Equal(0, repo.Build("-p:GovernanceUpdateBaseline=true").ExitCode);
        var first = repo.Build();
        Assert.True(first.ExitCode == 0, first.Output);
        var receiptsBefore = repo.Receipts().Count;

        foreach (var project in new[] { "src/Lib/Lib.csproj", "src/App/App.csproj" })
        {
            var designTime = repo.Dotnet(string.Format(System.Globalization.CultureInfo.InvariantCulture, DesignTimeBuild, project));
            Assert.True(designTime.ExitCode == 0, designTime.Output);
        }

        // Design-time builds append no receipt.
        Assert.Equal(receiptsBefore, repo.Receipts().Count);

        var second = repo.Build("-v:d");
        Assert.True(second.ExitCode == 0, second.Output);
        // MSBuild names the input that made it run; show it.
        var ran = second.Output.IndexOf("Building target \"CoreCompile\"", StringComparison.Ordinal);
        Assert.True(ran < 0, ran < 0 ? null : second.Output.Substring(ran, Math.Min(600, second.Output.Length - ran)));
        Assert.Equal(2, CountOf(second.Output, "Skipping target \"CoreCompile\" because all output files are up-to-date"));

        // The skipped compile still gets its receipt, judged from the last build facts.
        var receipts = repo.ReceiptsSince(receiptsBefore);
        Assert.Equal(["src/App/App.csproj", "src/Lib/Lib.csproj"], receipts.Keys.Order());
        Assert.All(receipts.Values, r => Assert.Equal("approve", r.GetProperty("verdict").GetString()));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
