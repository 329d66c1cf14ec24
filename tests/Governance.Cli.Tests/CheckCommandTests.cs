using System.Diagnostics;
using Governance.Core.Findings;
using Xunit;

namespace Governance.Cli.Tests;

/// <summary>`check` exit codes when it cannot judge: "could not check" (3) is never "approve" (0) nor "hold" (2).
/// The judging itself is shown on real builds in the end-to-end tests (CheckAttackCorpusTests, CheckApprovalTests).</summary>
public class CheckCommandTests : CliTestBase
{
    private void Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "user.name=t", "-c", "user.email=t@example.com" }.Concat(args))
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void Outside_a_git_repository_the_check_could_not_run()
    {
        var (code, _, error) = Cli("check", "--base", "main", "--repo", Dir);
        Assert.Equal(3, code);
        Assert.Contains("could not check", error);
    }

    [Fact]
    public void An_unknown_base_ref_or_a_base_without_governance_could_not_run()
    {
        Git("init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(Dir, "README.md"), "x\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "one");

        var unknown = Cli("check", "--base", "origin/nope", "--repo", Dir);
        Assert.Equal(3, unknown.Code);
        Assert.Contains("'origin/nope' is not a commit", unknown.Err);

        var ungoverned = Cli("check", "--base", "main", "--repo", Dir);
        Assert.Equal(3, ungoverned.Code);
        Assert.Contains("has no .governance/ folder", ungoverned.Err);
    }

    [Fact]
    public void A_governed_project_that_was_not_built_holds_with_GOV900_and_a_receipt_of_the_check()
    {
        Git("init", "-q", "-b", "main");
        Directory.CreateDirectory(Path.Combine(Dir, ".governance", "plans"));
        File.WriteAllText(Path.Combine(Dir, ".governance", "plans", "README.md"), "plans\n");
        Directory.CreateDirectory(Path.Combine(Dir, "src", "App"));
        File.WriteAllText(Path.Combine(Dir, "src", "App", "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "one");

        var (code, output, _) = Cli("check", "--base", "main", "--repo", Dir);
        Assert.Equal(2, code);
        Assert.Contains("error GOV900: 'src/App/App.csproj' has no restore output", output);
        Assert.Contains("check: hold", output);

        var verify = Cli("verify", "--ledger", Ledger);
        Assert.Equal(0, verify.Code);
        var receipts = File.ReadAllLines(Ledger);
        Assert.Contains(receipts, l => l.Contains("\"source\":\"check\"") && l.Contains("\"project\":\"src/App/App.csproj\"") && l.Contains("\"verdict\":\"hold\""));
    }

    [Fact]
    public void Verify_lets_the_checks_receipts_decide_when_the_commit_has_them()
    {
        var solution = WriteSolution("src/App/App.csproj");
        Append("src/App/App.csproj", Verdict.Approve, "c1");
        Assert.Equal(0, Cli("verify", "--ledger", Ledger, "--solution", solution, "--commit", "c1").Code);

        // The build said approve; the trusted check said hold: the check decides.
        var receipt = new Governance.Core.Receipts.Receipt { Project = "src/App/App.csproj", Commit = "c1", Timestamp = DateTimeOffset.UtcNow, Verdict = Verdict.Hold, Source = "check", BaseCommit = "b0", Mode = "Check" };
        receipt.Violations.Add(new Finding("GOV100", "Type 'X' ..."));
        Governance.Core.Receipts.ReceiptLedger.Append(Ledger, _ => receipt.ToJson());
        var (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", solution, "--commit", "c1");
        Assert.Equal(5, code);
        Assert.Contains("src/App/App.csproj: check verdict hold (GOV100)", error);

        // The report of that commit is the check's decision, not the build's account of itself.
        var report = Cli("report", "--ledger", Ledger, "--commit", "c1", "--format", "markdown");
        Assert.Equal(0, report.Code);
        Assert.Contains("1 receipt(s) of `dotnet governance check`", report.Out);
        Assert.Contains("hold", report.Out);
        Assert.DoesNotContain("approve", report.Out.Split("\n").First(l => l.StartsWith("## Governance", StringComparison.Ordinal)));
    }
}
