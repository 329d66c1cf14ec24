using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Governance.Core.Files;
using Governance.Core.Json;
using Governance.Core.Receipts;

namespace Governance.Core.Findings;

public sealed class CompilerResult
{
    public string RuleId { get; set; } = string.Empty;
    public string Level { get; set; } = string.Empty;
    public string Message { get; set; } = string.Empty;
    public string? File { get; set; }
    public int Line { get; set; }
    public int Column { get; set; }

    /// <summary>"Pragma Directive", "SuppressMessageAttribute", ... when suppressed in source; else null.</summary>
    public string? Suppression { get; set; }

    public string? Module { get; set; }
}

/// <summary>The GOV results of the compiler's SARIF 2.1 error log (ErrorLog=path,version=2.1). The compiler writes
/// suppressed diagnostics there too, with a "suppressions" entry, which the command line never shows.</summary>
public sealed class CompilerLog
{
    public List<CompilerResult> Results { get; } = new();

    /// <summary>Rule ids whose effective severity was configured (editorconfig, globalconfig, /nowarn), with the level.</summary>
    public Dictionary<string, string> ConfiguredLevels { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static CompilerLog Read(string path) => Parse(path, File.ReadAllText(path));

    /// <summary>
    /// Reads the log, or replays what an earlier build extracted from the very same bytes. A no-op build does not run
    /// the compiler, but the receipt must still judge its results: the log (hundreds of KB, mostly rule metadata of
    /// every analyzer) is hashed, and when the summary in <paramref name="summaryPath"/> was made from a log with that
    /// SHA-256 it is used instead of parsing the log again. A missing, unreadable or stale summary is rebuilt; it is
    /// only ever a copy of facts in the log, so a failure to write it costs time, never a result.
    /// </summary>
    public static CompilerLog ReadWithSummary(string path, string summaryPath)
    {
        var bytes = File.ReadAllBytes(path);
        var sha256 = ReceiptChain.Sha256Hex(bytes);
        if (TryReadSummary(summaryPath, sha256) is { } replayed)
        {
            return replayed;
        }

        string text;
        using (var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd(); // as File.ReadAllText would
        }

        var log = Parse(path, text);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(summaryPath))!);
            AtomicFile.WriteAllText(summaryPath, log.ToSummary(sha256));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next build parses the log again.
        }

        return log;
    }

    private static CompilerLog? TryReadSummary(string summaryPath, string sha256)
    {
        string text;
        try
        {
            if (!File.Exists(summaryPath))
            {
                return null;
            }

            text = File.ReadAllText(summaryPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var parsed = JsonParser.Parse(text);
        if (!parsed.Success || parsed.Root!.Kind != JsonKind.Object || parsed.Root["logSha256"]?.StringValue != sha256
            || parsed.Root["results"]?.Kind != JsonKind.Array || parsed.Root["configuredLevels"]?.Kind != JsonKind.Object)
        {
            return null;
        }

        var log = new CompilerLog();
        foreach (var level in parsed.Root["configuredLevels"]!.Properties)
        {
            if (level.Value.StringValue is not { } value)
            {
                return null;
            }

            log.ConfiguredLevels[level.Name] = value;
        }

        foreach (var item in parsed.Root["results"]!.Items)
        {
            if (item["ruleId"]?.StringValue is not { } ruleId)
            {
                return null;
            }

            log.Results.Add(new CompilerResult
            {
                RuleId = ruleId,
                Level = item["level"]?.StringValue ?? string.Empty,
                Message = item["message"]?.StringValue ?? string.Empty,
                File = item["file"]?.StringValue,
                Line = (int)(item["line"] is { } l && l.TryGetInt64(out var lv) ? lv : 0),
                Column = (int)(item["column"] is { } c && c.TryGetInt64(out var cv) ? cv : 0),
                Suppression = item["suppression"]?.StringValue,
                Module = item["module"]?.StringValue,
            });
        }

        return log;
    }

    private string ToSummary(string sha256)
    {
        static JsonValue OrNull(string? value) => value is null ? JsonValue.Null : JsonValue.String(value);
        var results = Results.Select(r => JsonValue.Object(new[]
        {
            new KeyValuePair<string, JsonValue>("ruleId", JsonValue.String(r.RuleId)),
            new KeyValuePair<string, JsonValue>("level", JsonValue.String(r.Level)),
            new KeyValuePair<string, JsonValue>("message", JsonValue.String(r.Message)),
            new KeyValuePair<string, JsonValue>("file", OrNull(r.File)),
            new KeyValuePair<string, JsonValue>("line", JsonValue.Number(r.Line)),
            new KeyValuePair<string, JsonValue>("column", JsonValue.Number(r.Column)),
            new KeyValuePair<string, JsonValue>("suppression", OrNull(r.Suppression)),
            new KeyValuePair<string, JsonValue>("module", OrNull(r.Module)),
        }));
        return JsonWriter.Serialize(JsonValue.Object(new[]
        {
            new KeyValuePair<string, JsonValue>("logSha256", JsonValue.String(sha256)),
            new KeyValuePair<string, JsonValue>("configuredLevels", JsonValue.Object(ConfiguredLevels.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new KeyValuePair<string, JsonValue>(p.Key, JsonValue.String(p.Value))))),
            new KeyValuePair<string, JsonValue>("results", JsonValue.Array(results)),
        }));
    }

    private static CompilerLog Parse(string path, string text)
    {
        var parsed = JsonParser.Parse(text, new JsonParseOptions { MaxDepth = 64, AllowDuplicateProperties = true });
        if (!parsed.Success)
        {
            throw new InvalidDataException("The compiler log " + path + " is not valid JSON: " + parsed.Error!.Message);
        }

        var runs = parsed.Root!["runs"];
        if (runs is null || runs.Kind != JsonKind.Array)
        {
            throw new InvalidDataException("The compiler log " + path + " is not SARIF 2.1 (no 'runs'). Set ErrorLog to '<path>,version=2.1'.");
        }

        var log = new CompilerLog();
        foreach (var run in runs.Items)
        {
            foreach (var invocation in run["invocations"]?.Items ?? Array.Empty<JsonValue>())
            {
                foreach (var over in invocation["ruleConfigurationOverrides"]?.Items ?? Array.Empty<JsonValue>())
                {
                    var id = over["descriptor"]?["id"]?.StringValue;
                    var level = over["configuration"]?["level"]?.StringValue ?? (over["configuration"]?["enabled"]?.Kind == JsonKind.False ? "none" : null);
                    if (id is not null && level is not null)
                    {
                        log.ConfiguredLevels[id] = level;
                    }
                }
            }

            foreach (var result in run["results"]?.Items ?? Array.Empty<JsonValue>())
            {
                var ruleId = result["ruleId"]?.StringValue;
                if (ruleId is null || !ruleId.StartsWith("GOV", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var entry = new CompilerResult
                {
                    RuleId = ruleId,
                    Level = result["level"]?.StringValue ?? "warning",
                    Message = result["message"]?["text"]?.StringValue ?? string.Empty,
                };
                var location = result["locations"]?.Items is { Count: > 0 } locations ? locations[0]["physicalLocation"] : null;
                if (location is not null)
                {
                    entry.File = ToLocalPath(location["artifactLocation"]?["uri"]?.StringValue);
                    entry.Line = (int)(location["region"]?["startLine"] is { } l && l.TryGetInt64(out var lv) ? lv : 0);
                    entry.Column = (int)(location["region"]?["startColumn"] is { } c && c.TryGetInt64(out var cv) ? cv : 0);
                }

                if (result["suppressions"]?.Items is { Count: > 0 } suppressions)
                {
                    entry.Suppression = suppressions[0]["properties"]?["suppressionType"]?.StringValue ?? suppressions[0]["kind"]?.StringValue ?? "inSource";
                }

                entry.Module = result["properties"]?["customProperties"]?["Module"]?.StringValue ?? FirstQuoted(entry.Message);
                log.Results.Add(entry);
            }
        }

        return log;
    }

    private static string? ToLocalPath(string? uri)
    {
        if (uri is null)
        {
            return null;
        }

        return Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;
    }

    private static string? FirstQuoted(string message)
    {
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message.Substring(start + 1, end - start - 1) : null;
    }
}
