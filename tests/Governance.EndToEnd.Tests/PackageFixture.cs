using System.Diagnostics;
using System.Text;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// Packs the real Governance.Analyzers package once per test run into a folder of its own, with a private NuGet cache,
/// so that every temporary repository consumes the package exactly as a user would (PackageReference from a local
/// folder) and a re-pack is never served stale from ~/.nuget/packages.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    private static readonly SemaphoreSlim s_packLock = new(1, 1);
    private static bool s_packed;

    public PackageFixture()
    {
        RepoRoot = FindRepoRoot();
        PackageFolder = Path.Combine(RepoRoot, "artifacts", "e2e", "packages");
        NuGetCache = Path.Combine(RepoRoot, "artifacts", "e2e", "nuget");
        s_packLock.Wait();
        try
        {
            if (!s_packed)
            {
                if (Directory.Exists(PackageFolder))
                {
                    Directory.Delete(PackageFolder, recursive: true);
                }

                var cached = Path.Combine(NuGetCache, "governance.analyzers");
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }

                var result = Run(RepoRoot, "dotnet", $"pack src/Governance.Analyzers.Package -c Release -o \"{PackageFolder}\" -nologo", null, TimeSpan.FromMinutes(5));
                if (result.ExitCode != 0 || !File.Exists(Path.Combine(PackageFolder, "Governance.Analyzers.1.0.0.nupkg")))
                {
                    throw new InvalidOperationException("dotnet pack failed:\n" + result.Output);
                }

                s_packed = true;
            }
        }
        finally
        {
            s_packLock.Release();
        }
    }

    public string RepoRoot { get; }
    public string PackageFolder { get; }
    public string NuGetCache { get; }

    public void Dispose()
    {
    }

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Governance.Analyzers.sln not found above " + AppContext.BaseDirectory);
    }

    public sealed record ProcessResult(int ExitCode, string Output);

    public static ProcessResult Run(string workingDirectory, string fileName, string arguments, IDictionary<string, string>? environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // The test host's own MSBuild settings must not leak into the child builds.
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        info.Environment.Remove("MSBuildSDKsPath");
        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            info.Environment[pair.Key] = pair.Value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(fileName + " " + arguments + " did not finish in " + timeout);
        }

        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }
}
