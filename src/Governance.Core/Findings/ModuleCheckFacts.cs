using System;
using System.Collections.Generic;
using System.IO;
using Governance.Core.Json;
using Governance.Core.Rules;

namespace Governance.Core.Findings;

/// <summary>One finding of the module check as the compiler reports it: <see cref="ReportedSeverity"/> is the
/// severity the analyzer gives it in this build (Audit mode lowers errors to warnings), not the rule's intrinsic one.</summary>
public sealed class ModuleCheckFinding
{
    public ModuleCheckFinding(string ruleId, RuleSeverity reportedSeverity, string message, string? file, int line, int column, string? module)
    {
        RuleId = ruleId;
        ReportedSeverity = reportedSeverity;
        Message = message;
        File = file;
        Line = line;
        Column = column;
        Module = module;
    }

    public string RuleId { get; }
    public RuleSeverity ReportedSeverity { get; }
    public string Message { get; }

    /// <summary>Absolute path as the compiler knows it; null when the finding has no location (GOV002).</summary>
    public string? File { get; }

    /// <summary>1-based; 0 without a location.</summary>
    public int Line { get; }

    public int Column { get; }
    public string? Module { get; }
}

/// <summary>
/// The module check of one compilation as data, in the form the package's build-facts generator hands it to the
/// receipt step: a C# file that compiles to nothing, whose line after <see cref="LinePrefix"/> is JSON
/// (modulesChecked, inventory while the baseline is updated, findings). One definition for the writer (the
/// generator, in the analyzer assembly) and the reader (the MSBuild task), which share no other code.
/// </summary>
public sealed class ModuleCheckFacts
{
    public const int SchemaVersion = 1;
    public const string LinePrefix = "// governance-build-facts: ";

    /// <summary>The rules the build facts judge in full (every finding of them is in <see cref="Findings"/>): an
    /// analyzer may let the facts stand in for its own walk only for these.</summary>
    public static readonly IReadOnlyCollection<string> JudgedRules = new HashSet<string>(StringComparer.Ordinal)
    {
        RuleIds.InvalidGovernanceFile, RuleIds.MissingBaseline, RuleIds.InactivePlan, RuleIds.UnverifiedApproval, RuleIds.UnusedApproval, RuleIds.UnapprovedModule,
    };

    public ModuleCheckFacts(string project, string targetFramework, int modulesChecked, IReadOnlyList<string>? inventory, IReadOnlyList<ModuleCheckFinding> findings,
        int? unapprovedModules = null, int? syntaxTrees = null, IReadOnlyList<string>? raisedToError = null)
    {
        RaisedToError = raisedToError ?? Array.Empty<string>();
        Project = project;
        TargetFramework = targetFramework;
        ModulesChecked = modulesChecked;
        Inventory = inventory;
        Findings = findings;
        UnapprovedModules = unapprovedModules;
        SyntaxTrees = syntaxTrees;
    }

    public string Project { get; }
    public string TargetFramework { get; }
    public int ModulesChecked { get; }

    /// <summary>The module names for the baseline, sorted; only while the baseline is updated, else null.</summary>
    public IReadOnlyList<string>? Inventory { get; }

    public IReadOnlyList<ModuleCheckFinding> Findings { get; }

    /// <summary>How many of the checked modules no approval covers, generated ones included (which get no GOV100 but
    /// are still what GOV101 points at); null when modules were not judged (baseline update, unusable baseline). The
    /// analyzers read it to skip judging the same modules again (docs/architecture.md, step 3).</summary>
    public int? UnapprovedModules { get; }

    /// <summary>The governance warnings outside the module check (GOV101, GOV110) that this compilation reports as
    /// errors (WarningsAsErrors, a raised analyzer config severity): when such a compile fails, only the compiler's
    /// log can tell whether one of them failed it.</summary>
    public IReadOnlyList<string> RaisedToError { get; }

    /// <summary>How many syntax trees the check judged: the compilation's before any other generator's output, which
    /// the compiler adds after them. The analyzers judge only the trees after these themselves (docs/architecture.md,
    /// step 3); null from facts that do not say.</summary>
    public int? SyntaxTrees { get; }

    /// <summary>The generated file: a header that marks it generated, and the facts on one comment line.</summary>
    public string ToSourceFile()
    {
        var findings = new List<JsonValue>(Findings.Count);
        foreach (var finding in Findings)
        {
            findings.Add(JsonValue.Object(new[]
            {
                Property("id", JsonValue.String(finding.RuleId)),
                Property("severity", JsonValue.String(finding.ReportedSeverity.ToString().ToLowerInvariant())),
                Property("message", JsonValue.String(finding.Message)),
                Property("file", finding.File is null ? JsonValue.Null : JsonValue.String(finding.File)),
                Property("line", JsonValue.Number(finding.Line)),
                Property("column", JsonValue.Number(finding.Column)),
                Property("module", finding.Module is null ? JsonValue.Null : JsonValue.String(finding.Module)),
            }));
        }

        var inventory = Inventory is null ? JsonValue.Null : JsonValue.Array(ToJsonStrings(Inventory));
        return Render(JsonValue.Object(new[]
        {
            Property("schemaVersion", JsonValue.Number(SchemaVersion)),
            Property("project", JsonValue.String(Project)),
            Property("targetFramework", JsonValue.String(TargetFramework)),
            Property("modulesChecked", JsonValue.Number(ModulesChecked)),
            Property("unapprovedModules", UnapprovedModules is { } unapproved ? JsonValue.Number(unapproved) : JsonValue.Null),
            Property("syntaxTrees", SyntaxTrees is { } trees ? JsonValue.Number(trees) : JsonValue.Null),
            Property("inventory", inventory),
            Property("findings", JsonValue.Array(findings)),
            Property("raisedToError", JsonValue.Array(ToJsonStrings(RaisedToError))),
        }));
    }

    /// <summary>The generated file of a check that failed: the reader reports it as an error of the check.</summary>
    public static string FailureSourceFile(string error) =>
        Render(JsonValue.Object(new[]
        {
            Property("schemaVersion", JsonValue.Number(SchemaVersion)),
            Property("error", JsonValue.String(error)),
        }));

    public static ModuleCheckFacts Read(string path) => Parse(path, File.ReadLines(path));

    /// <summary>Reads the facts; throws <see cref="InvalidDataException"/> naming <paramref name="path"/> when they
    /// are not usable (a check whose results cannot be read did not pass).</summary>
    public static ModuleCheckFacts Parse(string path, IEnumerable<string> lines)
    {
        string? line = null;
        foreach (var candidate in lines)
        {
            if (candidate.StartsWith(LinePrefix, StringComparison.Ordinal))
            {
                line = candidate.Substring(LinePrefix.Length);
                break;
            }
        }

        if (line is null)
        {
            throw new InvalidDataException("The governance build facts " + path + " hold no facts line.");
        }

        var parsed = JsonParser.Parse(line);
        if (!parsed.Success || parsed.Root!.Kind != JsonKind.Object)
        {
            throw new InvalidDataException("The governance build facts " + path + " are not valid JSON: " + (parsed.Error?.Message ?? "not an object"));
        }

        var root = parsed.Root;
        if (root["error"]?.StringValue is { } error)
        {
            throw new InvalidDataException("The governance generator could not check the modules (" + path + "): " + error);
        }

        if (!(root["schemaVersion"] is { } version && version.TryGetInt64(out var v) && v == SchemaVersion) || root["findings"]?.Kind != JsonKind.Array
            || !(root["modulesChecked"] is { } count && count.TryGetInt64(out var checkedCount)))
        {
            throw new InvalidDataException("The governance build facts " + path + " are not of schema version " + SchemaVersion + " (a package mismatch between the analyzers and the task?).");
        }

        List<string>? inventory = null;
        if (root["inventory"] is { Kind: JsonKind.Array } names)
        {
            inventory = new List<string>();
            foreach (var item in names.Items)
            {
                inventory.Add(item.StringValue ?? throw new InvalidDataException("The governance build facts " + path + " list a module that is not a string."));
            }
        }

        var findings = new List<ModuleCheckFinding>();
        foreach (var item in root["findings"]!.Items)
        {
            var id = item["id"]?.StringValue;
            if (id is null || !id.StartsWith("GOV", StringComparison.Ordinal))
            {
                throw new InvalidDataException("The governance build facts " + path + " hold a finding without a GOV id.");
            }

            findings.Add(new ModuleCheckFinding(
                id,
                ParseSeverity(item["severity"]?.StringValue, id),
                item["message"]?.StringValue ?? string.Empty,
                item["file"]?.StringValue,
                (int)(item["line"] is { } l && l.TryGetInt64(out var lv) ? lv : 0),
                (int)(item["column"] is { } c && c.TryGetInt64(out var cv) ? cv : 0),
                item["module"]?.StringValue));
        }

        int? unapprovedModules = root["unapprovedModules"] is { } u && u.TryGetInt64(out var uv) ? (int)uv : null;
        var raised = new List<string>();
        foreach (var item in root["raisedToError"]?.Items ?? Array.Empty<JsonValue>())
        {
            raised.Add(item.StringValue ?? throw new InvalidDataException("The governance build facts " + path + " list a raised rule that is not a string."));
        }

        int? syntaxTrees = root["syntaxTrees"] is { } t && t.TryGetInt64(out var tv) ? (int)tv : null;
        return new ModuleCheckFacts(root["project"]?.StringValue ?? string.Empty, root["targetFramework"]?.StringValue ?? string.Empty, (int)checkedCount, inventory, findings,
            unapprovedModules, syntaxTrees, raised);
    }

    /// <summary>"error", "warning", anything else as info ("hidden", which the analyzers never report, among them); a
    /// missing one is the rule's own severity.</summary>
    private static RuleSeverity ParseSeverity(string? text, string ruleId) => text?.ToLowerInvariant() switch
    {
        null => RuleCatalog.TryGet(ruleId, out var rule) ? rule.Severity : RuleSeverity.Error,
        "error" => RuleSeverity.Error,
        "warning" => RuleSeverity.Warning,
        _ => RuleSeverity.Info,
    };

    /// <summary>The characters C# also ends a line at are escaped, so no value can leave the comment.</summary>
    private static string Render(JsonValue facts)
    {
        var json = JsonWriter.Serialize(facts).Replace("\u0085", "\\u0085").Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");
        return "// <auto-generated>\n// Governance.Analyzers build facts for the receipt step (WriteGovernanceReceipt). Contains no code.\n// </auto-generated>\n"
            + LinePrefix + json + "\n";
    }

    private static IEnumerable<JsonValue> ToJsonStrings(IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            yield return JsonValue.String(value);
        }
    }

    private static KeyValuePair<string, JsonValue> Property(string name, JsonValue value) => new(name, value);
}
