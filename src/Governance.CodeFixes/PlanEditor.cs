using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Core.Json;
using Governance.Core.Plans;

namespace Governance.CodeFixes;

/// <summary>
/// Edits a plan's text in place, keeping its formatting and newline style: inserts module names into "modules" in
/// sorted order (creating the array if needed) and removes the approval (approvedBy, approvedAt, signature), because a
/// changed scope needs a new approval. Pure text in, text out; returns null when the text is not an editable plan.
/// </summary>
public static class PlanEditor
{
    public static string? AddModules(string text, IEnumerable<string> modules)
    {
        var current = text;
        foreach (var module in modules.Distinct(StringComparer.Ordinal).OrderBy(m => m, StringComparer.Ordinal))
        {
            current = AddModule(current, module);
            if (current is null)
            {
                return null;
            }
        }

        return ClearApproval(current);
    }

    private static string? AddModule(string text, string module)
    {
        var root = Parse(text);
        if (root is null)
        {
            return null;
        }

        var literal = Quote(module);
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        if (!root.TryGetProperty("modules", out var modules))
        {
            var last = root.Properties[root.Properties.Count - 1];
            var lead = LeadingWhitespace(text, last.NameStart);
            var insertAt = last.Value.Start + last.Value.Length;
            var separator = lead.Contains("\n") ? "," + lead : ", ";
            return text.Insert(insertAt, separator + "\"modules\": [" + literal + "]");
        }

        if (modules.Kind != JsonKind.Array)
        {
            return null;
        }

        var items = modules.Items;
        if (items.Any(i => i.Kind == JsonKind.String && i.StringValue == module))
        {
            return text;
        }

        if (items.Count == 0)
        {
            return text.Remove(modules.Start, modules.Length).Insert(modules.Start, "[" + literal + "]");
        }

        var index = 0;
        while (index < items.Count && string.CompareOrdinal(items[index].StringValue ?? string.Empty, module) < 0)
        {
            index++;
        }

        string itemSeparator;
        if (items.Count >= 2)
        {
            itemSeparator = text.Substring(items[0].Start + items[0].Length, items[1].Start - items[0].Start - items[0].Length);
        }
        else
        {
            var beforeFirst = text.Substring(modules.Start + 1, items[0].Start - modules.Start - 1);
            itemSeparator = beforeFirst.Contains("\n") ? "," + newline + beforeFirst.Substring(beforeFirst.LastIndexOf('\n') + 1) : ", ";
        }

        return index < items.Count
            ? text.Insert(items[index].Start, literal + itemSeparator)
            : text.Insert(items[items.Count - 1].Start + items[items.Count - 1].Length, itemSeparator + literal);
    }

    /// <summary>Removes approvedBy, approvedAt and signature, wherever they stand.</summary>
    public static string ClearApproval(string text)
    {
        var current = text;
        foreach (var name in PlanReader.ApprovalProperties)
        {
            var root = Parse(current);
            if (root is null)
            {
                return current;
            }

            var properties = root.Properties;
            var index = -1;
            for (var i = 0; i < properties.Count; i++)
            {
                if (properties[i].Name == name)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                continue;
            }

            var property = properties[index];
            int start, end;
            if (index < properties.Count - 1)
            {
                start = property.NameStart;
                end = properties[index + 1].NameStart;
            }
            else if (index > 0)
            {
                start = properties[index - 1].Value.Start + properties[index - 1].Value.Length;
                end = property.Value.Start + property.Value.Length;
            }
            else
            {
                start = property.NameStart;
                end = property.Value.Start + property.Value.Length;
            }

            current = current.Remove(start, end - start);
        }

        return current;
    }

    /// <summary>A new proposal (no approval) for the given modules and project.</summary>
    public static string NewProposal(string dispatchId, string project, IEnumerable<string> modules)
    {
        var list = modules.Distinct(StringComparer.Ordinal).OrderBy(m => m, StringComparer.Ordinal).Select(JsonValue.String);
        var plan = JsonValue.Object(new[]
        {
            new KeyValuePair<string, JsonValue>("$schema", JsonValue.String("https://raw.githubusercontent.com/governance-analyzers/Governance.Analyzers/main/src/Governance.Core/Schemas/plan.schema.json")),
            new KeyValuePair<string, JsonValue>("dispatchId", JsonValue.String(dispatchId)),
            new KeyValuePair<string, JsonValue>("task", JsonValue.String("Describe the task, then have the plan approved (approvedBy, approvedAt).")),
            new KeyValuePair<string, JsonValue>("projects", JsonValue.Array(new[] { JsonValue.String(project) })),
            new KeyValuePair<string, JsonValue>("modules", JsonValue.Array(list)),
        });
        return JsonWriter.Serialize(plan, indented: true) + "\n";
    }

    private static JsonValue? Parse(string text)
    {
        var result = JsonParser.Parse(text);
        return result.Success && result.Root!.Kind == JsonKind.Object && result.Root.Properties.Count > 0 ? result.Root : null;
    }

    private static string LeadingWhitespace(string text, int position)
    {
        var start = position;
        while (start > 0 && char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        return text.Substring(start, position - start);
    }

    private static string Quote(string value) => JsonWriter.Serialize(JsonValue.String(value));
}
