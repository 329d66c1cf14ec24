using System;
using System.Collections.Generic;
using System.IO;
using Governance.Core.Json;

namespace Governance.Build;

internal sealed class CompilerResult
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
internal sealed class CompilerLog
{
    public List<CompilerResult> Results { get; } = new();

    /// <summary>Rule ids whose effective severity was configured (editorconfig, globalconfig, /nowarn), with the level.</summary>
    public Dictionary<string, string> ConfiguredLevels { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static CompilerLog Read(string path)
    {
        var parsed = JsonParser.Parse(File.ReadAllText(path), new JsonParseOptions { MaxDepth = 64, AllowDuplicateProperties = true });
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
