using System.Diagnostics;
using System.Security;
using System.Text;

namespace Governance.Cli.Check;

/// <summary>
/// `dotnet governance packages`: the packages the build's restore outputs name, downloaded again by trusted code.
/// In CI the check runs on a runner that never ran the branch's build, so it has no package cache; the build's own
/// cache cannot be carried over (the build could have written any bytes into it). This writes a project of its own,
/// outside the repository, with one PackageDownload per package id and exact version (and the runtime packs restore
/// downloaded), and restores it with the NuGet configuration given (the base branch's), so no file of the branch is
/// evaluated. `check --packages` then compares the output folders with this folder.
/// </summary>
internal static class PackagesCommand
{
    public static int Run(string? repository, string output, string? configFile, TextWriter stdout, TextWriter stderr)
    {
        var root = Path.GetFullPath(repository ?? Directory.GetCurrentDirectory());
        var versions = new SortedDictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in RestoreAssets.FindAll(root))
        {
            try
            {
                var assets = RestoreAssets.Read(file);
                foreach (var (id, library) in assets.PackageLibraries.Where(p => !string.Equals(p.Key, "Governance.Analyzers", StringComparison.OrdinalIgnoreCase)))
                {
                    Add(versions, id, library[(library.IndexOf('/') + 1)..]);
                }

                foreach (var (id, version) in assets.DownloadedPacks)
                {
                    Add(versions, id, version);
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                stderr.WriteLine("packages: " + file + ": " + ex.Message);
                return CheckCommand.CouldNotCheck;
            }
        }

        var scratch = Directory.CreateTempSubdirectory("governance-packages-").FullName;
        try
        {
            var project = new StringBuilder("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n  <ItemGroup>\n");
            foreach (var (id, set) in versions)
            {
                project.Append("    <PackageDownload Include=\"").Append(SecurityElement.Escape(id)).Append("\" Version=\"")
                    .Append(SecurityElement.Escape(string.Join(";", set.Select(v => "[" + v + "]")))).Append("\" />\n");
            }

            project.Append("  </ItemGroup>\n</Project>\n");
            File.WriteAllText(Path.Combine(scratch, "packages.csproj"), project.ToString());
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = scratch, UseShellExecute = false };
            foreach (var argument in new[] { "restore", "packages.csproj", "--packages", Path.GetFullPath(output), "-nologo" })
            {
                info.ArgumentList.Add(argument);
            }

            if (configFile is not null)
            {
                info.ArgumentList.Add("--configfile");
                info.ArgumentList.Add(Path.GetFullPath(configFile));
            }

            using var process = Process.Start(info)!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                stderr.WriteLine("packages: the restore of " + versions.Count + " package(s) failed (exit " + process.ExitCode + ").");
                return CheckCommand.CouldNotCheck;
            }

            stdout.WriteLine("Downloaded " + versions.Sum(v => v.Value.Count) + " package version(s) into " + Path.GetFullPath(output) + "; pass it to 'dotnet governance check --packages'.");
            return 0;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Only what NuGet's grammar allows reaches the generated project: a restore output is written by the
    /// build, and an id such as "$(SECRET)" would otherwise be evaluated by MSBuild in this trusted step.</summary>
    private static bool IsPackageId(string id) => id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static void Add(SortedDictionary<string, SortedSet<string>> versions, string id, string version)
    {
        if (!IsPackageId(id) || !NuGet.Versioning.NuGetVersion.TryParse(version, out _) || version.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+')))
        {
            throw new InvalidDataException("a restore output names package '" + id + "' version '" + version + "', which is not a NuGet package id and version");
        }

        if (!versions.TryGetValue(id, out var set))
        {
            versions[id] = set = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        set.Add(version);
    }
}
