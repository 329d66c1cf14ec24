using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Governance.Core.Files;

namespace Governance.Cli;

/// <summary>
/// `dotnet governance init`: adopts the package in an existing repository. Finds the files MSBuild and NuGet actually
/// use for each project (the nearest Directory.Build.props and the props it imports, Directory.Packages.props under
/// central package management, the nearest NuGet configuration), adds the package where every project gets it,
/// makes its source reachable (package sources, package source mapping), creates .governance/, records the
/// baseline and says what it changed (the ledger, in .governance/ledger/, keeps itself out of git). Run twice, it changes nothing.
/// </summary>
internal static class InitCommand
{
    public const string PackageId = "Governance.Analyzers";
    private const string SourceKey = "governance-analyzers";

    /// <summary>The marker's text: its presence is what counts; the text says so to whoever opens it.</summary>
    internal const string RootMarkerText = "This file marks the governance root: every project below this folder is governed by Governance.Analyzers.\nKeep it in git; without it the build checks nothing and warns GOV006.\n";
    private static readonly string[] s_nuGetConfigNames = ["nuget.config", "NuGet.config", "NuGet.Config"];
    private static readonly string[] s_skippedFolders = ["bin", "obj", "artifacts", "node_modules", "packages"];

    public static int Run(string? repository, string? source, string version, bool noBaseline, bool dryRun, TextWriter output, TextWriter error)
    {
        var root = Path.GetFullPath(repository ?? Directory.GetCurrentDirectory());
        if (!Directory.Exists(root))
        {
            error.WriteLine("init: no folder " + root + ".");
            return VerifyCommand.Usage;
        }

        if (source is not null && !source.Contains("://", StringComparison.Ordinal))
        {
            // A folder source is written as an absolute path: NuGet resolves a relative one against each configuration file.
            source = Path.GetFullPath(source);
            if (!Directory.Exists(source))
            {
                error.WriteLine("init: the package source folder " + source + " does not exist.");
                return VerifyCommand.Usage;
            }
        }

        var changes = new Changes(root, dryRun);
        var projects = FindProjects(root).ToList();
        var adopted = new List<string>();
        var propsTargets = new SortedDictionary<string, bool>(StringComparer.Ordinal); // props → under central package management
        var configs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var relative = Relative(root, project);
            var reason = CannotAdopt(project);
            if (reason is not null)
            {
                output.WriteLine("cannot adopt " + relative + ": " + reason);
                continue;
            }

            adopted.Add(project);
            var chain = PropsChain(root, Path.GetDirectoryName(project)!);
            var props = chain.Count > 0 ? chain[^1] : Path.Combine(root, "Directory.Build.props");
            propsTargets[props] = (propsTargets.TryGetValue(props, out var managed) && managed) || CentrallyManaged(root, project, chain, props);
            configs.Add(NearestNuGetConfig(root, Path.GetDirectoryName(project)!) ?? Path.Combine(root, "nuget.config"));
        }

        if (adopted.Count == 0)
        {
            error.WriteLine("init: no project under " + root + " can be adopted (C# SDK-style projects only).");
            return 1;
        }

        foreach (var (props, centrallyManaged) in propsTargets)
        {
            AddPackage(root, props, centrallyManaged, version, changes);
        }

        if (source is not null)
        {
            foreach (var config in configs)
            {
                AddSource(config, source, changes);
            }
        }

        changes.EnsureFolder(Path.Combine(root, ".governance", "plans"), ".gitkeep", "the plans folder (approved scopes go here)");
        changes.EnsureFile(Path.Combine(root, GovernancePaths.RootMarker), RootMarkerText, "marks the governance root; the build finds it above each project");

        foreach (var line in changes.Lines)
        {
            output.WriteLine(line);
        }

        if (changes.Lines.Count == 0)
        {
            output.WriteLine("Nothing to change: " + PackageId + " is already adopted for " + adopted.Count + " project(s).");
        }

        if (dryRun)
        {
            output.WriteLine("Dry run: nothing was written.");
            return VerifyCommand.Ok;
        }

        bool HasBaseline(string project) => File.Exists(Path.Combine(root, ".governance", "baseline", Relative(root, project) + ".json"));
        var baselineMissing = !adopted.All(HasBaseline);
        if (!noBaseline && baselineMissing)
        {
            var target = BuildTarget(root);
            output.WriteLine("Recording the baseline: dotnet build " + (target is null ? string.Empty : Relative(root, target) + " ") + "-p:GovernanceUpdateBaseline=true");
            // Every project is built even when one fails (a package the feed lacks, a broken sample): the others get
            // their baseline, and the ones without one are named.
            var code = target is null
                ? adopted.Select(p => PlanCommands.Baseline(p, [], output, error)).ToList().FirstOrDefault(c => c != 0)
                : PlanCommands.Baseline(target, [], output, error);
            if (code != 0)
            {
                foreach (var project in adopted.Where(p => !HasBaseline(p)))
                {
                    error.WriteLine("init: " + Relative(root, project) + " has no baseline: its build failed (see above); its build reports GOV002 until it has one.");
                }

                error.WriteLine("init: the baseline build failed (exit " + code + "); fix the build, then run 'dotnet governance baseline'.");
                return 3;
            }
        }

        output.WriteLine("Next: review and commit these files and .governance/baseline/, then build as usual; an agent's changes need an approved plan in .governance/plans/ (dotnet governance plan new).");
        return VerifyCommand.Ok;
    }

    private static IEnumerable<string> FindProjects(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith("proj", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(folder).OrderDescending(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(child);
                if (!name.StartsWith('.') && !s_skippedFolders.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    pending.Push(child);
                }
            }
        }
    }

    /// <summary>Why a project cannot take the package, or null: the analyzers are C# only, and the package's build
    /// files need an SDK-style project (they come in through NuGet's generated imports).</summary>
    private static string? CannotAdopt(string project)
    {
        if (!project.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            return "not a C# project (" + Path.GetExtension(project) + "); the analyzers read C# only";
        }

        try
        {
            var document = XDocument.Load(project);
            var sdk = document.Root?.Attribute("Sdk") is not null
                || document.Root?.Elements().Any(e => e.Name.LocalName is "Sdk" || (e.Name.LocalName == "Import" && e.Attribute("Sdk") is not null)) == true;
            return sdk ? null : "not an SDK-style project (no Sdk attribute); convert it, or reference the package in it by hand";
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or IOException or UnauthorizedAccessException)
        {
            return "cannot read it: " + ex.Message;
        }
    }

    /// <summary>The Directory.Build.props files a project's build reads, nearest first: the nearest one, and from there
    /// each one a props file imports from above (GetPathOfFileAbove / GetDirectoryNameOfFileAbove), within the root. A
    /// nearer props that does not import the one above shadows it, so the package goes where the chain ends (the last
    /// entry). Empty: none.</summary>
    private static List<string> PropsChain(string root, string folder)
    {
        var chain = new List<string>();
        var nearest = NearestFile(root, folder, ["Directory.Build.props"]);
        while (nearest is not null)
        {
            chain.Add(nearest);
            var parentFolder = Path.GetDirectoryName(Path.GetDirectoryName(nearest)!);
            nearest = ImportsParent(nearest) && parentFolder is not null ? NearestFile(root, parentFolder, ["Directory.Build.props"]) : null;
        }

        return chain;
    }

    private static readonly Regex s_centralManagement = new(@"<ManagePackageVersionsCentrally(\s[^>]*)?>\s*true\s*</ManagePackageVersionsCentrally>", RegexOptions.IgnoreCase);

    /// <summary>Whether NuGet manages the project's package versions centrally: ManagePackageVersionsCentrally set to
    /// true in the Directory.Packages.props it uses, in a Directory.Build.props it reads (Polly sets it there), or in
    /// the project itself. A versioned PackageReference would then be NU1008.</summary>
    private static bool CentrallyManaged(string root, string project, List<string> chain, string props)
    {
        var packagesProps = NearestFile(root, Path.GetDirectoryName(props)!, ["Directory.Packages.props"]);
        return chain.Append(project).Concat(packagesProps is null ? [] : [packagesProps]).Any(f => File.Exists(f) && s_centralManagement.IsMatch(File.ReadAllText(f)));
    }

    private static bool ImportsParent(string props)
    {
        var text = File.ReadAllText(props);
        return text.Contains("GetPathOfFileAbove", StringComparison.OrdinalIgnoreCase) || text.Contains("GetDirectoryNameOfFileAbove", StringComparison.OrdinalIgnoreCase);
    }

    private static string? NearestNuGetConfig(string root, string folder) => NearestFile(root, folder, s_nuGetConfigNames);

    /// <summary>The first of <paramref name="names"/> in <paramref name="folder"/> or a folder above it, up to the
    /// root (files above the repository are the machine's, not the repository's).</summary>
    private static string? NearestFile(string root, string folder, string[] names)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null && (dir.FullName + Path.DirectorySeparatorChar).StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal); dir = dir.Parent)
        {
            var existing = Directory.EnumerateFiles(dir.FullName).FirstOrDefault(f => names.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase));
            if (existing is not null)
            {
                return existing;
            }
        }

        return null;
    }

    /// <summary>
    /// Under central package management (<see cref="CentrallyManaged"/>) the package becomes a GlobalPackageReference
    /// in the Directory.Packages.props (in the props when there is none): every project gets it, private, with its
    /// version in one place, and a versioned PackageReference would be NU1008. Otherwise a PackageReference with
    /// PrivateAssets="all" in the props.
    /// </summary>
    private static void AddPackage(string root, string props, bool centrallyManaged, string version, Changes changes)
    {
        if (centrallyManaged)
        {
            var packagesProps = NearestFile(root, Path.GetDirectoryName(props)!, ["Directory.Packages.props"]) ?? props;
            changes.EditXml(packagesProps, document =>
            {
                if (Mentions(document, "GlobalPackageReference", "PackageVersion", "PackageReference"))
                {
                    return null;
                }

                AppendItem(document, "GlobalPackageReference", new XAttribute("Include", PackageId), new XAttribute("Version", version));
                return "GlobalPackageReference " + PackageId + " " + version + " (central package management)";
            }, "<Project>\n</Project>\n");
            return;
        }

        changes.EditXml(props, document =>
        {
            if (Mentions(document, "PackageReference", "GlobalPackageReference"))
            {
                return null;
            }

            AppendItem(document, "PackageReference", new XAttribute("Include", PackageId), new XAttribute("Version", version), new XAttribute("PrivateAssets", "all"));
            return "PackageReference " + PackageId + " " + version;
        }, "<Project>\n</Project>\n");
    }

    private static bool Mentions(XDocument document, params string[] itemTypes) =>
        document.Descendants().Any(e => itemTypes.Contains(e.Name.LocalName) && string.Equals((string?)e.Attribute("Include") ?? (string?)e.Attribute("Update"), PackageId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The package's source in the NuGet configuration the projects use: a package source (a nearer configuration with
    /// &lt;clear/&gt; drops the sources of the ones above, so each configuration in use gets it), and under package
    /// source mapping a pattern that sends the package id to that source (without it, restore refuses it: NU1100).
    /// </summary>
    private static void AddSource(string config, string source, Changes changes)
    {
        changes.EditXml(config, document =>
        {
            var configuration = document.Root!;
            var done = new List<string>();
            var sources = configuration.Element("packageSources");
            if (sources is null)
            {
                sources = new XElement("packageSources");
                AddChild(configuration, sources);
            }

            var existing = sources.Elements("add").FirstOrDefault(a => string.Equals((string?)a.Attribute("value"), source, StringComparison.Ordinal));
            var key = (string?)existing?.Attribute("key") ?? SourceKey;
            if (existing is null)
            {
                AddChild(sources, new XElement("add", new XAttribute("key", key), new XAttribute("value", source)));
                done.Add("package source " + key + " = " + source);
            }

            if (configuration.Element("packageSourceMapping") is { } mapping)
            {
                var patterns = mapping.Elements("packageSource").FirstOrDefault(p => (string?)p.Attribute("key") == key);
                if (patterns is null)
                {
                    patterns = new XElement("packageSource", new XAttribute("key", key));
                    AddChild(mapping, patterns);
                }

                if (!patterns.Elements("package").Any(p => string.Equals((string?)p.Attribute("pattern"), PackageId, StringComparison.OrdinalIgnoreCase)))
                {
                    AddChild(patterns, new XElement("package", new XAttribute("pattern", PackageId)));
                    done.Add("package source mapping " + PackageId + " -> " + key);
                }
            }

            return done.Count == 0 ? null : string.Join("; ", done);
        }, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n</configuration>\n");
    }

    /// <summary>A new ItemGroup at the end of the project, in the project's XML namespace (old-style files have one).</summary>
    private static void AppendItem(XDocument document, string itemType, params XAttribute[] attributes)
    {
        var ns = document.Root!.Name.Namespace;
        var group = new XElement(ns + "ItemGroup");
        AddChild(document.Root, group);
        AddChild(group, new XElement(ns + itemType, attributes));
    }

    /// <summary>Adds <paramref name="child"/> as the last child, indented like its siblings (or two spaces deeper than
    /// the parent), so that the file keeps its layout.</summary>
    private static void AddChild(XElement parent, XElement child)
    {
        static string IndentAfter(XNode? node) => node is XText { Value: var text } && text.Contains('\n') ? text.Substring(text.LastIndexOf('\n') + 1) : string.Empty;
        var parentIndent = IndentAfter(parent.PreviousNode);
        var lastElement = parent.Elements().LastOrDefault();
        var indent = lastElement is not null && lastElement.PreviousNode is XText ? IndentAfter(lastElement.PreviousNode) : parentIndent + "  ";
        if (parent.LastNode is XText trailing && string.IsNullOrWhiteSpace(trailing.Value) && trailing.Value.Contains('\n'))
        {
            trailing.AddBeforeSelf(new XText("\n" + indent), child);
        }
        else
        {
            parent.Add(new XText("\n" + indent), child, new XText("\n" + parentIndent));
        }
    }

    /// <summary>The one solution at the root (.sln or .slnx), or null: then each project is built.</summary>
    private static string? BuildTarget(string root)
    {
        var solutions = Directory.EnumerateFiles(root, "*.sln").Concat(Directory.EnumerateFiles(root, "*.slnx")).ToList();
        return solutions.Count == 1 ? solutions[0] : null;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>The edits, each made only when needed (so a second run changes nothing), described in
    /// <see cref="Lines"/>; with dry run, described and not written.</summary>
    private sealed class Changes(string root, bool dryRun)
    {
        public List<string> Lines { get; } = [];

        public void EditXml(string path, Func<XDocument, string?> edit, string? newFile = null)
        {
            var exists = File.Exists(path);
            if (!exists && newFile is null)
            {
                return;
            }

            var original = exists ? File.ReadAllText(path) : newFile!;
            var document = XDocument.Parse(original, LoadOptions.PreserveWhitespace);
            var what = edit(document);
            if (what is null)
            {
                return;
            }

            Lines.Add((exists ? "changed " : "created ") + Relative(root, path) + ": " + what);
            if (!dryRun)
            {
                var declaration = original.TrimStart().StartsWith("<?xml", StringComparison.Ordinal) ? document.Declaration?.ToString() + "\n" : string.Empty;
                var text = declaration + document.Root!.ToString(SaveOptions.DisableFormatting) + (original.EndsWith('\n') ? "\n" : string.Empty);
                File.WriteAllText(path, text, new UTF8Encoding(false));
            }
        }

        public void EnsureFile(string path, string content, string what)
        {
            if (File.Exists(path))
            {
                return;
            }

            Lines.Add("created " + Relative(root, path) + ": " + what);
            if (!dryRun)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content, new UTF8Encoding(false));
            }
        }

        public void EnsureFolder(string folder, string keepFile, string what)
        {
            if (Directory.Exists(folder))
            {
                return;
            }

            Lines.Add("created " + Relative(root, folder) + "/: " + what);
            if (!dryRun)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, keepFile), string.Empty);
            }
        }
    }
}
