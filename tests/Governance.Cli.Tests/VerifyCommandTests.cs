using Governance.Core.Rules;
using Governance.Core.Findings;
using Governance.Core.Receipts;
using Xunit;

namespace Governance.Cli.Tests;

public class VerifyCommandTests : CliTestBase
{
    [Fact]
    public void Intact_complete_ledger_exits_0()
    {
        Append("src/A/A.csproj");
        Append("src/B/B.csproj");
        var (code, output, _) = Cli("verify", "--ledger", Ledger, "--solution", WriteSolution("src/A/A.csproj", "src/B/B.csproj"), "--commit", "abc123");
        Assert.Equal(0, code);
        Assert.Contains("hash chain intact", output);
    }

    [Fact]
    public void Edited_line_exits_2_and_names_the_line()
    {
        Append("src/A/A.csproj");
        Append("src/B/B.csproj");
        Append("src/C/C.csproj");
        var lines = File.ReadAllLines(Ledger);
        lines[1] = lines[1].Replace("src/B/B.csproj", "src/X/X.csproj");
        File.WriteAllText(Ledger, string.Join("\n", lines) + "\n");

        var (code, _, error) = Cli("verify", "--ledger", Ledger);
        Assert.Equal(2, code);
        Assert.Contains("receipts.ndjson:2: HashMismatch", error);
    }

    [Fact]
    public void Removed_line_exits_2()
    {
        Append("src/A/A.csproj");
        Append("src/B/B.csproj");
        Append("src/C/C.csproj");
        var lines = File.ReadAllLines(Ledger).Where((_, i) => i != 1);
        File.WriteAllText(Ledger, string.Join("\n", lines) + "\n");
        var (code, _, error) = Cli("verify", "--ledger", Ledger);
        Assert.Equal(2, code);
        Assert.Contains(":2: ChainBroken", error);
    }

    [Fact]
    public void Torn_last_line_exits_3()
    {
        Append("src/A/A.csproj");
        File.AppendAllText(Ledger, "{\"schemaVersion\":1,\"pro");
        var (code, _, error) = Cli("verify", "--ledger", Ledger);
        Assert.Equal(3, code);
        Assert.Contains(":2: TornTail", error);
        Assert.EndsWith("\"pro", File.ReadAllText(Ledger));
    }

    [Fact]
    public void Missing_project_receipt_exits_4()
    {
        Append("src/A/A.csproj");
        var (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", WriteSolution("src/A/A.csproj", "src/B/B.csproj"), "--commit", "abc123");
        Assert.Equal(4, code);
        Assert.Contains("src/B/B.csproj: no receipt for commit abc123", error);
    }

    [Fact]
    public void Hold_exits_5()
    {
        Append("src/A/A.csproj", Verdict.Hold, "abc123", new Finding("GOV100", "Type 'X' is not approved"));
        var (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", WriteSolution("src/A/A.csproj"), "--commit", "abc123");
        Assert.Equal(5, code);
        Assert.Contains("verdict hold (GOV100)", error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("verify", "--help")]
    public void Help_names_the_command_users_type(params string[] args)
    {
        var (code, output, _) = Cli(args);
        Assert.Equal(0, code);
        Assert.Matches(@"Usage:\s+dotnet governance( verify)? \[", output);
        Assert.DoesNotContain("Governance.Cli", output);
    }

    [Fact]
    public void A_receipt_built_with_uncommitted_changes_is_no_evidence_for_the_commit()
    {
        Append("src/A/A.csproj", Verdict.Hold, "abc123", new Finding("GOV100", "Type 'X' is not approved"));
        AppendDirty("src/A/A.csproj");
        var (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", WriteSolution("src/A/A.csproj"), "--commit", "abc123");
        Assert.Equal(5, code);
        Assert.Contains("verdict hold (GOV100)", error);

        AppendDirty("src/B/B.csproj");
        (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", WriteSolution("src/B/B.csproj"), "--commit", "abc123");
        Assert.Equal(4, code);
        Assert.Contains("src/B/B.csproj: no receipt for commit abc123 from a clean checkout", error);
    }

    private void AppendOfBuild(string project, string? buildId, Verdict verdict = Verdict.Approve, string? source = null)
    {
        var receipt = new Receipt { Project = project, TargetFramework = "net10.0", Commit = "abc123", Dirty = false, BuildId = buildId, Source = source, Timestamp = DateTimeOffset.UtcNow, ToolVersion = "1.0.0", Verdict = verdict, GovernanceRoot = Dir };
        if (verdict == Verdict.Hold)
        {
            receipt.Violations.Add(new Finding("GOV100", "Type 'X' is not approved"));
        }

        ReceiptLedger.Append(Ledger, _ => receipt.ToJson());
    }

    // Two builds of one commit: the CI run approved both projects; a later local build held A and did not build B.
    [Fact]
    public void With_build_only_that_builds_receipts_decide_and_builds_are_not_mixed()
    {
        AppendOfBuild("src/A/A.csproj", "github-actions/1001/1");
        AppendOfBuild("src/B/B.csproj", "github-actions/1001/1");
        AppendOfBuild("src/A/A.csproj", "local-7", Verdict.Hold);
        var solution = WriteSolution("src/A/A.csproj", "src/B/B.csproj");

        var (code, output, _) = Cli("verify", "--ledger", Ledger, "--solution", solution, "--commit", "abc123", "--build", "github-actions/1001/1");
        Assert.Equal(0, code);
        Assert.Contains("in build github-actions/1001/1 and none is hold", output);

        (code, _, var error) = Cli("verify", "--ledger", Ledger, "--solution", solution, "--commit", "abc123", "--build", "local-7");
        Assert.Equal(4, code); // a project missing from the build outranks a hold (docs/cli.md's exit codes)
        Assert.Contains("src/A/A.csproj [net10.0]: verdict hold (GOV100)", error);
        Assert.Contains("src/B/B.csproj: no receipt for commit abc123 in build local-7", error);

        (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", solution, "--commit", "abc123", "--build", "github-actions/1001/2");
        Assert.Equal(4, code);
        Assert.Contains("src/A/A.csproj: no receipt for commit abc123 in build github-actions/1001/2", error);

        // Without --build: the latest receipt of each project and target framework, whichever build wrote it.
        (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", solution, "--commit", "abc123");
        Assert.Equal(5, code);
        Assert.Contains("src/A/A.csproj [net10.0]: verdict hold (GOV100)", error);
    }

    [Fact]
    public void With_build_the_trusted_checks_receipts_still_decide()
    {
        AppendOfBuild("src/A/A.csproj", "github-actions/1001/1");
        AppendOfBuild("src/A/A.csproj", null, Verdict.Hold, source: "check");
        var (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", WriteSolution("src/A/A.csproj"), "--commit", "abc123", "--build", "github-actions/1001/1");
        Assert.Equal(5, code);
        Assert.Contains("src/A/A.csproj: check verdict hold (GOV100)", error);
    }

    [Fact]
    public void Build_without_a_solution_and_commit_is_a_usage_error()
    {
        Append("src/A/A.csproj");
        var (code, _, error) = Cli("verify", "--ledger", Ledger, "--build", "github-actions/1001/1");
        Assert.Equal(1, code);
        Assert.Contains("--build goes with --solution and --commit", error);
    }

    private void AppendDirty(string project)
    {
        var receipt = new Receipt { Project = project, TargetFramework = "net10.0", Commit = "abc123", Dirty = true, Timestamp = DateTimeOffset.UtcNow, ToolVersion = "1.0.0", Verdict = Verdict.Approve, GovernanceRoot = Dir };
        ReceiptLedger.Append(Ledger, _ => receipt.ToJson());
    }

    [Fact]
    public void A_hold_is_explained_by_its_errors_never_by_a_warning_beside_them()
    {
        Append("src/A/A.csproj", Verdict.Hold, "abc123",
            new Finding("GOV204", "Package 'X' entered the dependency graph transitively", severity: RuleSeverity.Warning),
            new Finding("GOV100", "Type 'X' is not approved"),
            new Finding("GOV101", "raised by the repository's WarningsAsErrors") { ReportedAsError = true },
            new Finding("GOV200", "Package 'Y' is not approved") { SuppressedByDispatchId = "d-1" });
        var (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", WriteSolution("src/A/A.csproj"), "--commit", "abc123");
        Assert.Equal(5, code);
        Assert.Contains("verdict hold (GOV100, GOV101)", error);
        Assert.DoesNotContain("GOV204", error);
    }

    [Fact]
    public void Hold_of_a_baseline_update_names_the_checks_that_did_not_run()
    {
        var receipt = new Receipt { Project = "src/A/A.csproj", TargetFramework = "net10.0", Commit = "abc123", Timestamp = DateTimeOffset.UtcNow, ToolVersion = "1.0.0", Verdict = Verdict.Hold, GovernanceRoot = Dir };
        receipt.Evidence.Add(new CheckEvidence("baseline", CheckResult.Pass, "updated .governance/baseline/src/A/A.csproj.json"));
        receipt.Evidence.Add(new CheckEvidence("modules", CheckResult.NotRun, "recorded 3 module(s) into the baseline, not checked"));
        ReceiptLedger.Append(Ledger, _ => receipt.ToJson());

        var (code, _, error) = Cli("verify", "--ledger", Ledger, "--solution", WriteSolution("src/A/A.csproj"), "--commit", "abc123");
        Assert.Equal(5, code);
        Assert.Contains("verdict hold (modules not_run: recorded 3 module(s) into the baseline, not checked)", error);
    }

    [Fact]
    public void Missing_ledger_exits_6_and_usage_errors_exit_1()
    {
        Assert.Equal(6, Cli("verify", "--ledger", Path.Combine(Dir, "nope.ndjson")).Code);
        Assert.Equal(1, Cli("verify", "--ledger", Ledger, "--commit", "abc").Code);
        Assert.Equal(1, Cli("verify", "--no-such-option").Code);
    }
}
