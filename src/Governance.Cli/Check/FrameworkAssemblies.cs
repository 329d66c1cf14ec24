using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Governance.Cli.Check;

/// <summary>The assembly names that belong to target frameworks: every FrameworkList.xml of the targeting packs
/// of the .NET installation running the check, of targeting packs restore downloaded, and of reference-assembly
/// packages (.NET Framework). An assembly the compiled code references that none of these, no package and no
/// project provides is a raw reference to be approved (GOV203).</summary>
internal sealed partial class FrameworkAssemblies
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _readLists = new(StringComparer.Ordinal);

    public static FrameworkAssemblies FromInstallation()
    {
        var frameworks = new FrameworkAssemblies();
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (string.IsNullOrEmpty(root) || !Directory.Exists(Path.Combine(root, "packs")))
        {
            // <root>/shared/Microsoft.NETCore.App/<version>/
            root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        }

        var packs = Path.Combine(root, "packs");
        if (Directory.Exists(packs))
        {
            foreach (var list in Directory.EnumerateFiles(packs, "FrameworkList.xml", SearchOption.AllDirectories))
            {
                frameworks.AddList(list);
            }
        }

        return frameworks;
    }

    public bool Contains(string assemblyName) => _names.Contains(assemblyName);

    /// <summary>Adds the FrameworkList.xml files of packages a restore used (targeting packs, reference assemblies).</summary>
    public void AddFromPackages(RestoreAssets assets)
    {
        foreach (var (id, files) in assets.PackageFiles)
        {
            foreach (var file in files.Where(f => f.EndsWith("FrameworkList.xml", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var folder in assets.PackageFolders)
                {
                    AddList(Path.Combine(folder, assets.PackagePaths[id], file));
                }
            }
        }

        foreach (var folder in assets.PackageFolders)
        {
            foreach (var pack in assets.DownloadedPacks)
            {
                AddList(Path.Combine(folder, pack.Id.ToLowerInvariant(), pack.Version.ToLowerInvariant(), "data", "FrameworkList.xml"));
            }
        }
    }

    private void AddList(string path)
    {
        if (!_readLists.Add(path) || !File.Exists(path))
        {
            return;
        }

        foreach (Match match in AssemblyNameAttribute().Matches(File.ReadAllText(path)))
        {
            _names.Add(match.Groups[1].Value);
        }
    }

    [GeneratedRegex("AssemblyName=\"([^\"]+)\"")]
    private static partial Regex AssemblyNameAttribute();
}
