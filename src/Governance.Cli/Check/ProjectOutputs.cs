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

    /// <summary>bin/&lt;configuration&gt;/&lt;tfm&gt;/ (with the runtime identifier's folder when the project has one).</summary>
    public string OutputFolder { get; set; } = string.Empty;
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

    /// <summary>Binaries anywhere else under the project's bin/ and obj/&lt;configuration&gt;/ (an OutDir of its own, a
    /// folder a custom target writes): shipped or packed as easily, so judged like the output folder's.</summary>
    public List<string> StrayBinaries { get; } = new();

    /// <summary>Why nothing could be judged (not restored, unreadable restore output); null when outputs were found.</summary>
    public string? Problem { get; private init; }

    public static ProjectOutputs Find(string repositoryRoot, string project, string configuration, string? trustedPackages = null)
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

        if (trustedPackages is not null)
        {
            assets.PackageFolders.Clear();
            assets.PackageFolders.Add(Path.GetFullPath(trustedPackages));
        }

        // The restore output is written by the build, so it is checked before it is believed: every target framework
        // of the project is in it, every package lies in its own id/version folder, and no package folder is inside
        // the repository (where the branch could commit a package's files itself).
        var problem = assets.Targets.Count == 0
            ? "it lists no target framework"
            : assets.PackagePaths.FirstOrDefault(p => !string.Equals(p.Value.TrimEnd('/'), assets.PackageLibraries[p.Key].ToLowerInvariant(), StringComparison.Ordinal)) is { Key: not null } odd
                ? "package '" + odd.Key + "' is said to lie in '" + odd.Value + "', not in its own id/version folder"
                : assets.PackageFolders.FirstOrDefault(f => Path.GetFullPath(f).StartsWith(repositoryRoot.TrimEnd('/') + "/", StringComparison.Ordinal)) is { } inside
                    ? "its package folder " + inside + " is inside the repository, where the branch can write a package's files itself; restore into a folder outside it"
                    : null;
        if (problem is not null)
        {
            return new ProjectOutputs { Configuration = configuration, Problem = "the restore output of '" + project + "' (" + Checker.Relative(repositoryRoot, assetsFile) + ") cannot be believed: " + problem };
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

            target.OutputFolder = output;
            if (Directory.Exists(output))
            {
                target.OutputBinaries.AddRange(Binaries(output, SearchOption.AllDirectories));
            }

            target.Assemblies.Sort(StringComparer.Ordinal);
            target.OutputBinaries.Sort(StringComparer.Ordinal);
            outputs.Targets.Add(target);
        }

        // Everything else under bin/ and obj/<configuration>/, except what the compiler itself writes beside the
        // judged assemblies (reference assemblies, satellites) and other configurations' folders (a developer's
        // earlier Debug build): a decoy layout with the real output beside it is judged too.
        var judged = new HashSet<string>(outputs.Targets.SelectMany(t => t.OutputBinaries.Concat(t.Assemblies).Concat(t.Satellites)), StringComparer.Ordinal);
        foreach (var root in new[] { Path.Combine(folder, "bin"), Path.Combine(folder, "obj", configuration) })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var file in Binaries(root, SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                var first = relative.Split('/')[0];
                if (judged.Contains(file) || (root.EndsWith("bin", StringComparison.Ordinal) && IsOtherConfiguration(first, configuration))
                    || relative.Contains("/ref/", StringComparison.Ordinal) || relative.Contains("/refint/", StringComparison.Ordinal)
                    || (relative.EndsWith(".resources.dll", StringComparison.OrdinalIgnoreCase) && IsResourceOnly(file)))
                {
                    continue;
                }

                outputs.StrayBinaries.Add(file);
            }
        }

        outputs.StrayBinaries.Sort(StringComparer.Ordinal);
        return outputs;
    }

    private static bool IsOtherConfiguration(string folder, string configuration) =>
        !string.Equals(folder, configuration, StringComparison.OrdinalIgnoreCase) && folder is "Debug" or "Release";

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

    /// <summary>Files that are code by their content, whatever their name: PE (managed or native), ELF, Mach-O. A DLL
    /// renamed to .bin, a native library loaded through DllImport, an executable without extension all count.</summary>
    internal static IEnumerable<string> Binaries(string folder, SearchOption option) =>
        Directory.EnumerateFiles(folder, "*", option).Where(IsBinary);

    /// <summary>A zip archive (whatever its name) that holds code by name or content: extracted and loaded at run time,
    /// it is a binary in the output like any other.</summary>
    private static bool ZipHoldsCode(string path)
    {
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            var head = new byte[4];
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
                    || entry.FullName.EndsWith(".so", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".dylib", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (entry.Length >= 4)
                {
                    using var stream = entry.Open();
                    if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && ExecutableImage.Starts(head))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return true; // an archive that cannot be read is judged, not skipped
        }
    }

    internal static bool IsBinary(string path)
    {
        Span<byte> head = stackalloc byte[4];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Read(head) < 4)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true; // unreadable: judged (and reported) rather than skipped
        }

        if (head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
        {
            return ZipHoldsCode(path);
        }

        // A file may also be a universal (fat) Mach-O binary, which holds thin images.
        return ExecutableImage.Starts(head.ToArray()) || BitConverter.ToUInt32(head) is 0xBEBAFECA or 0xCAFEBABE;
    }

    /// <summary>A satellite assembly holds resources only; one that declares types is judged like any unknown binary.</summary>
    private static bool IsResourceOnly(string path)
    {
        try
        {
            var inventory = AssemblyModuleReader.Read(path, namespaceGranularity: false);
            return inventory is not null && inventory.Modules.Count == 0;
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
