using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Json;
using Governance.Core.Modules;
using Governance.Core.Policy;
using Governance.Core.Receipts;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Governance.Build;

/// <summary>
/// Gathers the project's dependency facts (direct packages with resolved versions, the transitive graph, project and
/// assembly references), compares them with the baseline and the approved plans through Core, and writes the result
/// to <see cref="OutputFile"/> for the receipt step. It logs nothing at error level itself, so that one build shows
/// module and dependency errors together (the receipt step logs them). When its inputs are unchanged and no approved
/// plan has expired since, it keeps the previous result instead of recomputing (no-op incremental builds).
/// </summary>
public sealed class CheckGovernanceDependencies : Task
{
    public const string OwnPackageId = "Governance.Analyzers";

    [Required] public string GovernanceRoot { get; set; } = string.Empty;
    [Required] public string ProjectPath { get; set; } = string.Empty;
    [Required] public string TargetFramework { get; set; } = string.Empty;
    [Required] public string OutputFile { get; set; } = string.Empty;
    public string? PlanStatesFile { get; set; }
    public string? ProjectAssetsFile { get; set; }
    public ITaskItem[] PackageReferences { get; set; } = Array.Empty<ITaskItem>();
    public ITaskItem[] PackageVersions { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>@(GlobalPackageReference): NuGet's targets turn each into a PackageReference defined in the SDK; this
    /// says where the repository wrote it (Directory.Packages.props).</summary>
    public ITaskItem[] GlobalPackageReferences { get; set; } = Array.Empty<ITaskItem>();
    public ITaskItem[] ProjectReferences { get; set; } = Array.Empty<ITaskItem>();
    public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>@(ReferencePath): what ResolveAssemblyReferences gave the compiler, to find references resolved to
    /// files outside packages, projects and the framework (a Reference without HintPath).</summary>
    public ITaskItem[] ReferencePaths { get; set; } = Array.Empty<ITaskItem>();

    public ITaskItem[] FrameworkReferences { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>@(Analyzer): raw analyzer assemblies run by the compiler (those of packages and projects are
    /// gated as packages and project references).</summary>
    public ITaskItem[] Analyzers { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>.dll/.exe items the project copies to its output or publish folder (metadata GovernanceItemType).</summary>
    public ITaskItem[] CopiedFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Folders of the SDK, MSBuild and the NuGet package cache: what is defined or resolved there is the
    /// toolchain's, not the repository's.</summary>
    public string[] ToolsetFolders { get; set; } = Array.Empty<string>();
    public ITaskItem[] PlanFiles { get; set; } = Array.Empty<ITaskItem>();
    public string? BaselineFile { get; set; }
    public string? AllowedSignersFile { get; set; }
    public bool RequireSignedPlans { get; set; }
    public string? Now { get; set; }

    /// <summary>GovernanceModuleGranularity: a baseline of another granularity approves nothing (as the analyzers judge it).</summary>
    public string ModuleGranularity { get; set; } = "Type";
    public ITaskItem[] ExtraInputFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>True when the previous result was reused (for tests and the benchmark).</summary>
    [Output] public bool Reused { get; set; }

    public override bool Execute()
    {
        var watch = Stopwatch.StartNew();
        DateTimeOffset now;
        if (!string.IsNullOrEmpty(Now))
        {
            var parsed = Timestamps.TryParse(Now!, out var error);
            if (parsed is null)
            {
                Log.LogError(null, "GOV900", null, null, 0, 0, 0, 0, "GovernanceNow: " + error);
                return false;
            }

            now = parsed.Value;
        }
        else
        {
            now = DateTimeOffset.UtcNow;
        }

        string inputsHash;
        try
        {
            inputsHash = ComputeInputsHash();
            if (TryReuse(inputsHash, now))
            {
                Reused = true;
                return true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            inputsHash = "unavailable";
        }

        DependencyCheckOutput result;
        try
        {
            result = Compute(now, inputsHash, watch);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            // Fail closed: the receipt step turns status=error into evidence "error" and a hold.
            result = DependencyCheckOutput.Failed(ex.Message);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile))!);
        AtomicFile.WriteAllText(OutputFile, result.ToText());
        return true;
    }

    private DependencyCheckOutput Compute(DateTimeOffset now, string inputsHash, Stopwatch watch)
    {
        var files = GovernanceFiles.Load(PlanFiles.Select(p => p.GetMetadata("FullPath")), BaselineFile, AllowedSignersFile, RequireSignedPlans, now, ProjectPath, TargetFramework,
            ModuleDefinition.GranularityName(ModuleGranularity));
        var facts = GatherFacts();
        var checker = new DependencyChecker(ProjectPath, files.BaselineTarget, files.ProjectAssessments, NuGetVersionRanges.Instance);
        var findings = files.BaselineTarget is null ? new List<Finding>() : checker.Check(facts);
        findings.AddRange(files.RejectionFindings());
        findings.AddRange(files.RejectedSignatureFindings());
        findings.AddRange(files.MissingProjectFindings(GovernanceRoot));

        WritePlanStates(files);

        DateTimeOffset? validUntil = null;
        foreach (var assessment in files.Assessments)
        {
            if (assessment.Approves && assessment.Plan.ExpiresAt is { } expires && (validUntil is null || expires < validUntil))
            {
                validUntil = expires;
            }
        }

        var output = new DependencyCheckOutput
        {
            Status = files.BaselineTarget is null ? DependencyCheckStatus.NoBaseline : DependencyCheckStatus.Ok,
            InputsHash = inputsHash,
            ValidUntil = validUntil,
            Project = ProjectPath,
            TargetFramework = TargetFramework,
            DurationMs = watch.ElapsedMilliseconds,
            BaselineSha256 = files.BaselineSha256,
            Facts = DependencyRecord.From(facts),
        };
        foreach (var finding in findings)
        {
            output.Findings.Add(LocatedForTheUser(finding));
        }

        foreach (var p in files.PlanFiles)
        {
            var assessment = files.Assessments.FirstOrDefault(a => ReferenceEquals(a.Plan, p.Plan));
            output.Plans.Add(new PlanFileRecord(p.Plan?.DispatchId ?? string.Empty, p.Path, p.Sha256,
                PlanStates.WireStateOf(assessment), assessment is not null && files.ProjectAssessments.Contains(assessment)));
        }

        foreach (var a in files.ProjectAssessments.Where(a => a.Approves))
        {
            foreach (var s in a.Plan.Suppressions)
            {
                output.AllowedSuppressions.Add(new AllowedSuppression(a.Plan.DispatchId, s.Value.RuleId, s.Value.Target));
            }
        }

        foreach (var entry in checker.UsedPlanEntries.OrderBy(e => e, StringComparer.Ordinal))
        {
            output.UsedPlanEntries.Add(entry);
        }

        return output;
    }

    private DependencyFacts GatherFacts()
    {
        var facts = new DependencyFacts();
        var locator = new DeclarationLocator();
        AssetsFile? assets = null;
        if (!string.IsNullOrEmpty(ProjectAssetsFile) && File.Exists(ProjectAssetsFile))
        {
            assets = AssetsFile.Read(ProjectAssetsFile!, TargetFramework);
            facts.Graph = assets.Graph;
            foreach (var package in assets.Packages())
            {
                // The gate itself is not a dependency of the code it governs.
                if (!string.Equals(package.Id, OwnPackageId, StringComparison.OrdinalIgnoreCase))
                {
                    facts.ResolvedPackages.Add(package);
                }
            }
        }
        else if (PackageReferences.Length > 0)
        {
            throw new InvalidDataException("The restore output '" + ProjectAssetsFile + "' does not exist, so the resolved packages cannot be checked. Run a restore.");
        }

        var centralVersions = new Dictionary<string, ITaskItem>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in PackageVersions)
        {
            centralVersions[version.ItemSpec] = version;
        }

        foreach (var reference in PackageReferences)
        {
            var id = reference.ItemSpec;
            // An implicit reference is the SDK's or a package's only when a file of theirs defines it: one defined in
            // the repository (IsImplicitlyDefined="true" in a project file) is judged like any other.
            if ((string.Equals(reference.GetMetadata("IsImplicitlyDefined"), "true", StringComparison.OrdinalIgnoreCase) && InToolset(reference.GetMetadata("DefiningProjectFullPath")))
                || string.Equals(id, OwnPackageId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var requested = NullIfEmpty(reference.GetMetadata("VersionOverride")) ?? NullIfEmpty(reference.GetMetadata("Version"));
            var site = locator.Find(reference.GetMetadata("DefiningProjectFullPath"), "PackageReference", id);
            var global = GlobalPackageReferences.FirstOrDefault(g => string.Equals(g.ItemSpec, id, StringComparison.OrdinalIgnoreCase));
            if (site.Line == 0 && global is not null)
            {
                // Located where the repository wrote it, never in the SDK's NuGet.targets that re-includes it.
                site = locator.Find(global.GetMetadata("DefiningProjectFullPath"), "GlobalPackageReference", id);
                _centralSites[id] = site;
            }
            if (requested is null && centralVersions.TryGetValue(id, out var central))
            {
                requested = NullIfEmpty(central.GetMetadata("Version"));
                // With central package management the version is decided in Directory.Packages.props: point there
                // for a version finding, but keep the PackageReference line for "not approved at all".
                if (global is null)
                {
                    var centralSite = locator.Find(central.GetMetadata("DefiningProjectFullPath"), "PackageVersion", id);
                    site = site.Line > 0 ? site : centralSite;
                    _centralSites[id] = centralSite;
                }
            }

            string? resolved = null;
            if (assets is not null && assets.ResolvedPackages.TryGetValue(id, out var version))
            {
                resolved = version;
            }

            facts.DirectPackages.Add(new DirectPackageFact(id, requested, resolved, site));
        }

        foreach (var reference in ProjectReferences)
        {
            var full = reference.GetMetadata("FullPath");
            var relative = RelativeToRoot(full);
            facts.ProjectReferences.Add(new ReferenceFact(relative, reference.ItemSpec,
                locator.Find(reference.GetMetadata("DefiningProjectFullPath"), "ProjectReference", reference.ItemSpec))
            {
                LibraryName = assets?.ProjectLibraryName(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(GovernanceRoot, ProjectPath)))!, full),
            });
        }

        var assemblyNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void AddAssembly(IList<ReferenceFact> list, string simpleName, string display, ITaskItem item, string element, string? include = null)
        {
            if (simpleName.Length > 0 && assemblyNames.Add(element + "|" + simpleName))
            {
                list.Add(new ReferenceFact(simpleName, display, Locate(locator, item, element, include ?? item.ItemSpec)));
            }
        }

        foreach (var reference in References)
        {
            var hintPath = reference.GetMetadata("HintPath");
            var name = reference.ItemSpec;
            if (FromPackageOrFramework(reference) || InToolset(NullIfEmpty(hintPath) ?? (IsFilePath(name) ? reference.GetMetadata("FullPath") : null)))
            {
                continue; // a package's or the target framework's assembly (ResolvePackageAssets, targeting packs)
            }

            if (!string.IsNullOrEmpty(hintPath))
            {
                var comma = name.IndexOf(',');
                AddAssembly(facts.AssemblyReferences, (comma < 0 ? name : name.Substring(0, comma)).Trim(), hintPath, reference, "Reference");
            }
            else if (IsFilePath(name))
            {
                // Reference Include="lib/Vendor.dll": the compiler gets the file itself (MSBuild's {RawFileName}).
                AddAssembly(facts.AssemblyReferences, Path.GetFileNameWithoutExtension(name), name, reference, "Reference");
            }
        }

        foreach (var resolved in ReferencePaths)
        {
            // Resolved outside packages, project references and the framework: a Reference without HintPath found
            // by MSBuild's search paths (a file in the repository, the output folder, a path of the machine).
            if (FromPackageOrFramework(resolved)
                || string.Equals(resolved.GetMetadata("ReferenceSourceTarget"), "ProjectReference", StringComparison.OrdinalIgnoreCase)
                || NullIfEmpty(resolved.GetMetadata("MSBuildSourceProjectFile")) is not null
                || resolved.GetMetadata("ResolvedFrom") is "{TargetFrameworkDirectory}" or "{GAC}"
                || InToolset(resolved.GetMetadata("FullPath")))
            {
                continue;
            }

            var original = NullIfEmpty(resolved.GetMetadata("OriginalItemSpec")) ?? resolved.ItemSpec;
            AddAssembly(facts.AssemblyReferences, Path.GetFileNameWithoutExtension(resolved.GetMetadata("FullPath")), resolved.ItemSpec, resolved, "Reference", original);
        }

        foreach (var analyzer in Analyzers)
        {
            if (NullIfEmpty(analyzer.GetMetadata("NuGetPackageId")) is not null || NullIfEmpty(analyzer.GetMetadata("MSBuildSourceProjectFile")) is not null
                || InToolset(analyzer.GetMetadata("FullPath")))
            {
                continue;
            }

            AddAssembly(facts.AssemblyReferences, Path.GetFileNameWithoutExtension(analyzer.ItemSpec), analyzer.ItemSpec + " (Analyzer)", analyzer, "Analyzer");
        }

        foreach (var framework in FrameworkReferences)
        {
            facts.FrameworkReferences.Add(new ReferenceFact(framework.ItemSpec, framework.ItemSpec,
                Locate(locator, framework, "FrameworkReference", framework.ItemSpec)));
        }

        foreach (var file in CopiedFiles)
        {
            if (NullIfEmpty(file.GetMetadata("NuGetPackageId")) is not null)
            {
                continue; // a package's content file: the package is gated
            }

            AddAssembly(facts.CopiedBinaries, Path.GetFileNameWithoutExtension(file.ItemSpec), file.ItemSpec, file, NullIfEmpty(file.GetMetadata("GovernanceItemType")) ?? "None");
        }

        return facts;
    }

    /// <summary>
    /// The declaration of an item in the repository. Items the SDK re-includes in a target (conflict resolution does
    /// so for references) or that the package's targets copy (the copied files) no longer name the file that wrote
    /// them: then the original (GovernanceDefinedIn), the project file, and the other repository files that define
    /// this project's items are searched.
    /// </summary>
    private DeclarationSite Locate(DeclarationLocator locator, ITaskItem item, string element, string include)
    {
        var defining = NullIfEmpty(item.GetMetadata("GovernanceDefinedIn")) ?? item.GetMetadata("DefiningProjectFullPath");
        var site = InToolset(defining) ? DeclarationSite.Unknown : locator.Find(defining, element, include);
        if (site.Line > 0)
        {
            return site;
        }

        var candidates = new List<string> { Path.Combine(GovernanceRoot, ProjectPath) };
        candidates.AddRange(PackageReferences.Concat(ProjectReferences).Concat(References).Concat(FrameworkReferences).Concat(Analyzers)
            .Select(i => i.GetMetadata("DefiningProjectFullPath")).Where(f => !string.IsNullOrEmpty(f) && !InToolset(f)).Distinct(StringComparer.Ordinal));
        foreach (var candidate in candidates)
        {
            var found = locator.Find(Path.GetFullPath(candidate), element, include);
            if (found.Line > 0)
            {
                return found;
            }
        }

        return site.File is null ? new DeclarationSite(Path.GetFullPath(candidates[0]), 0, 0) : site;
    }

    private static bool FromPackageOrFramework(ITaskItem item) =>
        NullIfEmpty(item.GetMetadata("NuGetPackageId")) is not null || NullIfEmpty(item.GetMetadata("FrameworkReferenceName")) is not null;

    private static bool IsFilePath(string include) =>
        include.IndexOf('/') >= 0 || include.IndexOf('\\') >= 0
        || include.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || include.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the path is under the SDK, MSBuild or the NuGet package cache; false when unsure.</summary>
    private bool InToolset(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        var full = Path.GetFullPath(path).Replace('\\', '/');
        foreach (var folder in ToolsetFolders)
        {
            if (string.IsNullOrWhiteSpace(folder))
            {
                continue;
            }

            var prefix = Path.GetFullPath(folder.Trim()).Replace('\\', '/').TrimEnd('/') + "/";
            if (full.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private readonly Dictionary<string, DeclarationSite> _centralSites = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A version decided centrally is fixed in Directory.Packages.props: GOV201 is located there.</summary>
    private Finding LocatedForTheUser(Finding finding)
    {
        if (finding.RuleId == Core.Rules.RuleIds.PackageVersionOutOfRange && finding.Subject is not null && _centralSites.TryGetValue(finding.Subject, out var central) && central.Line > 0)
        {
            return new Finding(finding.RuleId, finding.Message, central.File, central.Line, central.Column, finding.Subject, finding.Severity);
        }

        return finding;
    }

    private void WritePlanStates(GovernanceFiles files)
    {
        if (string.IsNullOrEmpty(PlanStatesFile))
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var assessment in files.Assessments)
        {
            text.Append(assessment.Plan.DispatchId).Append(' ').Append(assessment.State.ToWireName()).Append('\n');
        }

        // A CoreCompile input: a plan that expires re-runs the analyzers, an unchanged state list does not.
        AtomicFile.WriteIfChanged(PlanStatesFile!, text.ToString());
    }

    private string RelativeToRoot(string fullPath)
    {
        var root = Path.GetFullPath(GovernanceRoot).Replace('\\', '/').TrimEnd('/') + "/";
        var path = Path.GetFullPath(fullPath).Replace('\\', '/');
        return path.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? path.Substring(root.Length) : path;
    }

    /// <summary>Everything the result depends on, file stamps included; the clock is handled by validUntil.</summary>
    private string ComputeInputsHash()
    {
        var text = new StringBuilder();
        text.Append("v3|").Append(GovernanceRoot).Append('|').Append(ModuleGranularity).Append('|').Append(ProjectPath).Append('|').Append(TargetFramework).Append('|')
            .Append(RequireSignedPlans).Append('|').Append(Now).Append('|').Append(typeof(CheckGovernanceDependencies).Assembly.GetName().Version).Append('\n');
        AppendItems(text, "pr", PackageReferences, "Version", "VersionOverride", "IsImplicitlyDefined", "DefiningProjectFullPath");
        AppendItems(text, "pv", PackageVersions, "Version", "DefiningProjectFullPath");
        AppendItems(text, "gpr", GlobalPackageReferences, "Version", "DefiningProjectFullPath");
        AppendItems(text, "proj", ProjectReferences, "FullPath", "DefiningProjectFullPath");
        AppendItems(text, "ref", References, "HintPath", "NuGetPackageId", "FrameworkReferenceName", "DefiningProjectFullPath");
        AppendItems(text, "refpath", ReferencePaths, "NuGetPackageId", "FrameworkReferenceName", "ReferenceSourceTarget", "MSBuildSourceProjectFile", "ResolvedFrom", "OriginalItemSpec", "DefiningProjectFullPath");
        AppendItems(text, "fw", FrameworkReferences, "DefiningProjectFullPath");
        AppendItems(text, "analyzer", Analyzers, "NuGetPackageId", "MSBuildSourceProjectFile", "DefiningProjectFullPath");
        AppendItems(text, "copied", CopiedFiles, "NuGetPackageId", "GovernanceItemType", "GovernanceDefinedIn");
        text.Append("toolset|").Append(string.Join(";", ToolsetFolders)).Append('\n');
        var stamped = new List<string?> { ProjectAssetsFile, BaselineFile, AllowedSignersFile };
        stamped.AddRange(PlanFiles.Select(p => p.GetMetadata("FullPath")));
        stamped.AddRange(ExtraInputFiles.Select(p => p.GetMetadata("FullPath")));
        foreach (var item in PackageReferences.Concat(PackageVersions).Concat(GlobalPackageReferences).Concat(ProjectReferences).Concat(References).Concat(FrameworkReferences).Concat(Analyzers).Concat(CopiedFiles))
        {
            stamped.Add(item.GetMetadata("DefiningProjectFullPath"));
            stamped.Add(item.GetMetadata("GovernanceDefinedIn"));
        }

        foreach (var file in stamped.Where(f => !string.IsNullOrEmpty(f)).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
        {
            var info = new FileInfo(file!);
            text.Append("file|").Append(file).Append('|');
            text.Append(info.Exists ? info.Length.ToString(CultureInfo.InvariantCulture) + "|" + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) : "missing").Append('\n');
        }

        return ReceiptChain.Sha256Hex(text.ToString());
    }

    private static void AppendItems(StringBuilder text, string kind, ITaskItem[] items, params string[] metadata)
    {
        foreach (var item in items)
        {
            text.Append(kind).Append('|').Append(item.ItemSpec);
            foreach (var name in metadata)
            {
                text.Append('|').Append(item.GetMetadata(name));
            }

            text.Append('\n');
        }
    }

    private bool TryReuse(string inputsHash, DateTimeOffset now)
    {
        if (!File.Exists(OutputFile))
        {
            return false;
        }

        var previous = DependencyCheckOutput.Parse(File.ReadAllText(OutputFile), out _);
        return previous is not null && previous.Status != DependencyCheckStatus.Error && previous.InputsHash == inputsHash
            && (previous.ValidUntil is null || now < previous.ValidUntil.Value);
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
