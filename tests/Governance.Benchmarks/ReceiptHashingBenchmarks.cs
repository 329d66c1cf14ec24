using BenchmarkDotNet.Attributes;
using Governance.Core.Findings;
using Governance.Core.Json;
using Governance.Core.Receipts;

namespace Governance.Benchmarks;

/// <summary>Sealing one receipt (RFC 8785 canonical JSON + SHA-256, chained to the previous hash) by its number of
/// findings, and verifying a 1,000-line ledger.</summary>
public class ReceiptHashingBenchmarks
{
    private JsonValue _record = JsonValue.Null;
    private string _ledger = string.Empty;

    [Params(0, 10, 100)]
    public int Findings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var receipt = new Receipt
        {
            Timestamp = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
            Project = "src/Payments/Payments.csproj",
            TargetFramework = "net10.0",
            Configuration = "Release",
            Commit = "0123456789abcdef0123456789abcdef01234567",
            Verdict = Verdict.Hold,
            ToolVersion = "1.0.0",
        };
        receipt.DispatchIds.Add("d-2471");
        receipt.PlanDigests.Add(new PlanDigest("d-2471", ".governance/plans/d-2471.json", new string('a', 64), "approved"));
        foreach (var check in new[] { "plans", "baseline", "modules", "packages", "projectReferences", "assemblyReferences", "transitivePackages", "tamper" })
        {
            receipt.Evidence.Add(new CheckEvidence(check, CheckResult.Pass, "checked"));
        }

        for (var i = 0; i < Findings; i++)
        {
            receipt.Violations.Add(new Finding("GOV100", $"Type 'Contoso.Payments.Helper{i}' is not in the baseline nor in any approved plan.", "/repo/src/Payments/Helper.cs", i + 1, 14, "Contoso.Payments.Helper" + i));
        }

        _record = receipt.ToJson();
        var lines = new System.Text.StringBuilder();
        var previous = ReceiptChain.GenesisHash;
        for (var i = 0; i < 1000; i++)
        {
            lines.Append(ReceiptChain.Seal(_record, previous, out previous)).Append('\n');
        }

        _ledger = lines.ToString();
    }

    [Benchmark(Description = "seal one receipt")]
    public string Seal() => ReceiptChain.Seal(_record, ReceiptChain.GenesisHash, out _);

    [Benchmark(Description = "verify a 1,000-line ledger")]
    public bool Verify() => LedgerVerifier.Verify(_ledger).IsIntact;
}
