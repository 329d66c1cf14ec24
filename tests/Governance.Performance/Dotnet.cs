using System.Diagnostics;

namespace Governance.Performance;

internal sealed record RunResult(int ExitCode, double Seconds, double PeakMegabytes, string Output);

/// <summary>Runs <c>dotnet</c> and measures it: wall time, and the peak of the summed resident memory of the whole
/// process tree (MSBuild nodes and compiler processes), sampled from /proc every 50 ms.</summary>
internal static class Dotnet
{
    public static string NuGetCache { get; set; } = string.Empty;

    public static RunResult Run(string workingDirectory, string arguments, bool check = true)
    {
        var info = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["NUGET_PACKAGES"] = NuGetCache;
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBuildSDKsPath");

        var output = new System.Text.StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        while (!process.WaitForExit(50))
        {
            peak = Math.Max(peak, TreeResidentBytes(process.Id));
        }

        process.WaitForExit();
        watch.Stop();
        var result = new RunResult(process.ExitCode, watch.Elapsed.TotalSeconds, peak / 1024.0 / 1024.0, output.ToString());
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments} failed in {workingDirectory}:\n{Tail(result.Output, 60)}");
        }

        return result;
    }

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));

    /// <summary>Sum of VmRSS over <paramref name="root"/> and its descendants (0 where /proc is not available).</summary>
    private static long TreeResidentBytes(int root)
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        var parents = new Dictionary<int, int>();
        var resident = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
                {
                    if (line.StartsWith("PPid:", StringComparison.Ordinal))
                    {
                        parents[pid] = int.Parse(line.AsSpan(5).Trim());
                    }
                    else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        resident[pid] = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim()) * 1024;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked.
            }
        }

        long total = 0;
        foreach (var (pid, bytes) in resident)
        {
            for (var p = pid; ; )
            {
                if (p == root)
                {
                    total += bytes;
                    break;
                }

                if (!parents.TryGetValue(p, out var parent) || parent <= 1 || parent == p)
                {
                    break;
                }

                p = parent;
            }
        }

        return total;
    }
}
