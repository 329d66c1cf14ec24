using System.Text.Json;
using Governance.Cli;
using Xunit;
using static Governance.EndToEnd.Tests.CheckRepo;

namespace Governance.EndToEnd.Tests;

/// <summary>People approve too: a trusted signer's own branch adds a module and a package and carries its baseline
/// update; `check --propose` writes the proposal from the findings, `plan approve --key` signs it, and the check then
/// approves. Real builds of a temporary repository with the packed package.</summary>
public sealed class CheckApprovalTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void A_trusted_signer_approves_their_own_change_in_two_commands_and_the_branch_may_carry_its_baseline()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        var keys = Directory.CreateTempSubdirectory("gov-keys-").FullName;
        try
        {
            var alice = Key(keys, "alice");
            InitRepository(repo);
            repo.Write(".governance/allowed_signers", "alice@example.com " + PublicKey(alice) + "\n");
            Assert.Equal(0, repo.Build("-p:GovernanceUpdateBaseline=true").ExitCode);
            Commit(repo, "base");

            // Quiet when right: the unchanged repository approves with no finding at all.
            var quiet = Check(repo, "--no-receipt");
            Assert.Equal(0, quiet.ExitCode);
            Assert.Empty(quiet.Result.GetProperty("projects").EnumerateArray().SelectMany(Findings));

            // The change, with the baseline updated on the branch as the README's command does it.
            Git(repo, "checkout -q -b feature");
            repo.Write("src/App/Text/Slug.cs", "namespace Contoso.App.Text;\n\npublic static class Slug\n{\n    public static string Of(string s) => Newtonsoft.Json.JsonConvert.ToString(s);\n}\n");
            repo.Write("src/App/App.csproj", File.ReadAllText(Path.Combine(repo.Root, "src/App/App.csproj"))
                .Replace("<ProjectReference Include=\"../Lib/Lib.csproj\" />", "<ProjectReference Include=\"../Lib/Lib.csproj\" />\n    <PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.3\" />")
                // Package DLLs in the output, as an application's are: the check compares them with the package's bytes.
                .Replace("</PropertyGroup>", "  <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>\n  </PropertyGroup>"));
            var update = repo.Build("-p:GovernanceUpdateBaseline=true");
            Assert.True(update.ExitCode == 0, update.Output);
            Commit(repo, "slug helper");
            Assert.Equal(0, repo.Build().ExitCode);

            var held = Check(repo, "--no-receipt");
            Assert.Equal(2, held.ExitCode);
            var app = Project(held.Result, "src/App/App.csproj");
            Assert.Equal(
                // GOV310: the build approved itself with the baseline the branch wrote, and the check says so.
                new[] { "GOV007 Contoso.App.Text.Slug", "GOV007 Newtonsoft.Json", "GOV100 Contoso.App.Text.Slug", "GOV200 Newtonsoft.Json", "GOV310 src/App/App.csproj" },
                Findings(app).Where(f => f.GetProperty("severity").GetString() == "error").Select(f => f.GetProperty("id").GetString() + " " + f.GetProperty("subject").GetString()).Order(StringComparer.Ordinal));
            Assert.Equal("approve", Project(held.Result, "src/Lib/Lib.csproj").GetProperty("verdict").GetString());
            // Located where it is fixed (from the PDB), so a CI annotation lands on the source line.
            var gov100 = Findings(app).Single(f => f.GetProperty("id").GetString() == "GOV100");
            Assert.Equal("src/App/Text/Slug.cs", gov100.GetProperty("file").GetString());
            Assert.True(gov100.GetProperty("line").GetInt32() > 0);

            // Command 1: the proposal from the findings. Command 2: the signature.
            var output = new StringWriter();
            Assert.Equal(2, GovernanceCli.Run(["check", "--base", "main", "--repo", repo.Root, "--no-receipt", "--propose", "d-slug"], output, output));
            var planPath = Path.Combine(repo.Root, ".governance/plans/d-slug.json");
            using (var plan = JsonDocument.Parse(File.ReadAllText(planPath)))
            {
                Assert.Equal(new[] { "Contoso.App.Text.Slug" }, plan.RootElement.GetProperty("modules").EnumerateArray().Select(m => m.GetString()));
                Assert.Equal("[13.0.3]", plan.RootElement.GetProperty("packages")[0].GetProperty("version").GetString());
                Assert.Equal(new[] { "src/App/App.csproj" }, plan.RootElement.GetProperty("projects").EnumerateArray().Select(m => m.GetString()));
            }

            Assert.Equal(0, GovernanceCli.Run(["plan", "approve", planPath, "--by", "alice@example.com", "--key", alice], TextWriter.Null, TextWriter.Null));

            // Approved but not committed: the check reads plans from the head commit, not the working tree.
            Assert.Equal(2, Check(repo, "--no-receipt").ExitCode);
            Commit(repo, "approve d-slug");
            var approved = Check(repo);
            Assert.True(approved.ExitCode == 0, approved.Result.ToString());
            Assert.Equal("approve", Project(approved.Result, "src/App/App.csproj").GetProperty("verdict").GetString());
            Assert.DoesNotContain(Findings(Project(approved.Result, "src/App/App.csproj")), f => f.GetProperty("severity").GetString() == "error");

            // CI's check runs where the build did not, with packages downloaded again by trusted code: the package DLL in
            // the output is judged against those bytes; against a folder without them it is unaccounted for.
            var trusted = Path.Combine(keys, "packages");
            var download = new StringWriter();
            Assert.True(GovernanceCli.Run(["packages", "--repo", repo.Root, "--output", trusted], download, download) == 0, download.ToString());
            Assert.True(Directory.Exists(Path.Combine(trusted, "newtonsoft.json", "13.0.3")), download.ToString());
            Assert.Equal(0, Check(repo, "--no-receipt", "--packages", trusted).ExitCode);
            var empty = Directory.CreateDirectory(Path.Combine(keys, "empty")).FullName;
            var unaccounted = Check(repo, "--no-receipt", "--packages", empty);
            Assert.Equal(2, unaccounted.ExitCode);
            Assert.Contains(Findings(Project(unaccounted.Result, "src/App/App.csproj")), f => f.GetProperty("id").GetString() == "GOV120" && f.GetProperty("subject").GetString() == "Newtonsoft.Json");

            // A byte of the signed scope changed afterwards: the signature no longer verifies, and the check holds again.
            File.WriteAllText(planPath, File.ReadAllText(planPath).Replace("Contoso.App.Text.Slug", "Contoso.App.Text.**"));
            Commit(repo, "widen");
            var widened = Check(repo, "--no-receipt");
            Assert.Equal(2, widened.ExitCode);
            Assert.Contains(Findings(Project(widened.Result, "*")), f => f.GetProperty("id").GetString() == "GOV004" && f.GetProperty("subject").GetString() == "d-slug");
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }
}
