using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>Issue 6, read-only and odd environments, through real builds: each gives a clear message and the right
/// verdict, never a silent pass.</summary>
public sealed class OddEnvironmentTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private const string Approved = "\"approvedBy\": \"alice@example.com\", \"approvedAt\": \"2026-11-20T10:00:00Z\"";

    [Fact]
    public void A_repository_path_with_spaces_and_non_ASCII_characters_works_and_bad_plan_files_fail_the_build_located()
    {
        using var repo = new TempRepo(package, "dir with spaces/ünïcödé répo").WithAppAndLib();

        // No artifacts/ folder yet: the first build creates the ledger.
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "artifacts")));
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);
        var plain = repo.Build();
        Assert.True(plain.ExitCode == 0, plain.Output);
        Assert.True(repo.VerifyLedger().IsIntact);
        Assert.All(repo.ReceiptsSince(2).Values, r => Assert.Equal("approve", r.GetProperty("verdict").GetString()));

        // A plan that is a symbolic link (to an approving plan outside the repository): GOV001 at the link, hold.
        var outside = Path.Combine(Path.GetDirectoryName(repo.Root)!, "outside-plan.json");
        File.WriteAllText(outside, "{ \"dispatchId\": \"d-9\", " + Approved + ", \"modules\": [\"Contoso.App.Text.**\"] }");
        repo.Write("src/App/Text/Slug.cs", "namespace Contoso.App.Text;\n\npublic static class Slug { }\n");
        var link = Path.Combine(repo.Root, ".governance", "plans", "d-9.json");
        File.CreateSymbolicLink(link, outside);
        var count = repo.Receipts().Count;
        var linked = repo.Build();
        Assert.NotEqual(0, linked.ExitCode);
        Assert.Contains(link + "(1,1): error GOV001: The plan is a symbolic link", linked.Output);
        Assert.Equal("hold", repo.ReceiptsSince(count)["src/App/App.csproj"].GetProperty("verdict").GetString());

        // The same plan as a regular file, but its "projects" entry names a project that does not exist: the plan
        // approves nothing, the build says where the typo is, and the new type is still unapproved.
        File.Delete(link);
        File.Delete(outside);
        repo.Write(".governance/plans/d-9.json", "{\n  \"dispatchId\": \"d-9\",\n  " + Approved + ",\n  \"projects\": [\"src/Ap/App.csproj\"],\n  \"modules\": [\"Contoso.App.Text.**\"]\n}\n");
        count = repo.Receipts().Count;
        var typo = repo.Build();
        Assert.NotEqual(0, typo.ExitCode);
        Assert.Contains(Path.Combine(repo.Root, ".governance", "plans", "d-9.json") + "(4,16): warning GOV005: Plan 'd-9' lists project 'src/Ap/App.csproj', which does not exist", typo.Output);
        Assert.Contains("error GOV100: Type 'Contoso.App.Text.Slug'", typo.Output);
        Assert.Equal("hold", repo.ReceiptsSince(count)["src/App/App.csproj"].GetProperty("verdict").GetString());
        Assert.True(repo.VerifyLedger().IsIntact);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_read_only_ledger_folder_fails_the_build_with_GOV900_naming_the_path_and_loses_nothing()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);
        var ledgerFolder = Path.GetDirectoryName(repo.LedgerPath)!;
        var before = File.ReadAllBytes(repo.LedgerPath);

        using (ReadOnlyFolder.Make(ledgerFolder))
        {
            var blocked = repo.Build();
            Assert.NotEqual(0, blocked.ExitCode);
            Assert.Matches(@"error GOV900: [^\n]*\.governance/ledger/receipts\.ndjson", blocked.Output);
            Assert.Equal(before, File.ReadAllBytes(repo.LedgerPath));
        }

        // Writable again: the next build appends after the intact history.
        var after = repo.Build();
        Assert.True(after.ExitCode == 0, after.Output);
        Assert.True(repo.VerifyLedger().IsIntact);
        Assert.Equal(before, File.ReadAllBytes(repo.LedgerPath).Take(before.Length));

        // A file where the ledger's folder should be.
        Directory.Delete(ledgerFolder, recursive: true);
        File.WriteAllText(ledgerFolder, "not a folder");
        var notAFolder = repo.Build();
        Assert.NotEqual(0, notAFolder.ExitCode);
        Assert.Matches(@"error GOV900: [^\n]*\.governance/ledger/receipts\.ndjson", notAFolder.Output);
    }

    [Fact]
    public void A_project_outside_any_governance_root_says_it_is_not_governed()
    {
        using var repo = new TempRepo(package, governed: false);
        repo.Write("Tool/Tool.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        repo.Write("Tool/Anything.cs", "namespace Anything;\n\npublic class Goes { }\n");
        var build = repo.Dotnet("build Tool/Tool.csproj -nologo");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("warning GOV006: 'Tool.csproj' is not governed: no folder above", build.Output);
        Assert.False(File.Exists(repo.LedgerPath));
    }
}
