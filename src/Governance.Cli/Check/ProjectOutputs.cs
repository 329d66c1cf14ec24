using Governance.Metadata;

namespace Governance.Cli.Check;

/// <summary>One target framework's build output: the assemblies the compiler wrote (obj/&lt;configuration&gt;/&lt;tfm&gt;/),
/// the satellite assemblies beside them, and every binary in the output folder (bin/&lt;configuration&gt;/&lt;tfm&gt;/).</summary>
internal sealed class TargetOutputs
{
    public required RestoreTarget Restore { get; init; }
    public required string IntermediateFolder { get; init; }
    public List<string> Assemblies { get; } = new();
    public List<string> Satellites { get; } = new();
    public List<string> OutputBinaries { get; } = new();
}

/// <summary>
/// Finds what the build produced for one project in the SDK's default layout (obj/ and bin/ beside the project file).
/// The branch can move its output elsewhere (BaseOutputPath, UseArtifactsOutput, a custom target): then the check
/// finds none and that is a check that did not run, a hold, never a pass.
/// </summary>
internal sealed class ProjectOutputs
{
    public required string Configuration { get; init; }
    public RestoreAssets? Assets { get; private init; }
    public List<TargetOutputs> Targets { get; } = new();

    /// <summary>Why nothing could be judged (not restored, unreadable restore output); null when outputs were found.</summary>
    public string? Problem { get; private init; }

    public static ProjectOutputs Find(string repositoryRoot, string project, string configuration)
    {
        var folder = Path.Combine(repositoryRoot, Path.GetDirectoryName(project) ?? string.Empty);
        var assetsFile = Path.Combine(folder, "obj", "project.assets.json");
        if (!File.Exists(assetsFile))
        {
            return new ProjectOutputs
            {
                Configuration = configuration,
                Problem = "'" + project + "' has no restore output (" + Checker.Relative(repositoryRoot, assetsFile) + "): it was not restored and built, or its output was moved. "
                    + "Build every project of the commit (default output paths) before the check; a project the check cannot see is not a pass.",
            };
        }

        RestoreAssets assets;
        try
        {
            assets = RestoreAssets.Read(assetsFile);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return new ProjectOutputs { Configuration = configuration, Problem = "the restore output of '" + project + "' cannot be read: " + ex.Message };
        }

        var outputs = new ProjectOutputs { Configuration = configuration, Assets = assets };
        foreach (var restore in assets.Targets)
        {
            var intermediate = RuntimeFolder(Path.Combine(folder, "obj", configuration, restore.Alias));
            var target = new TargetOutputs { Restore = restore, IntermediateFolder = intermediate };
            if (Directory.Exists(intermediate))
            {
                // Every managed assembly the compiler wrote here is judged as this project's code, so a DLL dropped into
                // obj/ cannot pass as project output without its types being judged.
                foreach (var file in Binaries(intermediate, SearchOption.TopDirectoryOnly))
                {
                    if (AssemblyModuleReader.IsManagedAssembly(file))
                    {
                        target.Assemblies.Add(file);
                    }
                }

                foreach (var culture in Directory.EnumerateDirectories(intermediate))
                {
                    target.Satellites.AddRange(Directory.EnumerateFiles(culture, "*.resources.dll").Where(IsResourceOnly));
                }
            }

            var output = Path.Combine(folder, "bin", configuration, restore.Alias);
            if (!string.Equals(intermediate, Path.Combine(folder, "obj", configuration, restore.Alias), StringComparison.Ordinal))
            {
                output = Path.Combine(output, Path.GetFileName(intermediate));
            }

            if (Directory.Exists(output))
            {
                target.OutputBinaries.AddRange(Binaries(output, SearchOption.AllDirectories));
            }

            target.Assemblies.Sort(StringComparer.Ordinal);
            target.OutputBinaries.Sort(StringComparer.Ordinal);
            outputs.Targets.Add(target);
        }

        return outputs;
    }

    /// <summary>A project built for a runtime identifier (RuntimeIdentifier, UseCurrentRuntimeIdentifier, PublishAot)
    /// compiles into obj/&lt;cfg&gt;/&lt;tfm&gt;/&lt;rid&gt;/: that folder when the target framework's own holds no assembly.</summary>
    private static string RuntimeFolder(string intermediate)
    {
        if (!Directory.Exists(intermediate) || Binaries(intermediate, SearchOption.TopDirectoryOnly).Any(AssemblyModuleReader.IsManagedAssembly))
        {
            return intermediate;
        }

        var candidates = Directory.EnumerateDirectories(intermediate)
            .Where(d => Path.GetFileName(d).Contains('-') && Binaries(d, SearchOption.TopDirectoryOnly).Any(AssemblyModuleReader.IsManagedAssembly))
            .ToList();
        return candidates.Count == 1 ? candidates[0] : intermediate;
    }

    private static IEnumerable<string> Binaries(string folder, SearchOption option) =>
        Directory.EnumerateFiles(folder, "*", option).Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".exe", StringComparison.OrdinalIgnoreCase));

    /// <summary>A satellite assembly holds resources only; one that declares types is judged like any unknown binary.</summary>
    private static bool IsResourceOnly(string path)
    {
        try
        {
            var inventory = AssemblyModuleReader.Read(path, namespaceGranularity: false);
            return inventory is not null && inventory.Modules.Count == 0;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
