using System.Text.RegularExpressions;
using Governance.Core.Files;
using Governance.Core.Json;
using Governance.Core.Receipts;

namespace Governance.Cli;

/// <summary>`verify`: the hash chain, and completeness of one commit's receipts for a solution. Read-only.</summary>
internal static class VerifyCommand
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int ChainBroken = 2;
    public const int TornTail = 3;
    public const int MissingReceipt = 4;
    public const int Hold = 5;
    public const int Unreadable = 6;

    public static int Run(string ledgerPath, string? solution, string? commit, string? root, bool json, TextWriter output, TextWriter error, string? build = null)
    {
        if ((solution is null) != (commit is null))
        {
            error.WriteLine("verify: --solution and --commit go together (completeness is checked for one commit of one solution).");
            return Usage;
        }

        if (build is not null && solution is null)
        {
            error.WriteLine("verify: --build goes with --solution and --commit (it chooses which build of the commit is checked for completeness).");
            return Usage;
        }

        LedgerVerification verification;
        try
        {
            verification = LedgerVerifier.VerifyFile(ledgerPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("verify: cannot read the ledger '" + ledgerPath + "': " + ex.Message);
            return Unreadable;
        }

        var problems = new List<string>();
        var code = Ok;
        var first = verification.Problems.FirstOrDefault();
        if (first is not null)
        {
            code = first.Kind == LedgerProblemKind.TornTail ? TornTail : ChainBroken;
            problems.Add(ledgerPath + ":" + first.Line + ": " + first.Kind + ": " + first.Message);
            if (verification.Problems.Count > 1)
            {
                problems.Add("(" + (verification.Problems.Count - 1) + " more problem(s) after the first; fix or investigate the first one)");
            }
        }

        if (solution is not null && code == Ok)
        {
            var (completeness, completenessCode) = CheckCompleteness(verification, solution, commit!, root, build);
            problems.AddRange(completeness);
            code = completenessCode;
        }

        if (json)
        {
            output.WriteLine(JsonWriter.Serialize(JsonValue.Object(new[]
            {
                new KeyValuePair<string, JsonValue>("ledger", JsonValue.String(ledgerPath)),
                new KeyValuePair<string, JsonValue>("records", JsonValue.Number(verification.Records.Count)),
                new KeyValuePair<string, JsonValue>("exitCode", JsonValue.Number(code)),
                new KeyValuePair<string, JsonValue>("problems", JsonValue.Array(problems.Select(JsonValue.String))),
            }), indented: true));
        }
        else
        {
            foreach (var problem in problems)
            {
                (code == Ok ? output : error).WriteLine(problem);
            }

            output.WriteLine(code == Ok
                ? "OK: " + verification.Records.Count + " receipt(s), hash chain intact" + (solution is null ? "." : ", every project of " + Path.GetFileName(solution) + " has a receipt for " + commit + (build is null ? string.Empty : " in build " + build) + " and none is hold.")
                : "FAILED (exit " + code + ").");
        }

        return code;
    }

    /// <summary>
    /// What made a receipt hold: its error-level findings (and warnings the build raised to errors) that no plan
    /// allowed, then the checks that did not run or failed to run. Warnings never make a hold, so they are not named.
    /// A hold with neither (a baseline update records without checking) says so.
    /// </summary>
    internal static List<string> HoldReasons(JsonValue receipt)
    {
        var reasons = (receipt["violations"]?.Items ?? [])
            .Where(v => (Ledger.Str(v["severity"]) == "error" || Ledger.Str(v["reportedAs"]) == "error") && v["suppressedBy"] is null)
            .Select(v => Ledger.Str(v["id"])).Distinct().ToList();
        reasons.AddRange((receipt["evidence"]?.Items ?? []).Where(e => Ledger.Str(e["result"]) is "not_run" or "error")
            .Select(e => Ledger.Str(e["check"]) + " " + Ledger.Str(e["result"]) + ": " + Ledger.Str(e["detail"])));
        if (reasons.Count == 0)
        {
            reasons.Add("no error and every check ran: a baseline update, which records without judging");
        }

        return reasons;
    }

    private static (List<string> Problems, int Code) CheckCompleteness(LedgerVerification verification, string solution, string commit, string? root, string? build)
    {
        var problems = new List<string>();
        var solutionDir = Path.GetDirectoryName(Path.GetFullPath(solution))!;
        var governanceRoot = root is not null ? Path.GetFullPath(root) : GovernancePaths.FindRootAbove(solutionDir) ?? solutionDir;
        var projects = ReadSolution(solution).Select(p => Path.GetRelativePath(governanceRoot, Path.GetFullPath(Path.Combine(solutionDir, p))).Replace('\\', '/')).ToList();
        // A receipt of a build with uncommitted changes is evidence for that working tree, not for the commit: left
        // out, so that a local edit that fixes (or hides) a hold never approves the commit it was not committed to.
        var ofCommit = verification.Records.Select(r => r.Value).Where(r => Ledger.Str(r["commit"]) == commit).ToList();
        var receipts = ofCommit.Where(r => r["dirty"]?.Kind != JsonKind.True).ToList();
        // With --build, only that build's own receipts: several local builds of one commit are not mixed. The trusted
        // check's receipts are not filtered: when the commit has them, they decide, whatever build they followed.
        var builds = Ledger.OfBuild(receipts, build).ToList();
        var inBuild = build is null ? string.Empty : " in build " + build;
        var dirtyProjects = new HashSet<string>(ofCommit.Where(r => r["dirty"]?.Kind == JsonKind.True).Select(r => Ledger.Str(r["project"])), StringComparer.OrdinalIgnoreCase);
        var code = Ok;

        // Receipts of `dotnet governance check` are the trusted decision: when the commit has them, they decide, for
        // every project they name (also one a branch removed from the solution file); the build's own do not count.
        var checks = receipts.Where(r => Ledger.Str(r["source"]) == "check").ToList();
        if (checks.Count > 0)
        {
            var latestCheck = checks.GroupBy(r => Ledger.Str(r["project"]), StringComparer.OrdinalIgnoreCase).Select(g => g.Last()).ToList();
            foreach (var receipt in latestCheck.Where(r => Ledger.Str(r["verdict"]) == "hold"))
            {
                problems.Add(Ledger.Str(receipt["project"]) + ": check verdict hold (" + string.Join(", ", HoldReasons(receipt)) + ")");
                code = Hold;
            }

            foreach (var project in projects.Where(p => !latestCheck.Any(r => string.Equals(Ledger.Str(r["project"]), p, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add(project + ": no check receipt for commit " + commit);
                code = code == Ok ? MissingReceipt : code;
            }

            return (problems, code);
        }

        foreach (var project in projects)
        {
            var mine = builds.Where(r => string.Equals(Ledger.Str(r["project"]), project, StringComparison.OrdinalIgnoreCase)).ToList();
            if (mine.Count == 0)
            {
                problems.Add(project + ": no receipt for commit " + commit + inBuild + (dirtyProjects.Contains(project)
                    ? " from a clean checkout (its receipts were built with uncommitted changes; commit them, or build the commit as it is)"
                    : " (was the package removed from this project, or was it not built?)"));
                code = MissingReceipt;
                continue;
            }

            foreach (var latest in mine.GroupBy(r => Ledger.Str(r["targetFramework"])).Select(g => g.Last()))
            {
                if (Ledger.Str(latest["verdict"]) == "hold")
                {
                    problems.Add(project + " [" + Ledger.Str(latest["targetFramework"]) + "]: verdict hold (" + string.Join(", ", HoldReasons(latest)) + ")");
                    code = code == Ok ? Hold : code;
                }
            }
        }

        return (problems, code);
    }

    internal static IEnumerable<string> ReadSolution(string solution)
    {
        var text = File.ReadAllText(solution);
        if (solution.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            return Regex.Matches(text, "<Project\\s+Path=\"([^\"]+proj)\"").Select(m => m.Groups[1].Value.Replace('\\', '/')).ToList();
        }

        return Regex.Matches(text, "^Project\\(\"\\{[^}]+\\}\"\\)\\s*=\\s*\"[^\"]*\",\\s*\"([^\"]+proj)\"", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value.Replace('\\', '/')).ToList();
    }
}
