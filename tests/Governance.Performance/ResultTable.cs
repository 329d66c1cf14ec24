using System.Diagnostics;
using System.Text;

namespace Governance.Performance;

internal sealed record ResultRow(string Measure, string Shape, string Result, string Spread, string Target, bool? Met);

/// <summary>The one Markdown table the harness prints and writes, headed by the machine it ran on.</summary>
internal sealed class ResultTable
{
    private readonly List<ResultRow> _rows = new();

    /// <summary>Where the table is rewritten after every row, so an interrupted run keeps what it measured.</summary>
    public string? Path { get; init; }

    public int Runs { get; init; }

    public void Add(string measure, string shape, string result, string spread, string target = "—", bool? met = null)
    {
        _rows.Add(new ResultRow(measure, shape, result, spread, target, met));
        Console.WriteLine($"  {measure} [{shape}]: {result} ({spread}){(met is null ? string.Empty : met.Value ? " — target met" : " — TARGET MISSED")}");
        if (Path is not null)
        {
            File.WriteAllText(Path, ToMarkdown(Runs));
        }
    }

    public string ToMarkdown(int runs)
    {
        var text = new StringBuilder();
        text.Append("Measured ").Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'")).Append(" on ").Append(Machine()).Append(". ")
            .Append("Medians of ").Append(runs).Append(" runs per configuration (at most 2 for the 40-project shape); spread is min–max of the runs; ")
            .Append("ratios compare builds alternated in one session.\n\n");
        text.Append("| Measure | Shape | Result | Spread | Target | Met |\n|---|---|---|---|---|---|\n");
        foreach (var row in _rows)
        {
            text.Append("| ").Append(row.Measure).Append(" | ").Append(row.Shape).Append(" | ").Append(row.Result).Append(" | ").Append(row.Spread)
                .Append(" | ").Append(row.Target).Append(" | ").Append(row.Met is null ? "—" : row.Met.Value ? "yes" : "**no**").Append(" |\n");
        }

        return text.ToString();
    }

    private static string Machine()
    {
        var cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        var memory = string.Empty;
        if (File.Exists("/proc/meminfo"))
        {
            var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            memory = ", " + Math.Round(long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0 / 1024.0) + " GiB";
        }

        // Without the compiler server every compile is a fresh csc process that JIT-compiles every analyzer again.
        var server = string.Equals(Environment.GetEnvironmentVariable("UseSharedCompilation"), "false", StringComparison.OrdinalIgnoreCase)
            ? "compiler server off (UseSharedCompilation=false in the environment)"
            : "compiler server on";
        return $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {cpu}, {Environment.ProcessorCount} cores{memory}, .NET SDK {SdkVersion()}, {server}";
    }

    private static string SdkVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
