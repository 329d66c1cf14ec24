using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Core.Baselines;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Json;
using Governance.Core.Rules;

namespace Governance.Core.Policy;

public enum DependencyCheckStatus
{
    Ok,

    /// <summary>The project has no baseline for this target framework: nothing could be compared.</summary>
    NoBaseline,

    /// <summary>The check could not run (an unreadable restore output, a bad clock value): fail closed.</summary>
    Error,
}

/// <summary>One plan file as the dependency check saw it: its digest for the receipt, and whether it approves this project.</summary>
/// <param name="DispatchId">The plan's dispatch id.</param>
/// <param name="Path">Full path as the build knows it.</param>
/// <param name="Sha256">The file's digest.</param>
/// <param name="State">approved | proposal | expired | signature_rejected | invalid.</param>
/// <param name="AppliesToProject">Whether the plan names this project.</param>
public sealed record PlanFileRecord(string DispatchId, string Path, string Sha256, string State, bool AppliesToProject);

/// <summary>A suppression an approved plan for this project allows: rule <see cref="RuleId"/> on <see cref="Target"/>
/// (a module, a package id, or "*").</summary>
public sealed record AllowedSuppression(string DispatchId, string RuleId, string Target);

/// <summary>What the project depends on, in the form the baseline records it.</summary>
public sealed class DependencyRecord
{
    public DependencyRecord(IReadOnlyList<PackageVersionRecord> packages, IReadOnlyList<PackageVersionRecord> transitivePackages, IReadOnlyList<string> projectReferences,
        IReadOnlyList<string> assemblyReferences, IReadOnlyList<string> frameworkReferences)
    {
        Packages = packages;
        TransitivePackages = transitivePackages;
        ProjectReferences = projectReferences;
        AssemblyReferences = assemblyReferences;
        FrameworkReferences = frameworkReferences;
    }

    public static DependencyRecord Empty { get; } = new(Array.Empty<PackageVersionRecord>(), Array.Empty<PackageVersionRecord>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());

    public IReadOnlyList<PackageVersionRecord> Packages { get; }
    public IReadOnlyList<PackageVersionRecord> TransitivePackages { get; }
    public IReadOnlyList<string> ProjectReferences { get; }
    public IReadOnlyList<string> AssemblyReferences { get; }
    public IReadOnlyList<string> FrameworkReferences { get; }

    /// <summary>The record of gathered facts, sorted so that the baseline does not change when the build's item order does.</summary>
    public static DependencyRecord From(DependencyFacts facts)
    {
        var direct = new HashSet<string>(facts.DirectPackages.Select(p => p.Id), StringComparer.OrdinalIgnoreCase);
        return new DependencyRecord(
            facts.DirectPackages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Select(p => new PackageVersionRecord(p.Id, p.ResolvedVersion ?? p.RequestedVersion ?? string.Empty)).ToList(),
            facts.ResolvedPackages.Where(p => !direct.Contains(p.Id)).OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Select(p => new PackageVersionRecord(p.Id, p.Version)).ToList(),
            facts.ProjectReferences.Select(r => r.Identity).OrderBy(r => r, StringComparer.Ordinal).ToList(),
            // A copied binary is approved by simple name like an assembly reference: recorded with them.
            facts.AssemblyReferences.Concat(facts.CopiedBinaries).Select(r => r.Identity).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(r => r, StringComparer.Ordinal).ToList(),
            facts.FrameworkReferences.Select(r => r.Identity).Where(r => !DependencyChecker.IsTargetFrameworksOwn(r)).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(r => r, StringComparer.Ordinal).ToList());
    }
}

/// <summary>
/// The dependency check's result as it passes from the check (before the compiler) to the receipt step (after it):
/// obj/…/governance/dependencies.json. One model, one writer (<see cref="ToText"/>) and one reader (<see cref="Parse"/>)
/// for both MSBuild tasks, which share no other state.
/// </summary>
public sealed class DependencyCheckOutput
{
    public const int SchemaVersion = 1;

    public DependencyCheckStatus Status { get; set; }

    /// <summary>Why the check could not run; only with <see cref="DependencyCheckStatus.Error"/>.</summary>
    public string? Error { get; set; }

    /// <summary>Hash of every input of the check: an unchanged hash lets the next build reuse this result.</summary>
    public string InputsHash { get; set; } = string.Empty;

    /// <summary>When the first approving plan expires: the result may not be reused after it.</summary>
    public DateTimeOffset? ValidUntil { get; set; }

    public string? Project { get; set; }
    public string? TargetFramework { get; set; }
    public long DurationMs { get; set; }
    public string? BaselineSha256 { get; set; }
    public IList<Finding> Findings { get; } = new List<Finding>();
    public DependencyRecord Facts { get; set; } = DependencyRecord.Empty;
    public IList<PlanFileRecord> Plans { get; } = new List<PlanFileRecord>();
    public IList<AllowedSuppression> AllowedSuppressions { get; } = new List<AllowedSuppression>();
    public IList<string> UsedPlanEntries { get; } = new List<string>();

    public static DependencyCheckOutput Failed(string error) => new() { Status = DependencyCheckStatus.Error, Error = error };

    /// <summary>The approved plan that allows suppressing <paramref name="ruleId"/> on <paramref name="subject"/>, or null.</summary>
    public string? PermitFor(string ruleId, string? subject) =>
        AllowedSuppressions.FirstOrDefault(a => string.Equals(a.RuleId, ruleId, StringComparison.OrdinalIgnoreCase)
            && (a.Target == "*" || string.Equals(a.Target, subject, StringComparison.Ordinal)))?.DispatchId is { Length: > 0 } id ? id : null;

    public string ToText()
    {
        var members = new List<KeyValuePair<string, JsonValue>>
        {
            P("schemaVersion", JsonValue.Number(SchemaVersion)),
            P("status", JsonValue.String(StatusName(Status))),
        };
        if (Status == DependencyCheckStatus.Error)
        {
            members.Add(P("error", JsonValue.String(Error ?? "unknown error")));
            members.Add(P("inputsHash", JsonValue.String(string.Empty)));
            return JsonWriter.Serialize(JsonValue.Object(members), indented: true) + "\n";
        }

        members.AddRange(new[]
        {
            P("inputsHash", JsonValue.String(InputsHash)),
            P("validUntil", ValidUntil is null ? JsonValue.Null : JsonValue.String(Timestamps.Format(ValidUntil.Value))),
            P("project", Str(Project)),
            P("targetFramework", Str(TargetFramework)),
            P("durationMs", JsonValue.Number(DurationMs)),
            P("baselineSha256", Str(BaselineSha256)),
            P("findings", JsonValue.Array(Findings.Select(f => JsonValue.Object(new[]
            {
                P("id", JsonValue.String(f.RuleId)),
                P("message", JsonValue.String(f.Message)),
                P("file", Str(f.File)),
                P("line", JsonValue.Number(f.Line)),
                P("column", JsonValue.Number(f.Column)),
                P("subject", Str(f.Subject)),
                P("severity", JsonValue.String(f.Severity.ToString())),
            })))),
            P("facts", JsonValue.Object(new[]
            {
                P("packages", JsonValue.Array(Facts.Packages.Select(PackageJson))),
                P("transitivePackages", JsonValue.Array(Facts.TransitivePackages.Select(PackageJson))),
                P("projectReferences", JsonValue.Array(Facts.ProjectReferences.Select(JsonValue.String))),
                P("assemblyReferences", JsonValue.Array(Facts.AssemblyReferences.Select(JsonValue.String))),
                P("frameworkReferences", JsonValue.Array(Facts.FrameworkReferences.Select(JsonValue.String))),
            })),
            P("plans", JsonValue.Array(Plans.Select(p => JsonValue.Object(new[]
            {
                P("dispatchId", JsonValue.String(p.DispatchId)),
                P("path", JsonValue.String(p.Path)),
                P("sha256", JsonValue.String(p.Sha256)),
                P("state", JsonValue.String(p.State)),
                P("appliesToProject", JsonValue.Bool(p.AppliesToProject)),
            })))),
            P("allowedSuppressions", JsonValue.Array(AllowedSuppressions.Select(s => JsonValue.Object(new[]
            {
                P("dispatchId", JsonValue.String(s.DispatchId)),
                P("id", JsonValue.String(s.RuleId)),
                P("target", JsonValue.String(s.Target)),
            })))),
            P("usedPlanEntries", JsonValue.Array(UsedPlanEntries.Select(JsonValue.String))),
        });
        return JsonWriter.Serialize(JsonValue.Object(members), indented: true) + "\n";
    }

    /// <summary>The output in <paramref name="text"/>, or null with the reason when it is not one (the receipt step
    /// then records the check as not run or in error: never a pass).</summary>
    public static DependencyCheckOutput? Parse(string text, out string? problem)
    {
        var parsed = JsonParser.Parse(text);
        if (!parsed.Success || parsed.Root!.Kind != JsonKind.Object)
        {
            problem = "the dependency check's output is unreadable";
            return null;
        }

        var root = parsed.Root;
        var status = root["status"]?.StringValue switch
        {
            "ok" => DependencyCheckStatus.Ok,
            "no_baseline" => DependencyCheckStatus.NoBaseline,
            "error" => DependencyCheckStatus.Error,
            _ => (DependencyCheckStatus?)null,
        };
        if (status is null || root["schemaVersion"]?.NumberText != "1")
        {
            problem = "the dependency check's output is unreadable (status '" + root["status"]?.StringValue + "', schema version " + root["schemaVersion"]?.NumberText + ")";
            return null;
        }

        DateTimeOffset? validUntil = null;
        if (root["validUntil"]?.StringValue is { } until && (validUntil = Timestamps.TryParse(until, out _)) is null)
        {
            problem = "the dependency check's output is unreadable (validUntil '" + until + "')";
            return null;
        }

        problem = null;
        if (status == DependencyCheckStatus.Error)
        {
            return Failed(root["error"]?.StringValue ?? "unknown error");
        }

        var output = new DependencyCheckOutput
        {
            Status = status.Value,
            InputsHash = root["inputsHash"]?.StringValue ?? string.Empty,
            ValidUntil = validUntil,
            Project = root["project"]?.StringValue,
            TargetFramework = root["targetFramework"]?.StringValue,
            DurationMs = root["durationMs"] is { } duration && duration.TryGetInt64(out var ms) ? ms : 0,
            BaselineSha256 = root["baselineSha256"]?.StringValue,
        };
        foreach (var f in Items(root["findings"]))
        {
            output.Findings.Add(new Finding(f["id"]?.StringValue ?? RuleIds.CheckDidNotRun, f["message"]?.StringValue ?? string.Empty, f["file"]?.StringValue,
                Int(f["line"]), Int(f["column"]), f["subject"]?.StringValue, RaisedSeverity(f)));
        }

        var facts = root["facts"];
        output.Facts = new DependencyRecord(Packages(facts?["packages"]), Packages(facts?["transitivePackages"]), Strings(facts?["projectReferences"]),
            Strings(facts?["assemblyReferences"]), Strings(facts?["frameworkReferences"]));
        foreach (var p in Items(root["plans"]))
        {
            output.Plans.Add(new PlanFileRecord(p["dispatchId"]?.StringValue ?? string.Empty, p["path"]?.StringValue ?? string.Empty, p["sha256"]?.StringValue ?? string.Empty,
                p["state"]?.StringValue ?? "invalid", p["appliesToProject"]?.Kind == JsonKind.True));
        }

        foreach (var s in Items(root["allowedSuppressions"]))
        {
            output.AllowedSuppressions.Add(new AllowedSuppression(s["dispatchId"]?.StringValue ?? string.Empty, s["id"]?.StringValue ?? string.Empty, s["target"]?.StringValue ?? string.Empty));
        }

        foreach (var entry in Strings(root["usedPlanEntries"]))
        {
            output.UsedPlanEntries.Add(entry);
        }

        return output;
    }

    /// <summary>A finding's severity as written, but never below the rule's own: the check may raise one (GOV005 for a
    /// plan's missing project), and a file edited between the two steps must not lower one.</summary>
    private static RuleSeverity RaisedSeverity(JsonValue finding)
    {
        var catalog = RuleCatalog.TryGet(finding["id"]?.StringValue ?? string.Empty, out var rule) ? rule.Severity : RuleSeverity.Error;
        return Enum.TryParse<RuleSeverity>(finding["severity"]?.StringValue, true, out var parsed) && parsed > catalog ? parsed : catalog;
    }

    public static string StatusName(DependencyCheckStatus status) => status switch
    {
        DependencyCheckStatus.NoBaseline => "no_baseline",
        DependencyCheckStatus.Error => "error",
        _ => "ok",
    };

    private static IReadOnlyList<JsonValue> Items(JsonValue? list) => list?.Items ?? Array.Empty<JsonValue>();

    private static List<string> Strings(JsonValue? list) => Items(list).Where(v => v.StringValue is not null).Select(v => v.StringValue!).ToList();

    private static List<PackageVersionRecord> Packages(JsonValue? list) =>
        Items(list).Where(p => p["id"]?.StringValue is not null).Select(p => new PackageVersionRecord(p["id"]!.StringValue!, p["version"]?.StringValue ?? string.Empty)).ToList();

    private static JsonValue PackageJson(PackageVersionRecord p) => JsonValue.Object(new[] { P("id", JsonValue.String(p.Id)), P("version", JsonValue.String(p.Version)) });

    private static int Int(JsonValue? value) => value is not null && value.TryGetInt64(out var v) ? (int)v : 0;

    private static JsonValue Str(string? value) => value is null ? JsonValue.Null : JsonValue.String(value);

    private static KeyValuePair<string, JsonValue> P(string name, JsonValue value) => new(name, value);
}
