using System.Globalization;
using System.Text.RegularExpressions;

namespace Governance.Performance;

/// <summary>
/// What a detailed MSBuild file log (<c>-flp:verbosity=detailed;performancesummary</c>) says about one build:
/// the compiler's <c>-p:ReportAnalyzer=true</c> tables (seconds per analyzer or generator assembly and per analyzer or
/// generator type, summed over the projects of the build) and the task performance summary (milliseconds per task).
/// </summary>
internal sealed partial class BuildLog
{
    public Dictionary<string, double> AssemblySeconds { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, double> AnalyzerSeconds { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, double> TaskMilliseconds { get; } = new(StringComparer.Ordinal);

    public static BuildLog Parse(string path)
    {
        var log = new BuildLog();
        var inAnalyzerTable = false;
        var inTaskSummary = false;
        foreach (var raw in File.ReadLines(path))
        {
            // Multi-node logs prefix lines with the node and project ("  3:7>"); the tables are the same after it.
            var line = NodePrefix().Replace(raw, string.Empty, 1).TrimEnd();
            if (line.TrimStart().StartsWith("Time (s)", StringComparison.Ordinal))
            {
                // Generators run inside the compile too (the package's build-facts generator among them): their table
                // adds to the same assembly's seconds.
                inAnalyzerTable = line.EndsWith("Analyzer", StringComparison.Ordinal) || line.EndsWith("Generator", StringComparison.Ordinal);
                continue;
            }

            if (line.TrimStart().StartsWith("Task Performance Summary:", StringComparison.Ordinal))
            {
                inTaskSummary = true;
                continue;
            }

            if (inAnalyzerTable)
            {
                if (line.Trim().Length == 0)
                {
                    // Blank lines separate the analyzer assemblies inside one table.
                    continue;
                }

                var row = AnalyzerRow().Match(line);
                if (!row.Success)
                {
                    inAnalyzerTable = false;
                    continue;
                }

                var seconds = double.Parse(row.Groups["seconds"].Value, CultureInfo.InvariantCulture);
                var name = row.Groups["name"].Value.Trim();
                var versionAt = name.IndexOf(", Version=", StringComparison.Ordinal);
                var target = versionAt >= 0 ? log.AssemblySeconds : log.AnalyzerSeconds;
                var key = versionAt >= 0 ? name.Substring(0, versionAt) : name;
                target[key] = target.GetValueOrDefault(key) + seconds;
            }
            else if (inTaskSummary)
            {
                var row = TaskRow().Match(line);
                if (row.Success)
                {
                    var task = row.Groups["task"].Value;
                    log.TaskMilliseconds[task] = log.TaskMilliseconds.GetValueOrDefault(task) + double.Parse(row.Groups["ms"].Value, CultureInfo.InvariantCulture);
                }
                else if (line.Trim().Length > 0 && !line.Contains(" ms ", StringComparison.Ordinal))
                {
                    inTaskSummary = false;
                }
            }
        }

        return log;
    }

    public double AssemblySecondsMatching(string fragment) =>
        AssemblySeconds.Where(a => a.Key.Contains(fragment, StringComparison.Ordinal)).Sum(a => a.Value);

    public double Task(string name) => TaskMilliseconds.GetValueOrDefault(name);

    // "      0.451   57   Microsoft.CodeAnalysis.CSharp.NetAnalyzers, Version=..." or "  <0.001   <1      Ns.Type (ID1, ID2)"
    [GeneratedRegex(@"^\s+<?(?<seconds>\d+\.\d+)\s+(?<percent><?\d+)\s+(?<name>\S.*)$")]
    private static partial Regex AnalyzerRow();

    [GeneratedRegex(@"^\s*\d+(:\d+)?>")]
    private static partial Regex NodePrefix();

    // "     2735 ms  Csc                                        1 calls"
    [GeneratedRegex(@"^\s+(?<ms>\d+) ms\s+(?<task>\S+)\s+\d+ calls$")]
    private static partial Regex TaskRow();
}
