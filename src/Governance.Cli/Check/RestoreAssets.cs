using Governance.Core.Json;

namespace Governance.Cli.Check;

/// <summary>One target framework of a restore's project.assets.json: what the project asked for and what NuGet
/// resolved, with the files each package contributes.</summary>
internal sealed class RestoreTarget
{
    public required string Alias { get; init; }

    /// <summary>Direct package dependencies (implicitly defined ones included): id → requested range.</summary>
    public Dictionary<string, string?> DirectPackages { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Direct dependencies restore marks autoReferenced (IsImplicitlyDefined: the SDK's own, or the branch's).</summary>
    public HashSet<string> AutoReferenced { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> FrameworkReferences { get; } = new();

    /// <summary>Full paths of the direct project references.</summary>
    public List<string> ProjectReferences { get; } = new();

    /// <summary>Who depends on whom in this target's graph (packages and projects by name).</summary>
    public Governance.Core.Policy.PackageGraph Graph { get; set; } = new();

    /// <summary>Every resolved package: id → version.</summary>
    public Dictionary<string, string> Packages { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Full paths of every project this target depends on, directly or transitively.</summary>
    public List<string> ProjectDependencies { get; } = new();

    /// <summary>Per package id: the asset paths (relative to the package folder) restore selected for this target.</summary>
    public Dictionary<string, List<string>> PackageAssets { get; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class RestoreAssets
{
    private RestoreAssets()
    {
    }

    public List<string> PackageFolders { get; } = new();

    /// <summary>Package id → folder relative to a package folder (e.g. "newtonsoft.json/13.0.3").</summary>
    public Dictionary<string, string> PackagePaths { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Package id → its library name, "Id/Version".</summary>
    public Dictionary<string, string> PackageLibraries { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Package id → every file in the package (the libraries section).</summary>
    public Dictionary<string, List<string>> PackageFiles { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<RestoreTarget> Targets { get; } = new();

    /// <summary>Project library name ("Lib/1.0.0") → project file path relative to the restored project's folder.</summary>
    private Dictionary<string, string> ProjectLibraries { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Full path of a project file → its library name in the graph.</summary>
    public Dictionary<string, string> ProjectLibraryNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Targeting packs restore downloaded (downloadDependencies), with their exact versions.</summary>
    public List<(string Id, string Version)> DownloadedPacks { get; } = new();

    /// <summary>Every restore output in the working tree (not below .git, not through links).</summary>
    public static IEnumerable<string> FindAll(string repositoryRoot)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return Directory.EnumerateFiles(repositoryRoot, "project.assets.json", options)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + ".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    /// <summary>The project a restore output belongs to (project.restore.projectPath), or null.</summary>
    public static string? ProjectPathOf(string path)
    {
        var parsed = JsonParser.Parse(File.ReadAllText(path), new JsonParseOptions { MaxDepth = 64, AllowDuplicateProperties = true });
        return parsed.Success ? parsed.Root!["project"]?["restore"]?["projectPath"]?.StringValue : null;
    }

    /// <exception cref="InvalidDataException">The file is not a readable assets file.</exception>
    public static RestoreAssets Read(string path)
    {
        var parsed = JsonParser.Parse(File.ReadAllText(path), new JsonParseOptions { MaxDepth = 64, AllowDuplicateProperties = true });
        if (!parsed.Success)
        {
            throw new InvalidDataException(path + " is not valid JSON: " + parsed.Error!.Message);
        }

        var root = parsed.Root!;
        var assets = new RestoreAssets();
        foreach (var folder in root["packageFolders"]?.Properties ?? [])
        {
            assets.PackageFolders.Add(folder.Name);
        }

        foreach (var library in root["libraries"]?.Properties ?? [])
        {
            if (library.Value["type"]?.StringValue == "project")
            {
                assets.ProjectLibraries[library.Name] = library.Value["msbuildProject"]?.StringValue ?? library.Value["path"]?.StringValue ?? string.Empty;
                if (assets.ProjectLibraries[library.Name].Length > 0)
                {
                    assets.ProjectLibraryNames[Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", assets.ProjectLibraries[library.Name]))] = IdOf(library.Name);
                }

                continue;
            }

            if (library.Value["type"]?.StringValue != "package")
            {
                continue;
            }

            var id = IdOf(library.Name);
            assets.PackagePaths[id] = library.Value["path"]?.StringValue ?? library.Name.ToLowerInvariant();
            assets.PackageLibraries[id] = library.Name;
            assets.PackageFiles[id] = (library.Value["files"]?.Items ?? []).Select(f => f.StringValue ?? string.Empty).ToList();
        }

        var frameworks = root["project"]?["frameworks"]?.Properties ?? [];
        var restoreFrameworks = root["project"]?["restore"]?["frameworks"];
        var targets = root["targets"] ?? throw new InvalidDataException(path + " has no 'targets' section; run a restore.");
        foreach (var framework in frameworks)
        {
            var alias = framework.Value["targetAlias"]?.StringValue ?? framework.Name;
            var target = new RestoreTarget { Alias = alias };
            foreach (var dependency in framework.Value["dependencies"]?.Properties ?? [])
            {
                target.DirectPackages[dependency.Name] = dependency.Value["version"]?.StringValue;
                if (dependency.Value["autoReferenced"]?.Kind == JsonKind.True)
                {
                    target.AutoReferenced.Add(dependency.Name);
                }
            }

            foreach (var reference in framework.Value["frameworkReferences"]?.Properties ?? [])
            {
                target.FrameworkReferences.Add(reference.Name);
            }

            foreach (var download in framework.Value["downloadDependencies"]?.Items ?? [])
            {
                var name = download["name"]?.StringValue;
                // "[10.0.12, 10.0.12]": an exact version written as a range.
                var bounds = download["version"]?.StringValue?.Trim('[', ']', ' ').Split(',', StringSplitOptions.TrimEntries);
                if (name is not null && bounds is { Length: > 0 } && bounds.All(b => b == bounds[0]))
                {
                    assets.DownloadedPacks.Add((name, bounds[0]));
                }
            }

            var restore = restoreFrameworks?.Properties.FirstOrDefault(p => string.Equals(p.Value["targetAlias"]?.StringValue ?? p.Name, alias, StringComparison.OrdinalIgnoreCase))?.Value;
            foreach (var reference in restore?["projectReferences"]?.Properties ?? [])
            {
                target.ProjectReferences.Add(reference.Value["projectPath"]?.StringValue ?? reference.Name);
            }

            // "net8.0" or, with a runtime identifier, "net8.0/linux-x64"; older files use the framework's full name.
            JsonValue? resolved = null;
            foreach (var candidate in targets.Properties)
            {
                var slash = candidate.Name.IndexOf('/');
                var key = slash < 0 ? candidate.Name : candidate.Name[..slash];
                if ((string.Equals(key, alias, StringComparison.OrdinalIgnoreCase) || string.Equals(key, framework.Name, StringComparison.OrdinalIgnoreCase)) && (resolved is null || slash < 0))
                {
                    resolved = candidate.Value;
                }
            }

            target.Graph = Governance.Core.Policy.PackageGraph.FromAssetsTarget(resolved);
            foreach (var library in resolved?.Properties ?? [])
            {
                if (library.Value["type"]?.StringValue == "project" && assets.ProjectLibraries.TryGetValue(library.Name, out var relative) && relative.Length > 0)
                {
                    target.ProjectDependencies.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", relative)));
                    continue;
                }

                if (library.Value["type"]?.StringValue != "package")
                {
                    continue;
                }

                var id = IdOf(library.Name);
                target.Packages[id] = library.Name[(id.Length + 1)..];
                var files = new List<string>();
                foreach (var section in new[] { "compile", "runtime", "native", "resource", "runtimeTargets" })
                {
                    files.AddRange((library.Value[section]?.Properties ?? []).Select(p => p.Name).Where(n => !n.EndsWith("/_._", StringComparison.Ordinal)));
                }

                target.PackageAssets[id] = files;
            }

            assets.Targets.Add(target);
        }

        return assets;
    }

    private static string IdOf(string library)
    {
        var slash = library.IndexOf('/');
        return slash < 0 ? library : library[..slash];
    }
}
