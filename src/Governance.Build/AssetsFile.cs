using System;
using System.Collections.Generic;
using System.IO;
using Governance.Core.Json;
using Governance.Core.Policy;

namespace Governance.Build;

/// <summary>The resolved package graph of one target framework, from project.assets.json.</summary>
internal sealed class AssetsFile
{
    public Dictionary<string, string> ResolvedPackages { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Who depends on whom in this target's graph.</summary>
    public PackageGraph Graph { get; private set; } = new();

    /// <summary>Project library name → its project file, relative to the restored project's folder.</summary>
    public Dictionary<string, string> ProjectLibraries { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static AssetsFile Read(string path, string targetFramework)
    {
        var text = File.ReadAllText(path);
        var parsed = JsonParser.Parse(text, new JsonParseOptions { MaxDepth = 64, AllowDuplicateProperties = true });
        if (!parsed.Success)
        {
            throw new InvalidDataException(path + " is not valid JSON: " + parsed.Error!.Message);
        }

        var assets = new AssetsFile();
        var targets = parsed.Root!["targets"];
        if (targets is null || targets.Kind != JsonKind.Object)
        {
            throw new InvalidDataException(path + " has no 'targets' section; run a restore.");
        }

        var alias = FrameworkKey(parsed.Root, targetFramework);
        JsonValue? target = null;
        foreach (var property in targets.Properties)
        {
            // "net8.0" or, with a runtime identifier, "net8.0/linux-x64"; older files use the full framework name.
            var key = property.Name;
            var slash = key.IndexOf('/');
            var framework = slash < 0 ? key : key.Substring(0, slash);
            if (string.Equals(framework, targetFramework, StringComparison.OrdinalIgnoreCase) || (alias is not null && string.Equals(framework, alias, StringComparison.OrdinalIgnoreCase)))
            {
                if (target is null || slash < 0)
                {
                    target = property.Value;
                }
            }
        }

        if (target is null)
        {
            throw new InvalidDataException(path + " has no target for '" + targetFramework + "'; run a restore.");
        }

        assets.Graph = PackageGraph.FromAssetsTarget(target);
        foreach (var library in parsed.Root["libraries"]?.Properties ?? Array.Empty<JsonProperty>())
        {
            if (string.Equals(library.Value["type"]?.StringValue, "project", StringComparison.OrdinalIgnoreCase)
                && (library.Value["msbuildProject"]?.StringValue ?? library.Value["path"]?.StringValue) is { Length: > 0 } projectPath)
            {
                assets.ProjectLibraries[PackageGraph.NameOf(library.Name)] = projectPath;
            }
        }

        foreach (var library in target.Properties)
        {
            if (!string.Equals(library.Value["type"]?.StringValue, "package", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var slash = library.Name.IndexOf('/');
            if (slash > 0)
            {
                assets.ResolvedPackages[library.Name.Substring(0, slash)] = library.Name.Substring(slash + 1);
            }
        }

        return assets;
    }

    /// <summary>The framework name NuGet used for the alias (e.g. ".NETCoreApp,Version=v8.0"), if the file says.</summary>
    private static string? FrameworkKey(JsonValue root, string alias)
    {
        var frameworks = root["project"]?["frameworks"];
        if (frameworks is null)
        {
            return null;
        }

        foreach (var framework in frameworks.Properties)
        {
            if (string.Equals(framework.Value["targetAlias"]?.StringValue, alias, StringComparison.OrdinalIgnoreCase))
            {
                return framework.Name;
            }
        }

        return null;
    }

    /// <summary>The graph name of the project reference <paramref name="referenceFullPath"/> of the project in
    /// <paramref name="projectDirectory"/>, or null when restore does not list it.</summary>
    public string? ProjectLibraryName(string projectDirectory, string referenceFullPath)
    {
        var wanted = Path.GetFullPath(referenceFullPath);
        foreach (var pair in ProjectLibraries)
        {
            if (string.Equals(Path.GetFullPath(Path.Combine(projectDirectory, pair.Value)), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Key;
            }
        }

        return null;
    }

    public IEnumerable<PackageFact> Packages()
    {
        foreach (var pair in ResolvedPackages)
        {
            yield return new PackageFact(pair.Key, pair.Value);
        }
    }
}
