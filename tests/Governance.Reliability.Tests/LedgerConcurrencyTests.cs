using Governance.Core.Receipts;
using Xunit;

namespace Governance.Reliability.Tests;

public class LedgerConcurrencyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gov-rel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    [Trait(Reliability.Category, Reliability.Long)]
    public void Sixteen_processes_appending_concurrently_lose_nothing_and_leave_an_intact_chain()
    {
        var perWriter = Reliability.Full ? 1000 : 100;
        var ledger = Path.Combine(_dir, "artifacts", "governance", "receipts.ndjson");
        var writers = Enumerable.Range(0, 16).Select(i => Reliability.StartWriter("ledger", ledger, perWriter.ToString(), i.ToString())).ToList();
        foreach (var writer in writers)
        {
            Assert.True(writer.WaitForExit(TimeSpan.FromMinutes(10)), "writer hung");
            Assert.True(writer.ExitCode == 0, writer.StandardError.ReadToEnd());
        }

        var text = File.ReadAllText(ledger);
        Assert.EndsWith("\n", text);
        var verification = LedgerVerifier.Verify(text);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems.Take(3)));
        Assert.Equal(16 * perWriter, verification.Records.Count);
        Assert.Equal(16 * perWriter, verification.Records.Select(r => r.Value["hash"]!.StringValue).Distinct().Count());
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal(perWriter, verification.Records.Count(r => r.Value["project"]!.StringValue == "src/W" + i + "/W.csproj")));
    }

    [Fact]
    [Trait(Reliability.Category, Reliability.Long)]
    public void Writers_killed_mid_append_leave_earlier_lines_intact_and_the_torn_tail_is_quarantined()
    {
        var kills = Reliability.Full ? 200 : 8;
        var ledger = Path.Combine(_dir, "receipts.ndjson");
        var random = new Random(6);
        var torn = 0;
        for (var k = 0; k < kills; k++)
        {
            using var writer = Reliability.StartWriter("torn", ledger, "200", "k" + k);
            // Wait until the writer is inside a torn window (half a line written, flushed), then kill it there.
            var line = writer.StandardOutput.ReadLine();
            Assert.StartsWith("torn-window", line);
            Thread.Sleep(random.Next(0, 100));
            writer.Kill(entireProcessTree: true);
            writer.WaitForExit();

            var before = File.ReadAllBytes(ledger);
            var tornBytes = before.Length - (Array.LastIndexOf(before, (byte)'\n') + 1);
            var check = LedgerVerifier.Verify(Encoding(before));
            Assert.All(check.Problems, p => Assert.Equal(LedgerProblemKind.TornTail, p.Kind));

            var quarantineBefore = File.Exists(ReceiptLedger.QuarantinePathFor(ledger)) ? File.ReadAllBytes(ReceiptLedger.QuarantinePathFor(ledger)).Length : 0;
            var result = ReceiptLedger.Append(ledger, _ => new Receipt { Project = "after-kill", Timestamp = DateTimeOffset.UtcNow, ToolVersion = "t" }.ToJson());
            Assert.Equal(tornBytes, result.QuarantinedBytes);
            if (tornBytes > 0)
            {
                torn++;
                var quarantine = File.ReadAllBytes(ReceiptLedger.QuarantinePathFor(ledger));
                var tail = before.AsSpan(before.Length - tornBytes).ToArray();
                Assert.True(quarantine.AsSpan(quarantineBefore).IndexOf(tail) >= 0, "torn bytes were not kept in the quarantine file");
            }

            var after = LedgerVerifier.VerifyFile(ledger);
            Assert.True(after.IsIntact, string.Join("; ", after.Problems));
        }

        Assert.True(torn > 0, "no kill landed inside a torn window; the test did not exercise recovery");
    }

    [Fact]
    [Trait(Reliability.Category, Reliability.Long)]
    public void Real_appenders_killed_at_random_moments_leave_a_ledger_the_next_append_continues_intact()
    {
        var kills = Reliability.Full ? 200 : 8;
        var ledger = Path.Combine(_dir, "receipts.ndjson");
        var random = new Random(8);
        for (var k = 0; k < kills; k++)
        {
            // Two unmodified appenders racing, one killed at a random moment (startup, waiting for the lock, mid-append).
            using var victim = Reliability.StartWriter("ledger", ledger, "100000", "v" + k);
            using var survivor = Reliability.StartWriter("ledger", ledger, "20", "s" + k);
            Thread.Sleep(random.Next(50, 400));
            victim.Kill(entireProcessTree: true);
            victim.WaitForExit();
            Assert.True(survivor.WaitForExit(TimeSpan.FromMinutes(2)), "the survivor hung after the other writer was killed");
            Assert.True(survivor.ExitCode == 0, survivor.StandardError.ReadToEnd());

            // Only a torn last line may be wrong, and the next append moves it aside.
            Assert.All(LedgerVerifier.VerifyFile(ledger).Problems, p => Assert.Equal(LedgerProblemKind.TornTail, p.Kind));
            ReceiptLedger.Append(ledger, _ => new Receipt { Project = "after-kill", Timestamp = DateTimeOffset.UtcNow, ToolVersion = "t" }.ToJson());
            var after = LedgerVerifier.VerifyFile(ledger);
            Assert.True(after.IsIntact, string.Join("; ", after.Problems));
            Assert.Equal(20 * (k + 1), after.Records.Count(r => r.Value["project"]!.StringValue!.StartsWith("src/Ws", StringComparison.Ordinal)));
        }
    }

    private static string Encoding(byte[] bytes) => new System.Text.UTF8Encoding(false).GetString(bytes);

    [Fact]
    public void Verifier_reports_a_hand_made_torn_tail_at_its_line()
    {
        var ledger = Path.Combine(_dir, "receipts.ndjson");
        ReceiptLedger.Append(ledger, _ => new Receipt { Project = "a", Timestamp = DateTimeOffset.UtcNow, ToolVersion = "t" }.ToJson());
        File.AppendAllText(ledger, "{\"schemaVersion\":1,\"proj");
        var problem = Assert.Single(LedgerVerifier.VerifyFile(ledger).Problems);
        Assert.Equal((2L, LedgerProblemKind.TornTail), (problem.Line, problem.Kind));
    }

    [Fact]
    [Trait(Reliability.Category, Reliability.Long)]
    public void Baseline_replacement_killed_at_random_leaves_the_old_or_the_new_file_never_a_mix()
    {
        var kills = Reliability.Full ? 100 : 6;
        var target = Path.Combine(_dir, "baseline.json");
        var seed = Path.Combine(_dir, "seed");
        var a = string.Concat(Enumerable.Range(0, 40_000).Select(i => "\"Contoso.A" + i + "\",\n"));
        var b = string.Concat(Enumerable.Range(0, 40_000).Select(i => "\"Fabrikam.B" + i + "\",\n"));
        File.WriteAllText(seed + ".a", a);
        File.WriteAllText(seed + ".b", b);
        File.WriteAllText(target, a);
        var random = new Random(7);
        for (var k = 0; k < kills; k++)
        {
            using var writer = Reliability.StartWriter("baseline", target, seed);
            Thread.Sleep(50 + random.Next(250));
            writer.Kill(entireProcessTree: true);
            writer.WaitForExit();
            var content = File.ReadAllText(target);
            Assert.True(content == a || content == b, "baseline is torn after kill " + k + " (" + content.Length + " chars)");
        }
    }

    [Fact]
    public void Odd_environments_give_clear_errors_or_just_work()
    {
        // A path with spaces and non-ASCII characters, and a missing artifacts folder: created and used.
        var odd = Path.Combine(_dir, "dir with spaces", "ünïcödé", "artifacts", "governance", "receipts.ndjson");
        ReceiptLedger.Append(odd, _ => new Receipt { Project = "a", Timestamp = DateTimeOffset.UtcNow, ToolVersion = "t" }.ToJson());
        Assert.True(LedgerVerifier.VerifyFile(odd).IsIntact);

        // A ledger folder that cannot be created (a file stands where the folder should be): a clear IOException
        // naming the path, which the task turns into GOV900. (Read-only permissions do not stop root, so this is
        // the failure that reproduces for every user.)
        var blocked = Path.Combine(_dir, "blocked");
        File.WriteAllText(Path.Combine(_dir, "blocked"), "not a folder");
        var error = Assert.ThrowsAny<IOException>(() =>
            ReceiptLedger.Append(Path.Combine(blocked, "governance", "receipts.ndjson"), _ => new Receipt { Project = "a", ToolVersion = "t" }.ToJson()));
        Assert.Contains("blocked", error.Message);
    }
}
