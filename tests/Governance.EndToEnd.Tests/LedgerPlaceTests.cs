using System.Diagnostics;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>The ledger's default place survives cleaning build output (UseArtifactsOutput puts bin/ and obj/ under
/// artifacts/, which users delete) and is never committed by accident.</summary>
public sealed class LedgerPlaceTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void Deleting_the_build_output_keeps_the_ledger_and_git_never_sees_it()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        repo.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <UseArtifactsOutput>true</UseArtifactsOutput>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Governance.Analyzers" Version="1.0.0" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        repo.Write(".gitignore", "artifacts/\n");
        Git(repo.Root, "init -q");

        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);
        Assert.Equal(Path.Combine(repo.Root, ".governance", "ledger", "receipts.ndjson"), repo.LedgerPath);
        var first = repo.Receipts().Count;
        Assert.Equal(2, first);
        Assert.DoesNotContain(".governance/ledger", Git(repo.Root, "status --porcelain --untracked-files=all"));
        Assert.Contains(".governance/baseline/src/App/App.csproj.json", Git(repo.Root, "status --porcelain --untracked-files=all"));

        Directory.Delete(Path.Combine(repo.Root, "artifacts"), recursive: true);
        var rebuilt = repo.Build();
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        Assert.Equal(first + 2, repo.Receipts().Count);
        Assert.True(repo.VerifyLedger().IsIntact);
    }

    private static string Git(string root, string arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        return output;
    }
}
