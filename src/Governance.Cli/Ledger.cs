using Governance.Core.Json;
using Governance.Core.Receipts;

namespace Governance.Cli;

/// <summary>Receipts read from a ledger for reporting; which ones belong to "this build".</summary>
internal static class Ledger
{
    public static IReadOnlyList<JsonValue> Select(LedgerVerification verification, string? commit, string? build = null)
    {
        var records = OfBuild(verification.Records.Select(r => r.Value), build).ToList();
        if (commit is not null)
        {
            var ofCommit = records.Where(r => r["commit"]?.StringValue == commit).ToList();

            // The trusted check's receipts are the decision: when the commit has them, the latest of each project
            // is the report; the build's own receipts are what the check compared, not what it decided.
            var checks = ofCommit.Where(r => r["source"]?.StringValue == "check").ToList();
            return checks.Count == 0
                ? ofCommit
                : checks.GroupBy(r => r["project"]?.StringValue ?? string.Empty).Select(g => g.Last()).ToList();
        }

        // Without a commit: the latest receipt of every project and target framework.
        return records
            .GroupBy(r => (r["project"]?.StringValue ?? string.Empty) + "|" + (r["targetFramework"]?.StringValue ?? string.Empty))
            .Select(g => g.Last())
            .ToList();
    }

    /// <summary>With a build id, only that build's receipts, and the trusted check's, which decide whatever build they
    /// followed; without one, all of them.</summary>
    public static IEnumerable<JsonValue> OfBuild(IEnumerable<JsonValue> receipts, string? build) =>
        build is null ? receipts : receipts.Where(r => r["source"]?.StringValue == "check" || r["buildId"]?.StringValue == build);

    public static string Str(JsonValue? value) => value?.StringValue ?? string.Empty;

    public static long Int(JsonValue? value) => value is not null && value.TryGetInt64(out var v) ? v : 0;
}
