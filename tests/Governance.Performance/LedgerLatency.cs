using System.Diagnostics;
using System.Globalization;
using Governance.Core.Findings;
using Governance.Core.Receipts;

namespace Governance.Performance;

/// <summary>Receipt append latency: writer processes appending realistic receipts to one ledger at once, each append
/// timed from the call to its return (lock wait, tail read, hashing, write and flush to disk).</summary>
internal static class LedgerLatency
{
    public static IReadOnlyList<double> Measure(string directory, int writers, int appendsPerWriter)
    {
        var ledger = Path.Combine(directory, "latency-" + writers, "receipts.ndjson");
        if (Directory.Exists(Path.GetDirectoryName(ledger)))
        {
            Directory.Delete(Path.GetDirectoryName(ledger)!, recursive: true);
        }

        var processes = Enumerable.Range(0, writers).Select(i =>
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { typeof(LedgerLatency).Assembly.Location, "append-worker", ledger, appendsPerWriter.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(argument);
            }

            return Process.Start(info)!;
        }).ToList();

        var latencies = new List<double>();
        foreach (var process in processes)
        {
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("append worker failed: " + process.StandardError.ReadToEnd());
            }

            latencies.AddRange(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l, CultureInfo.InvariantCulture)));
        }

        var verification = LedgerVerifier.VerifyFile(ledger);
        if (!verification.IsIntact || verification.Records.Count != writers * appendsPerWriter)
        {
            throw new InvalidOperationException($"the latency ledger is not intact ({verification.Records.Count} records): " + string.Join("; ", verification.Problems.Take(3)));
        }

        return latencies;
    }

    /// <summary>The child process: waits for a common start time, then appends and prints each append's milliseconds.</summary>
    public static int Worker(string ledger, int count, string writer)
    {
        var watch = new Stopwatch();
        var lines = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            watch.Restart();
            ReceiptLedger.Append(ledger, _ => Receipt(writer, i).ToJson());
            watch.Stop();
            lines.Add(watch.Elapsed.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture));
        }

        Console.Out.Write(string.Join("\n", lines) + "\n");
        return 0;
    }

    /// <summary>A receipt the size of a real one: plan digests, evidence for every check, a few findings.</summary>
    private static Receipt Receipt(string writer, int i)
    {
        var receipt = new Receipt
        {
            Timestamp = DateTimeOffset.UtcNow,
            Project = $"src/P{writer}/P{writer}.csproj",
            TargetFramework = "net10.0",
            Configuration = "Release",
            Commit = "0123456789abcdef0123456789abcdef01234567",
            BaselineDigest = new string('b', 64),
            Verdict = Verdict.ApproveWithFollowup,
            ToolVersion = "1.0.0",
            DurationMs = i,
        };
        receipt.DispatchIds.Add("d-2471");
        receipt.PlanDigests.Add(new PlanDigest("d-2471", ".governance/plans/d-2471.json", new string('a', 64), "approved"));
        foreach (var check in new[] { "plans", "baseline", "modules", "packages", "projectReferences", "assemblyReferences", "transitivePackages", "tamper" })
        {
            receipt.Evidence.Add(new CheckEvidence(check, CheckResult.Pass, "checked: 12 items, 0 findings"));
        }

        for (var f = 0; f < 3; f++)
        {
            receipt.Violations.Add(new Finding("GOV204", $"Transitive package 'Example.Package{f}' 1.2.{f} is new since the baseline and not in any approved plan.", "/repo/src/P/P.csproj", 12, 5, "Example.Package" + f));
        }

        return receipt;
    }
}
