using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Core.Files;
using Governance.Core.Json;

namespace Governance.Core.Baselines;

public sealed class BaselineReadResult
{
    public BaselineReadResult(ProjectBaseline? baseline, IReadOnlyList<GovernanceFileIssue> issues)
    {
        Baseline = baseline;
        Issues = issues;
    }

    public ProjectBaseline? Baseline { get; }
    public IReadOnlyList<GovernanceFileIssue> Issues { get; }
}

/// <summary>Reads and writes baseline files. Writing is deterministic: sorted entries, two-space indent, '\n'
/// newlines, a final newline (callers write UTF-8 without BOM), so regenerating an unchanged baseline changes no byte.</summary>
public static class BaselineSerializer
{
    private static readonly string[] s_rootProperties = { "$schema", "schemaVersion", "project", "targets" };
    private static readonly string[] s_targetProperties =
        { "moduleGranularity", "modules", "packages", "transitivePackages", "projectReferences", "assemblyReferences", "frameworkReferences" };
    private static readonly string[] s_packageProperties = { "id", "version" };

    public const string SchemaUri = "https://raw.githubusercontent.com/governance-analyzers/Governance.Analyzers/main/src/Governance.Core/Schemas/baseline.schema.json";

    public static BaselineReadResult Read(string path, string text)
    {
        try
        {
            return ReadCore(path, text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new BaselineReadResult(null, new[] { new GovernanceFileIssue(path, 0, 0, "The baseline could not be read (" + ex.GetType().Name + ": " + ex.Message + ").") });
        }
    }

    private static BaselineReadResult ReadCore(string path, string text)
    {
        var reader = new JsonFileReader(path, "baseline");
        var root = reader.ParseRoot(text);
        if (root is null)
        {
            return new BaselineReadResult(null, reader.Issues);
        }

        reader.CheckKnownProperties(root, s_rootProperties, "a baseline");
        if (root.TryGetProperty("schemaVersion", out var schemaVersion))
        {
            if (!schemaVersion.TryGetInt64(out var version) || version != ProjectBaseline.CurrentSchemaVersion)
            {
                reader.Report(schemaVersion, "'schemaVersion' must be " + ProjectBaseline.CurrentSchemaVersion + ". Regenerate the baseline with 'dotnet build -p:GovernanceUpdateBaseline=true'.");
            }
        }
        else
        {
            reader.Report(root.Start, 1, "Missing required property 'schemaVersion' in a baseline.");
        }

        var project = reader.ReadString(root, "project", required: true, "a baseline") ?? string.Empty;
        var targets = new Dictionary<string, BaselineTarget>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("targets", out var targetsValue) || targetsValue.Kind != JsonKind.Object)
        {
            reader.Report(targetsValue ?? root, "'targets' must be an object keyed by target framework, such as { \"net8.0\": { ... } }.");
        }
        else
        {
            foreach (var property in targetsValue.Properties)
            {
                var target = ReadTarget(reader, property.Value);
                if (target is not null)
                {
                    targets[property.Name] = target;
                }
            }
        }

        return reader.HasIssues
            ? new BaselineReadResult(null, reader.Issues)
            : new BaselineReadResult(new ProjectBaseline(project, targets), reader.Issues);
    }

    private static BaselineTarget? ReadTarget(JsonFileReader reader, JsonValue value)
    {
        if (value.Kind != JsonKind.Object)
        {
            reader.Report(value, "Each target framework entry must be an object, not " + JsonFileReader.Article(value.KindName) + ".");
            return null;
        }

        reader.CheckKnownProperties(value, s_targetProperties, "a baseline target");
        var granularity = reader.ReadString(value, "moduleGranularity", required: false, "a baseline target") ?? "Type";
        var modules = reader.ReadArray(value, "modules", item => reader.ExpectString(item, "modules")) ?? new List<string>();
        var packages = reader.ReadArray(value, "packages", item => ReadPackage(reader, item)) ?? new List<PackageVersionRecord>();
        var transitive = reader.ReadArray(value, "transitivePackages", item => ReadPackage(reader, item)) ?? new List<PackageVersionRecord>();
        var projectReferences = reader.ReadArray(value, "projectReferences", item => reader.ExpectString(item, "projectReferences")) ?? new List<string>();
        var assemblyReferences = reader.ReadArray(value, "assemblyReferences", item => reader.ExpectString(item, "assemblyReferences")) ?? new List<string>();
        var frameworkReferences = reader.ReadArray(value, "frameworkReferences", item => reader.ExpectString(item, "frameworkReferences")) ?? new List<string>();
        return new BaselineTarget(granularity, modules, packages, transitive, projectReferences, assemblyReferences, frameworkReferences);
    }

    private static PackageVersionRecord? ReadPackage(JsonFileReader reader, JsonValue item)
    {
        if (item.Kind != JsonKind.Object)
        {
            reader.Report(item, "Package entries must be objects such as { \"id\": \"Polly.Core\", \"version\": \"8.4.0\" }.");
            return null;
        }

        reader.CheckKnownProperties(item, s_packageProperties, "a package entry");
        var id = reader.ReadString(item, "id", required: true, "a package entry");
        var version = reader.ReadString(item, "version", required: true, "a package entry");
        return id is null || version is null ? null : new PackageVersionRecord(id, version);
    }

    public static string Write(ProjectBaseline baseline)
    {
        var targets = baseline.Targets.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase)
            .Select(t => new KeyValuePair<string, JsonValue>(t.Key, WriteTarget(t.Value)));
        var root = JsonValue.Object(new[]
        {
            Pair("$schema", JsonValue.String(SchemaUri)),
            Pair("schemaVersion", JsonValue.Number(ProjectBaseline.CurrentSchemaVersion)),
            Pair("project", JsonValue.String(baseline.Project)),
            Pair("targets", JsonValue.Object(targets)),
        });
        return JsonWriter.Serialize(root, indented: true) + "\n";
    }

    private static JsonValue WriteTarget(BaselineTarget target)
    {
        var members = new List<KeyValuePair<string, JsonValue>>
        {
            Pair("moduleGranularity", JsonValue.String(target.ModuleGranularity)),
            Pair("modules", Strings(target.Modules)),
            Pair("packages", Packages(target.Packages)),
            Pair("transitivePackages", Packages(target.TransitivePackages)),
            Pair("projectReferences", Strings(target.ProjectReferences)),
            Pair("assemblyReferences", Strings(target.AssemblyReferences)),
        };

        // Only when there are any, so baselines of projects without shared frameworks keep their bytes.
        if (target.FrameworkReferences.Count > 0)
        {
            members.Add(Pair("frameworkReferences", Strings(target.FrameworkReferences)));
        }

        return JsonValue.Object(members);
    }

    private static JsonValue Strings(IEnumerable<string> values) => JsonValue.Array(values.Select(JsonValue.String));

    private static JsonValue Packages(IEnumerable<PackageVersionRecord> packages) =>
        JsonValue.Array(packages.Select(p => JsonValue.Object(new[] { Pair("id", JsonValue.String(p.Id)), Pair("version", JsonValue.String(p.Version)) })));

    private static KeyValuePair<string, JsonValue> Pair(string key, JsonValue value) => new(key, value);
}
