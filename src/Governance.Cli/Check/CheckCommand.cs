using System.Diagnostics;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Json;
using Governance.Core.Rules;

namespace Governance.Cli.Check;

/// <summary>`dotnet governance check --base &lt;ref&gt;`: the decision in CI, made by trusted code from what the build
/// produced. Exit codes (docs/cli.md): 0 approve or approve_with_followup, 2 hold, 3 could not check, 1 usage.</summary>
internal static class CheckCommand
{
    public const int Approved = 0;
    public const int Usage = 1;
    public const int Hold = 2;
    public const int CouldNotCheck = 3;

    public static int Run(string baseRef, string? configuration, string? allowedSigners, string? now, bool json, string? repository, string? ledger, string? propose, bool noReceipt,
        TextWriter output, TextWriter error, string? packages = null)
    {
        var clock = DateTimeOffset.UtcNow;
        if (now is not null)
        {
            if (Timestamps.TryParse(now, out var problem) is not { } parsed)
            {
                error.WriteLine("check: --now: " + problem);
                return Usage;
            }

            clock = parsed;
        }

        var watch = Stopwatch.StartNew();
        CheckResultSet result;
        try
        {
            result = Checker.Run(new CheckOptions(baseRef, configuration, allowedSigners, clock, Path.GetFullPath(repository ?? Directory.GetCurrentDirectory()), ledger, packages));
        }
        catch (Exception ex) when (ex is CheckFailedException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("check: could not check: " + ex.Message);
            return CouldNotCheck;
        }

        var verdict = result.Verdict;
        var code = verdict == Verdict.Hold ? Hold : Approved;
        if (!noReceipt)
        {
            try
            {
                Checker.AppendReceipts(result, ledger, typeof(CheckCommand).Assembly.GetName().Version?.ToString() ?? "0", watch.ElapsedMilliseconds);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TimeoutException)
            {
                // The decision stands; a receipt that could not be written is reported, never silently dropped.
                error.WriteLine("check: the check's receipt could not be appended: " + ex.Message);
                code = Math.Max(code, CouldNotCheck);
            }
        }

        if (json)
        {
            output.WriteLine(JsonWriter.Serialize(ToJson(result, code), indented: true));
        }
        else
        {
            Print(result, output);
        }

        if (propose is not null && verdict == Verdict.Hold)
        {
            var written = Propose(result, propose, output, error);
            if (written != 0)
            {
                return written;
            }
        }

        return code;
    }

    private static void Print(CheckResultSet result, TextWriter output)
    {
        var paths = result.PathsFor(result.RepositoryRoot);
        foreach (var check in result.Projects)
        {
            foreach (var finding in check.Findings.Where(f => f.Severity != RuleSeverity.Info))
            {
                var file = finding.File is null ? check.Root + check.Project : paths.Display(finding.File);
                output.WriteLine(file + (finding.Line > 0 ? "(" + finding.Line + "," + Math.Max(1, finding.Column) + ")" : string.Empty) + ": "
                    + finding.Severity.ToString().ToLowerInvariant() + " " + finding.RuleId + ": " + paths.Scrub(finding.Message));
            }
        }

        foreach (var project in result.Ungoverned)
        {
            output.WriteLine(project + ": not judged (no governance root of the base commit above it)");
        }

        foreach (var check in result.Projects.Where(p => p.Project != "*"))
        {
            output.WriteLine(check.Root + check.Project + (check.TargetFrameworks.Count > 0 ? " [" + string.Join(";", check.TargetFrameworks) + "]" : string.Empty) + ": " + check.Verdict.ToWireName());
        }

        var errors = result.Projects.Sum(p => p.Findings.Count(f => f.Severity == RuleSeverity.Error));
        var warnings = result.Projects.Sum(p => p.Findings.Count(f => f.Severity == RuleSeverity.Warning));
        output.WriteLine("check: " + result.Verdict.ToWireName() + " (" + errors + " error(s), " + warnings + " warning(s)); approvals from " + result.BaseRef + " (" + result.BaseCommit[..12]
            + "), build output of " + result.HeadCommit[..12] + ", configuration " + result.Configuration + ".");
    }

    private static JsonValue ToJson(CheckResultSet result, int code)
    {
        var paths = result.PathsFor(result.RepositoryRoot);
        return JsonValue.Object(new[]
        {
            P("verdict", JsonValue.String(result.Verdict.ToWireName())),
            P("exitCode", JsonValue.Number(code)),
            P("base", JsonValue.String(result.BaseRef)),
            P("baseCommit", JsonValue.String(result.BaseCommit)),
            P("headCommit", JsonValue.String(result.HeadCommit)),
            P("configuration", JsonValue.String(result.Configuration)),
            P("projects", JsonValue.Array(result.Projects.Select(p => JsonValue.Object(new[]
            {
                P("project", JsonValue.String(p.Root + p.Project)),
                P("targetFrameworks", JsonValue.Array(p.TargetFrameworks.Select(JsonValue.String))),
                P("verdict", JsonValue.String(p.Verdict.ToWireName())),
                P("evidence", JsonValue.Array(p.Evidence.Select(e => JsonValue.Object(new[] { P("check", JsonValue.String(e.Check)), P("result", JsonValue.String(e.Result.ToWireName())), P("detail", JsonValue.String(paths.Scrub(e.Detail))) })))),
                P("findings", JsonValue.Array(p.Findings.Select(f => JsonValue.Object(new[]
                {
                    P("id", JsonValue.String(f.RuleId)),
                    P("severity", JsonValue.String(f.Severity.ToString().ToLowerInvariant())),
                    P("message", JsonValue.String(paths.Scrub(f.Message))),
                    P("file", f.File is null ? JsonValue.Null : JsonValue.String(paths.Display(f.File)!)),
                    P("line", JsonValue.Number(f.Line)),
                    P("subject", f.Subject is null ? JsonValue.Null : JsonValue.String(f.Subject)),
                })))),
            })))),
            P("ungoverned", JsonValue.Array(result.Ungoverned.Select(JsonValue.String))),
        });
    }

    /// <summary>Writes a proposal that approves exactly what the check held, for a trusted signer to sign
    /// (`plan approve --key`): people approve their own changes in two commands.</summary>
    private static int Propose(CheckResultSet result, string id, TextWriter output, TextWriter error)
    {
        var blocking = result.Projects.Where(p => p.Project != "*").SelectMany(p => p.Findings.Where(f => f.Severity == RuleSeverity.Error && f.Subject is not null).Select(f => (Project: p, Finding: f))).ToList();
        string[] Subjects(params string[] ids) => blocking.Where(b => ids.Contains(b.Finding.RuleId)).Select(b => b.Finding.Subject!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var modules = Subjects(RuleIds.UnapprovedModule);
        var packages = blocking.Where(b => b.Finding.RuleId is RuleIds.UnapprovedPackage or RuleIds.PackageVersionOutOfRange)
            .Select(b => b.Finding.Subject + (b.Project.PackageVersions.TryGetValue(b.Finding.Subject!, out var v) ? "@[" + v + "]" : string.Empty)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var baselineModules = blocking.Where(b => b.Finding.RuleId == RuleIds.UnapprovedBaselineChange && b.Finding.Message.Contains("adds module '", StringComparison.Ordinal)).Select(b => b.Finding.Subject!);
        modules = modules.Concat(baselineModules).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var projects = blocking.Select(b => b.Project.Project).Distinct(GovernancePaths.Comparer).Order(StringComparer.Ordinal).ToArray();
        var root = Path.Combine(result.RepositoryRoot, result.Projects.FirstOrDefault(p => p.Project != "*")?.Root ?? string.Empty);
        return PlanCommands.New(id, "Approve what commit " + result.HeadCommit[..12] + " adds beyond " + result.BaseRef + " (written by 'dotnet governance check --propose')", null,
            modules, packages, Subjects(RuleIds.UnapprovedProjectReference), projects, null, root, output, error,
            Subjects(RuleIds.UnapprovedAssemblyReference, RuleIds.UnapprovedBinary), Subjects(RuleIds.UnapprovedFrameworkReference));
    }

    private static KeyValuePair<string, JsonValue> P(string name, JsonValue value) => new(name, value);
}
