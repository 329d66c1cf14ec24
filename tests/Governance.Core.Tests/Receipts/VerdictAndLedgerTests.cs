using Governance.Core.Findings;
using Governance.Core.Json;
using Governance.Core.Receipts;
using Xunit;

namespace Governance.Core.Tests.Receipts;

public class VerdictAndLedgerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gov-ledger-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Verdict_follows_the_worst_finding_and_fails_closed_on_checks_that_did_not_run()
    {
        var pass = new[] { new CheckEvidence("modules", CheckResult.Pass, "") };
        Assert.Equal(Verdict.Approve, VerdictRules.Decide([], pass));
        Assert.Equal(Verdict.Approve, VerdictRules.Decide([new Finding("GOV005", "unused")], pass));
        Assert.Equal(Verdict.ApproveWithFollowup, VerdictRules.Decide([new Finding("GOV204", "new transitive")], pass));
        Assert.Equal(Verdict.Hold, VerdictRules.Decide([new Finding("GOV204", "w"), new Finding("GOV100", "e")], pass));
        // A warning the build reported as an error (WarningsAsErrors) failed the build: hold, never approve.
        Assert.Equal(Verdict.Hold, VerdictRules.Decide([new Finding("GOV204", "promoted") { ReportedAsError = true }], pass));
        Assert.Equal(Verdict.Hold, VerdictRules.Decide([], [new CheckEvidence("modules", CheckResult.NotRun, "analyzers off")]));
        Assert.Equal(Verdict.Hold, VerdictRules.Decide([], [new CheckEvidence("dependencies", CheckResult.Error, "assets unreadable")]));
        var allowed = new Finding("GOV100", "e") { SuppressedByDispatchId = "d-1" };
        Assert.Equal(Verdict.Approve, VerdictRules.Decide([allowed], pass));
    }

    private static JsonValue Record(string project) =>
        new Receipt { Project = project, Timestamp = TestPlans.Now, ToolVersion = "test", Verdict = Verdict.Approve }.ToJson();

    [Fact]
    public void Appended_records_chain_and_verify()
    {
        var ledger = Path.Combine(_dir, "artifacts", "governance", "receipts.ndjson");
        var first = ReceiptLedger.Append(ledger, _ => Record("a"));
        var second = ReceiptLedger.Append(ledger, _ => Record("b"));

        Assert.Equal(ReceiptChain.GenesisHash, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        var verification = LedgerVerifier.VerifyFile(ledger);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.Equal(2, verification.Records.Count);
        Assert.Equal("b", verification.Records[1].Value["project"]!.StringValue);
    }

    [Fact]
    public void Each_line_is_its_own_canonical_form_so_hashes_can_be_rederived()
    {
        var ledger = Path.Combine(_dir, "receipts.ndjson");
        ReceiptLedger.Append(ledger, _ => Record("a"));
        var line = File.ReadAllText(ledger).TrimEnd('\n');
        var parsed = JsonParser.Parse(line).Root!;
        Assert.Equal(line, JsonCanonicalizer.Serialize(parsed));
        Assert.Equal(parsed["hash"]!.StringValue, ReceiptChain.ComputeHash(parsed));
    }

    [Fact]
    public void Edited_removed_and_torn_lines_are_reported_at_their_line()
    {
        var ledger = Path.Combine(_dir, "receipts.ndjson");
        foreach (var p in new[] { "a", "b", "c", "d" })
        {
            ReceiptLedger.Append(ledger, _ => Record(p));
        }

        var lines = File.ReadAllLines(ledger);
        var edited = lines.ToArray();
        edited[1] = edited[1].Replace("\"project\":\"b\"", "\"project\":\"x\"");
        var problem = Assert.Single(LedgerVerifier.Verify(string.Join("\n", edited) + "\n").Problems);
        Assert.Equal((2L, LedgerProblemKind.HashMismatch), (problem.Line, problem.Kind));

        var removed = lines.Where((_, i) => i != 2);
        problem = Assert.Single(LedgerVerifier.Verify(string.Join("\n", removed) + "\n").Problems);
        Assert.Equal((3L, LedgerProblemKind.ChainBroken), (problem.Line, problem.Kind));

        var torn = string.Join("\n", lines) + "\n" + lines[0].Substring(0, 20);
        problem = Assert.Single(LedgerVerifier.Verify(torn).Problems);
        Assert.Equal((5L, LedgerProblemKind.TornTail), (problem.Line, problem.Kind));
    }

    [Fact]
    public void A_torn_tail_is_quarantined_not_deleted_and_the_chain_continues_from_the_last_intact_line()
    {
        var ledger = Path.Combine(_dir, "receipts.ndjson");
        var intact = ReceiptLedger.Append(ledger, _ => Record("a"));
        File.AppendAllText(ledger, "{\"schemaVersion\":1,\"proj");

        var seen = -1;
        var result = ReceiptLedger.Append(ledger, torn => { seen = torn; return Record("b"); });

        Assert.Equal(24, seen);
        Assert.Equal(24, result.QuarantinedBytes);
        Assert.Equal(intact.Hash, result.PreviousHash);
        Assert.Contains("{\"schemaVersion\":1,\"proj", File.ReadAllText(ReceiptLedger.QuarantinePathFor(ledger)));
        Assert.True(LedgerVerifier.VerifyFile(ledger).IsIntact);
    }

    [Fact]
    public void Parallel_appends_from_many_threads_lose_nothing()
    {
        var ledger = Path.Combine(_dir, "receipts.ndjson");
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => ReceiptLedger.Append(ledger, _ => Record("p" + i)));

        var verification = LedgerVerifier.VerifyFile(ledger);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.Equal(64, verification.Records.Select(r => r.Value["project"]!.StringValue).Distinct().Count());
    }
}
