using System;
using System.Collections.Generic;
using System.Globalization;
using Governance.Core.Json;

namespace Governance.Core.Files;

/// <summary>
/// Shared strict reading of governance JSON files: every wrong type, unknown property or bad value becomes a located
/// <see cref="GovernanceFileIssue"/> that says what to write instead. Unknown properties are errors on purpose: a
/// misspelt "expiresat" would otherwise silently make a plan never expire.
/// </summary>
internal sealed class JsonFileReader
{
    public const int MaxFileChars = 16 * 1024 * 1024;
    public const int MaxListEntries = 50_000;

    private static readonly JsonParseOptions s_parseOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    private readonly string _path;
    private readonly string _kind;

    public JsonFileReader(string path, string kind)
    {
        _path = path;
        _kind = kind;
    }

    public List<GovernanceFileIssue> Issues { get; } = new();

    public bool HasIssues => Issues.Count > 0;

    public JsonValue? ParseRoot(string text)
    {
        if (text.Length > MaxFileChars)
        {
            Report(0, 0, "The " + _kind + " is " + text.Length.ToString(CultureInfo.InvariantCulture) + " characters long; governance files are limited to "
                + MaxFileChars.ToString(CultureInfo.InvariantCulture) + ". Split the plan or narrow its patterns.");
            return null;
        }

        var result = JsonParser.Parse(text, s_parseOptions);
        if (!result.Success)
        {
            Report(result.Error!.Offset, result.Error.Length, "The " + _kind + " is not valid JSON: " + result.Error.Message);
            return null;
        }

        if (result.Root!.Kind != JsonKind.Object)
        {
            Report(result.Root, "The " + _kind + " must be a JSON object ({ ... }), not " + Article(result.Root.KindName) + ".");
            return null;
        }

        return result.Root;
    }

    public void Report(int offset, int length, string message) => Issues.Add(new GovernanceFileIssue(_path, offset, length, message));

    public void Report(JsonValue value, string message) => Report(value.Start, value.Length, message);

    public void Report(JsonProperty property, string message) => Report(property.NameStart, property.NameLength, message);

    public void CheckKnownProperties(JsonValue obj, ICollection<string> known, string where)
    {
        foreach (var property in obj.Properties)
        {
            if (!known.Contains(property.Name))
            {
                Report(property, "Unknown property '" + property.Name + "' in " + where + ". Known properties: " + string.Join(", ", known) + ".");
            }
        }
    }

    public string? ReadString(JsonValue obj, string name, bool required, string where)
    {
        if (!obj.TryGetProperty(name, out var value) || value.Kind == JsonKind.Null)
        {
            if (required)
            {
                Report(obj.Start, 1, "Missing required property '" + name + "' in " + where + ".");
            }

            return null;
        }

        if (value.Kind != JsonKind.String)
        {
            Report(value, "'" + name + "' must be a string, not " + Article(value.KindName) + ".");
            return null;
        }

        if (required && value.StringValue!.Trim().Length == 0)
        {
            Report(value, "'" + name + "' must not be empty.");
            return null;
        }

        return value.StringValue;
    }

    public DateTimeOffset? ReadTimestamp(JsonValue obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.Kind == JsonKind.Null)
        {
            return null;
        }

        if (value.Kind != JsonKind.String)
        {
            Report(value, "'" + name + "' must be a date-time string such as \"2026-11-20T10:00:00Z\", not " + Article(value.KindName) + ".");
            return null;
        }

        var parsed = Timestamps.TryParse(value.StringValue!, out var error);
        if (parsed is null)
        {
            Report(value, "'" + name + "': " + error);
        }

        return parsed;
    }

    /// <summary>Reads an array property; null when absent. Each element is handed to <paramref name="readItem"/>.</summary>
    public List<T>? ReadArray<T>(JsonValue obj, string name, Func<JsonValue, T?> readItem)
        where T : class
    {
        if (!obj.TryGetProperty(name, out var value) || value.Kind == JsonKind.Null)
        {
            return null;
        }

        if (value.Kind != JsonKind.Array)
        {
            Report(value, "'" + name + "' must be an array ([ ... ]), not " + Article(value.KindName) + ".");
            return null;
        }

        if (value.Items.Count > MaxListEntries)
        {
            Report(value.Start, 1, "'" + name + "' has " + value.Items.Count.ToString(CultureInfo.InvariantCulture) + " entries; the limit is "
                + MaxListEntries.ToString(CultureInfo.InvariantCulture) + ". Use wildcard patterns (\"Contoso.Payments.**\") instead of listing every name.");
            return null;
        }

        var list = new List<T>(value.Items.Count);
        foreach (var item in value.Items)
        {
            var read = readItem(item);
            if (read is not null)
            {
                list.Add(read);
            }
        }

        return list;
    }

    public string? ExpectString(JsonValue item, string listName)
    {
        if (item.Kind != JsonKind.String)
        {
            Report(item, "Entries of '" + listName + "' must be strings, not " + Article(item.KindName) + ".");
            return null;
        }

        return item.StringValue;
    }

    /// <summary>Reports the second and later occurrences of the same key in a list.</summary>
    public void CheckDuplicates<T>(IEnumerable<Plans.PlanEntry<T>> entries, Func<T, string> key, string listName, StringComparer comparer)
    {
        var seen = new HashSet<string>(comparer);
        foreach (var entry in entries)
        {
            if (!seen.Add(key(entry.Value)))
            {
                Report(entry.Offset, entry.Length, "'" + key(entry.Value) + "' is listed twice in '" + listName + "'. Remove the duplicate.");
            }
        }
    }

    public static string Article(string kindName) =>
        kindName switch
        {
            "object" => "an object",
            "array" => "an array",
            "null" => "null",
            _ => "a " + kindName,
        };
}

public static class Timestamps
{
    private static readonly string[] s_formats =
    {
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    };

    /// <summary>Parses an ISO 8601 date-time that carries a time zone ('Z' or an offset). A time without a zone is
    /// rejected: whether a plan has expired must not depend on the machine's clock settings.</summary>
    public static DateTimeOffset? TryParse(string text, out string? error)
    {
        error = null;
        var t = text.Trim();
        var hasZone = t.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || HasOffset(t);
        if (!DateTimeOffset.TryParseExact(t, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            error = "'" + text + "' is not an ISO 8601 date-time. Write it in UTC, such as \"2026-11-20T10:00:00Z\".";
            return null;
        }

        if (!hasZone)
        {
            error = "'" + text + "' has no time zone. Write it in UTC with a 'Z', such as \"" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\".";
            return null;
        }

        return value.ToUniversalTime();
    }

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool HasOffset(string t)
    {
        var tIndex = t.IndexOf('T');
        if (tIndex < 0)
        {
            return false;
        }

        var time = t.Substring(tIndex + 1);
        return time.IndexOf('+') >= 0 || time.IndexOf('-') >= 0;
    }
}
