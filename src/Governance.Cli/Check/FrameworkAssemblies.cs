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
    private string _root = string.Empty;
    private Dictionary<string, List<string>>? _installationFiles;
    private readonly HashSet<string> _packFolders = new(StringComparer.Ordinal);

    public static FrameworkAssemblies FromInstallation()
    {
        var frameworks = new FrameworkAssemblies();
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (string.IsNullOrEmpty(root) || !Directory.Exists(Path.Combine(root, "packs")))
        {
            // <root>/shared/Microsoft.NETCore.App/<version>/
            root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        }

        frameworks._root = root;
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

    /// <summary>Files with this name of the .NET installation running the check and of the packs restore downloaded:
    /// the SDK copies some into outputs itself (the .NET Standard facades for .NET Framework targets from
    /// Microsoft.NET.Build.Extensions, the runtime of a self-contained app). The installation is the runner's, not the
    /// branch's; a pack is a package like any other, fetched by id and exact version.</summary>
    public IReadOnlyList<string> InstallationFiles(string fileName)
    {
        if (_installationFiles is null)
        {
            _installationFiles = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            var folders = new List<string> { Path.Combine(_root, "packs") };
            var sdk = Path.Combine(_root, "sdk");
            if (Directory.Exists(sdk))
            {
                foreach (var version in Directory.EnumerateDirectories(sdk))
                {
                    folders.Add(Path.Combine(version, "Microsoft.NET.Build.Extensions"));
                    folders.Add(Path.Combine(version, "Microsoft", "Microsoft.NET.Build.Extensions"));
                }
            }

            folders.AddRange(_packFolders);
            foreach (var folder in folders.Where(Directory.Exists))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.dll", SearchOption.AllDirectories))
                {
                    var name = Path.GetFileName(file);
                    if (!_installationFiles.TryGetValue(name, out var list))
                    {
                        _installationFiles[name] = list = new List<string>();
                    }

                    list.Add(file);
                }
            }
        }

        return _installationFiles.TryGetValue(fileName, out var found) ? found : [];
    }

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
                var packFolder = Path.Combine(folder, pack.Id.ToLowerInvariant(), pack.Version.ToLowerInvariant());
                AddList(Path.Combine(packFolder, "data", "FrameworkList.xml"));
                // Targeting and runtime packs restore downloaded (self-contained and RID-specific outputs copy the
                // runtime from them): they count like the installation's own packs.
                if (_packFolders.Add(packFolder))
                {
                    _installationFiles = null;
                }
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
