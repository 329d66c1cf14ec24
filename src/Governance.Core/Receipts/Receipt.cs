using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Rules;
using Governance.Core.Json;

namespace Governance.Core.Receipts;

public sealed class PlanDigest
{
    public PlanDigest(string dispatchId, string path, string sha256, string state)
    {
        DispatchId = dispatchId;
        Path = path;
        Sha256 = sha256;
        State = state;
    }

    public string DispatchId { get; }

    /// <summary>Root-relative path of the plan file.</summary>
    public string Path { get; }

    /// <summary>Lowercase hex SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; }

    /// <summary>approved | proposal | expired | signature_rejected.</summary>
    public string State { get; }
}

/// <summary>The receipt of one governed build of one project and target framework. Serialized as one canonical JSON
/// line of the ledger; see docs/receipts.md for every field.</summary>
public sealed class Receipt
{
    public const int SchemaVersion = 1;

    public DateTimeOffset Timestamp { get; set; }
    public string Project { get; set; } = string.Empty;
    public string? TargetFramework { get; set; }
    public string? Configuration { get; set; }
    public string? Commit { get; set; }

    /// <summary>Whether the checkout had uncommitted changes (outside the ledger's folder) when the build ran: such a
    /// receipt is no evidence for <see cref="Commit"/>. Null when unknown (no git checkout); then not serialized.</summary>
    public bool? Dirty { get; set; }

    /// <summary>The build this receipt is part of (<see cref="BuildIds"/>); null when nothing named it, then not serialized.</summary>
    public string? BuildId { get; set; }
    public IList<string> DispatchIds { get; } = new List<string>();
    public IList<PlanDigest> PlanDigests { get; } = new List<PlanDigest>();
    public string? BaselineDigest { get; set; }
    public string Mode { get; set; } = "Enforce";
    public Verdict Verdict { get; set; }
    public IList<CheckEvidence> Evidence { get; } = new List<CheckEvidence>();
    public IList<Finding> Violations { get; } = new List<Finding>();
    public string ToolVersion { get; set; } = string.Empty;
    public long DurationMs { get; set; }

    /// <summary>"check" for a receipt of `dotnet governance check` (trusted code, after the build); null for the
    /// build's own receipts, which carry no such field.</summary>
    public string? Source { get; set; }

    /// <summary>The base commit whose approvals a check judged against; only with <see cref="Source"/>.</summary>
    public string? BaseCommit { get; set; }

    /// <summary>Governance root, used to make finding paths relative; not serialized.</summary>
    public string? GovernanceRoot { get; set; }

    /// <summary>How paths are shown (the root, and the package and SDK folders the host knows); not serialized.
    /// Without it, only the governance root is known.</summary>
    public DisplayPaths? Paths { get; set; }

    private DisplayPaths DisplayPaths => Paths ?? DisplayPaths.ForRoot(GovernanceRoot);

    public JsonValue ToJson()
    {
        var members = new List<KeyValuePair<string, JsonValue>>
        {
            P("schemaVersion", JsonValue.Number(SchemaVersion)),
            P("timestamp", JsonValue.String(Timestamps.Format(Timestamp))),
            P("project", JsonValue.String(Project)),
            P("targetFramework", Str(TargetFramework)),
            P("configuration", Str(Configuration)),
            P("commit", Str(Commit)),
            P("dispatchIds", JsonValue.Array(DispatchIds.OrderBy(d => d, StringComparer.Ordinal).Select(JsonValue.String))),
            P("planDigests", JsonValue.Array(PlanDigests.OrderBy(d => d.DispatchId, StringComparer.Ordinal).ThenBy(d => d.Path, StringComparer.Ordinal).Select(d => JsonValue.Object(new[]
            {
                P("dispatchId", JsonValue.String(d.DispatchId)),
                P("path", JsonValue.String(DisplayPaths.Display(d.Path) ?? string.Empty)),
                P("sha256", JsonValue.String(d.Sha256)),
                P("state", JsonValue.String(d.State)),
            })))),
            P("baselineDigest", Str(BaselineDigest)),
            P("mode", JsonValue.String(Mode)),
            P("verdict", JsonValue.String(Verdict.ToWireName())),
            P("evidence", JsonValue.Array(Evidence.Select(e => JsonValue.Object(new[]
            {
                P("check", JsonValue.String(e.Check)),
                P("result", JsonValue.String(e.Result.ToWireName())),
                P("detail", JsonValue.String(DisplayPaths.Scrub(e.Detail))),
            })))),
            P("violations", JsonValue.Array(Violations.Select(ViolationJson))),
            P("toolVersion", JsonValue.String(ToolVersion)),
            P("durationMs", JsonValue.Number(DurationMs)),
        };
        if (Dirty is { } dirty)
        {
            members.Add(P("dirty", JsonValue.Bool(dirty)));
        }

        if (BuildId is not null)
        {
            members.Add(P("buildId", JsonValue.String(BuildId)));
        }

        if (Source is not null)
        {
            members.Add(P("source", JsonValue.String(Source)));
            members.Add(P("baseCommit", Str(BaseCommit)));
        }

        return JsonValue.Object(members);
    }

    private JsonValue ViolationJson(Finding finding)
    {
        var members = new List<KeyValuePair<string, JsonValue>>
        {
            P("id", JsonValue.String(finding.RuleId)),
            P("severity", JsonValue.String(finding.Severity.ToString().ToLowerInvariant())),
            P("message", JsonValue.String(DisplayPaths.Scrub(finding.Message))),
            P("file", Str(RelativeToRoot(finding.File))),
            P("line", JsonValue.Number(finding.Line)),
            P("column", JsonValue.Number(finding.Column)),
        };
        if (finding.Subject is not null)
        {
            members.Add(P("subject", JsonValue.String(finding.Subject)));
        }

        if (finding.SuppressedByDispatchId is not null)
        {
            members.Add(P("suppressedBy", JsonValue.String(finding.SuppressedByDispatchId)));
        }

        // A warning the build raised to an error (WarningsAsErrors, a raised severity): it failed the build and holds.
        if (finding.ReportedAsError && finding.Severity != RuleSeverity.Error)
        {
            members.Add(P("reportedAs", JsonValue.String("error")));
        }

        return JsonValue.Object(members);
    }

    /// <summary>A path as receipts show it: root-relative with '/' separators, never a machine path (<see cref="Files.DisplayPaths"/>).</summary>
    public string? RelativeToRoot(string? path) => DisplayPaths.Display(path);

    private static JsonValue Str(string? value) => value is null ? JsonValue.Null : JsonValue.String(value);

    private static KeyValuePair<string, JsonValue> P(string name, JsonValue value) => new(name, value);
}
