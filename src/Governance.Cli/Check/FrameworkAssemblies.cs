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

    /// <summary>Assembly names per shared framework (pack id without ".Ref"), from the installation's targeting packs.</summary>
    private readonly Dictionary<string, HashSet<string>> _byFramework = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _readLists = new(StringComparer.Ordinal);
    private string _root = string.Empty;

    /// <summary>The .NET installation's folder.</summary>
    public string Root => _root;
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
            // packs/<id>/<version>/data/FrameworkList.xml; a project may use the names of the frameworks it declares.
            foreach (var pack in Directory.EnumerateDirectories(packs).Where(p => Path.GetFileName(p).EndsWith(".Ref", StringComparison.OrdinalIgnoreCase)))
            {
                var framework = Path.GetFileName(pack)[..^".Ref".Length];
                foreach (var list in Directory.EnumerateFiles(pack, "FrameworkList.xml", SearchOption.AllDirectories))
                {
                    frameworks.AddList(list, frameworks.NamesOf(framework));
                }
            }
        }

        // The .NET Standard facades the SDK adds to .NET Framework targets (Microsoft.NET.Build.Extensions).
        var sdk = Path.Combine(root, "sdk");
        if (Directory.Exists(sdk))
        {
            foreach (var version in Directory.EnumerateDirectories(sdk))
            {
                foreach (var extensions in new[] { Path.Combine(version, "Microsoft.NET.Build.Extensions"), Path.Combine(version, "Microsoft", "Microsoft.NET.Build.Extensions") }.Where(Directory.Exists))
                {
                    frameworks._names.UnionWith(Directory.EnumerateFiles(extensions, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension)!);
                }
            }
        }

        return frameworks;
    }

    /// <summary>Part of the target framework or of a shared framework the project declares (FrameworkReference, judged
    /// by GOV205), or of a reference-assembly package it restored: a raw Reference into another framework's pack
    /// is not accounted for by the pack merely being installed.</summary>
    public bool Contains(string assemblyName, IReadOnlyCollection<string> declaredFrameworks)
    {
        if (_names.Contains(assemblyName))
        {
            return true;
        }

        foreach (var framework in declaredFrameworks.Append("NETStandard.Library"))
        {
            if (_byFramework.TryGetValue(framework, out var names) && names.Contains(assemblyName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The SDK's app host templates (packs/Microsoft.NETCore.App.Host.&lt;rid&gt;/…/apphost[.exe]).</summary>
    public IReadOnlyList<string> AppHostTemplates()
    {
        if (_appHosts is null)
        {
            var packs = Path.Combine(_root, "packs");
            _appHosts = Directory.Exists(packs)
                ? Directory.EnumerateDirectories(packs, "Microsoft.NETCore.App.Host.*")
                    .SelectMany(d => Directory.EnumerateFiles(d, "apphost*", SearchOption.AllDirectories))
                    .Where(f => Path.GetFileName(f) is "apphost" or "apphost.exe").ToList()
                : [];
        }

        return _appHosts;
    }

    private List<string>? _appHosts;

    /// <summary>Files with this name of the .NET installation running the check and of the packs restore downloaded:
    /// the SDK copies some into outputs itself (the .NET Standard facades for .NET Framework targets from
    /// Microsoft.NET.Build.Extensions, the runtime of a self-contained app). The installation is the runner's, not the
    /// branch's; a pack is a package like any other, fetched by id and exact version.</summary>
    public IEnumerable<string> InstallationFiles(string fileName, IReadOnlyCollection<string> declaredFrameworks) =>
        InstallationFiles(fileName).Where(path => !_packFolderFramework.TryGetValue(PackFolderOf(path), out var framework) || declaredFrameworks.Contains(framework, StringComparer.OrdinalIgnoreCase));

    private string PackFolderOf(string path) => _packFolders.FirstOrDefault(f => path.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal)) ?? string.Empty;

    private readonly Dictionary<string, string> _packFolderFramework = new(StringComparer.Ordinal);

    private IReadOnlyList<string> InstallationFiles(string fileName)
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
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
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
                // Targeting and runtime packs restore downloaded (self-contained and RID-specific outputs copy the
                // runtime from them) count like the installation's own packs, for the shared framework they belong
                // to, and only for a project that declares that framework: a PackageDownload of any other package is
                // not a pack (it is no dependency the check judges, so it accounts for nothing).
                var framework = SharedFrameworkOf(pack.Id);
                if (framework is null)
                {
                    continue;
                }

                var packFolder = Path.Combine(folder, pack.Id.ToLowerInvariant(), pack.Version.ToLowerInvariant());
                AddList(Path.Combine(packFolder, "data", "FrameworkList.xml"), NamesOf(framework));

                if (_packFolders.Add(packFolder))
                {
                    _packFolderFramework[packFolder] = framework;
                    _installationFiles = null;
                }
            }
        }
    }

    /// <summary>Reads a FrameworkList.xml once into <paramref name="names"/> (the general names by default).</summary>
    private void AddList(string path, HashSet<string>? names = null)
    {
        if (!_readLists.Add(path) || !File.Exists(path))
        {
            return;
        }

        names ??= _names;
        foreach (Match match in AssemblyNameAttribute().Matches(File.ReadAllText(path)))
        {
            names.Add(match.Groups[1].Value);
        }
    }

    private HashSet<string> NamesOf(string framework)
    {
        if (!_byFramework.TryGetValue(framework, out var names))
        {
            _byFramework[framework] = names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        return names;
    }

    /// <summary>Microsoft.NETCore.App.Runtime.linux-x64 → Microsoft.NETCore.App; the ahead-of-time compiler packs
    /// belong to the base framework. Null for a package that is not a pack of a shared framework.</summary>
    private static string? SharedFrameworkOf(string packId)
    {
        foreach (var framework in new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App", "Microsoft.WindowsDesktop.App" })
        {
            if (packId.StartsWith(framework + ".Runtime.", StringComparison.OrdinalIgnoreCase) || packId.StartsWith(framework + ".Ref", StringComparison.OrdinalIgnoreCase)
                || packId.StartsWith(framework + ".Host.", StringComparison.OrdinalIgnoreCase) || packId.StartsWith(framework + ".Crossgen2.", StringComparison.OrdinalIgnoreCase))
            {
                return framework;
            }
        }

        return packId.EndsWith("Microsoft.DotNet.ILCompiler", StringComparison.OrdinalIgnoreCase) ? "Microsoft.NETCore.App" : null;
    }

    [GeneratedRegex("AssemblyName=\"([^\"]+)\"")]
    private static partial Regex AssemblyNameAttribute();
}
