using System;
using System.Collections.Generic;
using System.IO;
using Governance.Core.Json;
using Governance.Core.Rules;

namespace Governance.Build;

/// <summary>
/// The module check's results as the compiler wrote them: the comment-only file that the package's build-facts
/// generator adds to every governed compilation (see Governance.Analyzers.BuildFactsGenerator). One line of it,
/// after <see cref="FactsLinePrefix"/>, is JSON: modulesChecked, inventory (baseline updates only), findings.
/// </summary>
internal sealed class ModuleCheckFacts
{
    public const string FactsLinePrefix = "// governance-build-facts: ";

    public int ModulesChecked { get; private set; }

    public List<string>? Inventory { get; private set; }

    /// <summary>GOV001–GOV005 and GOV100 findings, as CompilerResult for the receipt step's one code path.</summary>
    public List<CompilerResult> Findings { get; } = new();

    /// <summary>Reads the facts; throws <see cref="InvalidDataException"/> with the file's path when they are not
    /// usable (a check whose results cannot be read did not pass).</summary>
    public static ModuleCheckFacts Read(string path)
    {
        string? line = null;
        foreach (var candidate in File.ReadLines(path))
        {
            if (candidate.StartsWith(FactsLinePrefix, StringComparison.Ordinal))
            {
                line = candidate.Substring(FactsLinePrefix.Length);
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

        if (!(root["schemaVersion"] is { } version && version.TryGetInt64(out var v) && v == 1) || root["findings"]?.Kind != JsonKind.Array
            || !(root["modulesChecked"] is { } count && count.TryGetInt64(out var checkedCount)))
        {
            throw new InvalidDataException("The governance build facts " + path + " are not of schema version 1 (a package mismatch between the analyzers and the task?).");
        }

        var facts = new ModuleCheckFacts { ModulesChecked = (int)checkedCount };
        if (root["inventory"] is { Kind: JsonKind.Array } inventory)
        {
            facts.Inventory = new List<string>();
            foreach (var item in inventory.Items)
            {
                facts.Inventory.Add(item.StringValue ?? throw new InvalidDataException("The governance build facts " + path + " list a module that is not a string."));
            }
        }

        foreach (var item in root["findings"]!.Items)
        {
            var id = item["id"]?.StringValue;
            if (id is null || !id.StartsWith("GOV", StringComparison.Ordinal))
            {
                throw new InvalidDataException("The governance build facts " + path + " hold a finding without a GOV id.");
            }

            facts.Findings.Add(new CompilerResult
            {
                RuleId = id,
                Level = item["severity"]?.StringValue ?? (RuleCatalog.TryGet(id, out var rule) ? rule.Severity.ToString().ToLowerInvariant() : "error"),
                Message = item["message"]?.StringValue ?? string.Empty,
                File = item["file"]?.StringValue,
                Line = (int)(item["line"] is { } l && l.TryGetInt64(out var lv) ? lv : 0),
                Column = (int)(item["column"] is { } c && c.TryGetInt64(out var cv) ? cv : 0),
                Module = item["module"]?.StringValue,
            });
        }

        return facts;
    }
}
