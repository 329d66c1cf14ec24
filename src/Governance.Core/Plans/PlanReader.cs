using System;
using System.Collections.Generic;
using Governance.Core.Files;
using Governance.Core.Json;
using Governance.Core.Modules;
using Governance.Core.Versioning;

namespace Governance.Core.Plans;

public sealed class PlanReadResult
{
    public PlanReadResult(DispatchPlan? plan, IReadOnlyList<GovernanceFileIssue> issues)
    {
        Plan = plan;
        Issues = issues;
    }

    /// <summary>Null whenever <see cref="Issues"/> is not empty: a file with any error approves nothing.</summary>
    public DispatchPlan? Plan { get; }

    public IReadOnlyList<GovernanceFileIssue> Issues { get; }
}

/// <summary>Reads and validates one plan file. Pure: text in, plan or located issues out. Safe for any input.</summary>
public static class PlanReader
{
    public static readonly string[] KnownProperties =
    {
        "$schema", "dispatchId", "task", "agent", "notes", "approvedBy", "approvedAt", "expiresAt", "projects", "modules",
        "packages", "projectReferences", "assemblyReferences", "frameworkReferences", "suppressions", "signature",
    };

    /// <summary>Fields that record the approval rather than the scope; they are excluded from the signed content.</summary>
    public static readonly string[] ApprovalProperties = { "approvedBy", "approvedAt", "signature" };

    /// <summary>A list of simple names (assemblies, shared frameworks): trimmed, none empty or holding
    /// <paramref name="forbidden"/> characters, no duplicates (case-insensitive).</summary>
    private static List<PlanEntry<string>>? ReadNames(JsonFileReader reader, JsonValue root, string property, char[] forbidden, string notAName)
    {
        var names = reader.ReadArray(root, property, item =>
        {
            var name = reader.ExpectString(item, property);
            if (name is null)
            {
                return null;
            }

            if (name.Trim().Length == 0 || name.IndexOfAny(forbidden) >= 0)
            {
                reader.Report(item, "'" + name + "' " + notAName);
                return null;
            }

            return new PlanEntry<string>(name.Trim(), item.Start, item.Length);
        });
        if (names is not null)
        {
            reader.CheckDuplicates(names, a => a, property, StringComparer.OrdinalIgnoreCase);
        }

        return names;
    }

    private static readonly string[] s_packageProperties = { "id", "version" };
    private static readonly string[] s_suppressionProperties = { "id", "target", "reason" };

    /// <param name="validateVersionRange">Returns null when the range is valid, else a message. Defaults to the
    /// analyzer-safe <see cref="VersionRangeSyntax"/>; the MSBuild task passes NuGet.Versioning.</param>
    public static PlanReadResult Read(string path, string text, Func<string, string?>? validateVersionRange = null)
    {
        try
        {
            return ReadCore(path, text, validateVersionRange ?? DefaultRangeValidator);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A reader bug must never approve anything nor crash the compiler (AD0001).
            return new PlanReadResult(null, new[] { new GovernanceFileIssue(path, 0, 0, "The plan could not be read (" + ex.GetType().Name + ": " + ex.Message + ").") });
        }
    }

    public static string? DefaultRangeValidator(string range) => VersionRangeSyntax.IsValid(range, out var error) ? null : error;

    private static PlanReadResult ReadCore(string path, string text, Func<string, string?> validateRange)
    {
        var reader = new JsonFileReader(path, "plan");
        var root = reader.ParseRoot(text);
        if (root is null)
        {
            return new PlanReadResult(null, reader.Issues);
        }

        reader.CheckKnownProperties(root, KnownProperties, "a plan");
        var plan = new DispatchPlan(path, root);

        var dispatchId = reader.ReadString(root, "dispatchId", required: true, "a plan");
        if (dispatchId is not null)
        {
            var idValue = root["dispatchId"]!;
            plan.DispatchIdOffset = idValue.Start;
            if (!IsValidDispatchId(dispatchId))
            {
                reader.Report(idValue, "'dispatchId' may contain only letters, digits, '.', '_' and '-' (at most 128), such as \"d-2471\".");
            }

            plan.DispatchId = dispatchId;
        }

        plan.Task = reader.ReadString(root, "task", required: false, "a plan");
        plan.Agent = reader.ReadString(root, "agent", required: false, "a plan");
        reader.ReadString(root, "notes", required: false, "a plan");
        reader.ReadString(root, "$schema", required: false, "a plan");
        plan.ApprovedBy = reader.ReadString(root, "approvedBy", required: false, "a plan");
        plan.ApprovedAt = reader.ReadTimestamp(root, "approvedAt");
        plan.ExpiresAt = reader.ReadTimestamp(root, "expiresAt");
        plan.Signature = reader.ReadString(root, "signature", required: false, "a plan");

        plan.Projects = reader.ReadArray(root, "projects", item => ReadPath(reader, item, "projects"));

        var modules = reader.ReadArray(root, "modules", item =>
        {
            var text = reader.ExpectString(item, "modules");
            if (text is null)
            {
                return null;
            }

            var pattern = ModulePattern.TryParse(text, out var error);
            if (pattern is null)
            {
                reader.Report(item, error!);
                return null;
            }

            return new PlanEntry<ModulePattern>(pattern, item.Start, item.Length);
        });
        if (modules is not null)
        {
            reader.CheckDuplicates(modules, m => m.Text, "modules", StringComparer.Ordinal);
            plan.Modules = modules;
            var patterns = new List<ModulePattern>(modules.Count);
            foreach (var entry in modules)
            {
                patterns.Add(entry.Value);
            }

            plan.ModuleMatcher = new ModuleMatcher(patterns);
        }

        var packages = reader.ReadArray(root, "packages", item => ReadPackage(reader, item, validateRange));
        if (packages is not null)
        {
            reader.CheckDuplicates(packages, p => p.Id, "packages", StringComparer.OrdinalIgnoreCase);
            plan.Packages = packages;
        }

        var projectReferences = reader.ReadArray(root, "projectReferences", item =>
        {
            var normalized = ReadPath(reader, item, "projectReferences");
            return normalized is null ? null : new PlanEntry<string>(normalized, item.Start, item.Length);
        });
        if (projectReferences is not null)
        {
            reader.CheckDuplicates(projectReferences, p => p, "projectReferences", GovernancePaths.Comparer);
            plan.ProjectReferences = projectReferences;
        }

        plan.AssemblyReferences = ReadNames(reader, root, "assemblyReferences", new[] { '/', '\\', ',' },
            "is not an assembly name. Write the simple name, such as \"Legacy.Interop\".") ?? plan.AssemblyReferences;
        plan.FrameworkReferences = ReadNames(reader, root, "frameworkReferences", new[] { '/', '\\', ',', ' ' },
            "is not a shared framework name. Write the FrameworkReference name, such as \"Microsoft.AspNetCore.App\".") ?? plan.FrameworkReferences;

        var suppressions = reader.ReadArray(root, "suppressions", item => ReadSuppression(reader, item));
        if (suppressions is not null)
        {
            plan.Suppressions = suppressions;
        }

        return reader.HasIssues ? new PlanReadResult(null, reader.Issues) : new PlanReadResult(plan, reader.Issues);
    }

    private static string? ReadPath(JsonFileReader reader, JsonValue item, string listName)
    {
        var text = reader.ExpectString(item, listName);
        if (text is null)
        {
            return null;
        }

        var normalized = GovernancePaths.NormalizeRelative(text, out var error);
        if (normalized is null)
        {
            reader.Report(item, error!);
        }

        return normalized;
    }

    private static PlanEntry<PackageApproval>? ReadPackage(JsonFileReader reader, JsonValue item, Func<string, string?> validateRange)
    {
        if (item.Kind != JsonKind.Object)
        {
            reader.Report(item, "Entries of 'packages' must be objects such as { \"id\": \"Polly.Core\", \"version\": \"[8.4.0,9.0.0)\" }, not " + JsonFileReader.Article(item.KindName) + ".");
            return null;
        }

        reader.CheckKnownProperties(item, s_packageProperties, "a package entry");
        var id = reader.ReadString(item, "id", required: true, "a package entry");
        var version = reader.ReadString(item, "version", required: false, "a package entry");
        if (id is null)
        {
            return null;
        }

        if (!IsValidPackageId(id))
        {
            reader.Report(item["id"]!, "'" + id + "' is not a NuGet package id (letters, digits, '.', '_', '-').");
            return null;
        }

        if (version is not null)
        {
            var error = validateRange(version);
            if (error is not null)
            {
                reader.Report(item["version"]!, error);
                return null;
            }
        }

        return new PlanEntry<PackageApproval>(new PackageApproval(id.Trim(), version?.Trim()), item.Start, item.Length);
    }

    private static PlanEntry<SuppressionApproval>? ReadSuppression(JsonFileReader reader, JsonValue item)
    {
        if (item.Kind != JsonKind.Object)
        {
            reader.Report(item, "Entries of 'suppressions' must be objects such as { \"id\": \"GOV100\", \"target\": \"Contoso.Legacy.Shim\", \"reason\": \"...\" }.");
            return null;
        }

        reader.CheckKnownProperties(item, s_suppressionProperties, "a suppression entry");
        var id = reader.ReadString(item, "id", required: true, "a suppression entry");
        var target = reader.ReadString(item, "target", required: true, "a suppression entry");
        var reason = reader.ReadString(item, "reason", required: true, "a suppression entry");
        if (id is null || target is null || reason is null)
        {
            return null;
        }

        if (!Rules.RuleCatalog.TryGet(id, out _))
        {
            reader.Report(item["id"]!, "'" + id + "' is not a governance rule id (GOV001 ... GOV303).");
            return null;
        }

        return new PlanEntry<SuppressionApproval>(new SuppressionApproval(id, target, reason), item.Start, item.Length);
    }

    internal static bool IsValidDispatchId(string id)
    {
        if (id.Length == 0 || id.Length > 128)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsLetterOrDigit(c) && c < 128 || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsValidPackageId(string id)
    {
        id = id.Trim();
        if (id.Length == 0 || id.Length > 100)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsLetterOrDigit(c) && c < 128 || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
