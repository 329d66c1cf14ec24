using System.Diagnostics;
using System.Security.Cryptography;
using Governance.Build;
using Governance.Core.Baselines;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Json;
using Governance.Core.Modules;
using Governance.Core.Policy;
using Governance.Core.Receipts;
using Governance.Core.Rules;
using Governance.Metadata;

namespace Governance.Cli.Check;

/// <param name="Packages">A package folder restored by trusted code (`dotnet governance packages`): package files are
/// compared with it instead of the folders the build's restore output names.</param>
internal sealed record CheckOptions(string BaseRef, string? Configuration, string? AllowedSigners, DateTimeOffset Now, string Repository, string? Ledger, string? Packages = null);

/// <summary>The check's judgement of one project: every target framework it was built for.</summary>
internal sealed class ProjectCheck
{
    public required string Project { get; init; }

    /// <summary>The governance root, relative to the repository ("" or "dir/").</summary>
    public required string Root { get; init; }

    public List<string> TargetFrameworks { get; } = new();
    public List<Finding> Findings { get; } = new();
    public List<CheckEvidence> Evidence { get; } = new();
    public HashSet<string> DispatchIds { get; } = new(StringComparer.Ordinal);
    public string? BaselineDigest { get; set; }

    /// <summary>What a proposal would need: package id → resolved version of unapproved packages.</summary>
    public Dictionary<string, string> PackageVersions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Verdict Verdict => VerdictRules.Decide(Findings, Evidence);

    /// <summary>A check that could not run on what the build produced: a GOV900 finding and `build: not_run`.</summary>
    public void DidNotRun(string problem, string? file, string subject)
    {
        Findings.Add(new Finding(RuleIds.CheckDidNotRun, problem, file, 0, 0, subject));
        Evidence.Add(new CheckEvidence("build", CheckResult.NotRun, problem));
    }
}

internal sealed class CheckResultSet
{
    public required string BaseRef { get; init; }
    public required string BaseCommit { get; init; }
    public required string HeadCommit { get; init; }
    public required string Configuration { get; init; }
    public required string RepositoryRoot { get; init; }
    public List<ProjectCheck> Projects { get; } = new();

    /// <summary>Every plan file considered, per governance root, for the receipts' planDigests.</summary>
    public Dictionary<string, IReadOnlyList<PlanDigest>> PlanDigests { get; } = new(StringComparer.Ordinal);

    /// <summary>Projects of the head commit under no governance root of the base commit: not judged, listed.</summary>
    public List<string> Ungoverned { get; } = new();

    /// <summary>NuGet package folders of the restores judged and the .NET installation: shown as nuget:/sdk: paths.</summary>
    public HashSet<string> PackageFolders { get; } = new(StringComparer.Ordinal);
    public List<string> SdkFolders { get; } = new();

    /// <summary>How paths are shown relative to <paramref name="root"/> (the repository's or a governance root).</summary>
    public DisplayPaths PathsFor(string root) => new(root, PackageFolders, SdkFolders);

    public Verdict Verdict => Projects.Count == 0 ? Verdict.Hold : Projects.Select(p => p.Verdict).Max();
}

/// <summary>
/// `dotnet governance check`: judges what the build produced (assemblies, restore output, output folders) against
/// approvals from the base commit (<see cref="TrustedApprovals"/>). Nothing the build wrote about itself decides:
/// the build's receipts are only compared (GOV310).
/// </summary>
internal static class Checker
{
    private static readonly string[] s_projectExtensions = [".csproj", ".vbproj", ".fsproj"];

    public static CheckResultSet Run(CheckOptions options)
    {
        lock (s_hashes)
        {
            s_hashes.Clear(); // a cache for one run: the files change between builds
        }

        lock (s_packageFiles)
        {
            s_packageFiles.Clear();
        }

        var git = GitRepository.Open(options.Repository);
        var baseCommit = git.ResolveCommit(options.BaseRef);
        var headCommit = git.ResolveCommit("HEAD");
        var baseBlobs = git.ListBlobs(baseCommit);
        var baseFiles = baseBlobs.Keys.ToList();
        var headBlobs = git.ListBlobs(headCommit);
        var headFiles = headBlobs.Keys.ToList();

        var roots = GovernanceRoots(baseFiles);
        if (roots.Count == 0)
        {
            throw new CheckFailedException("the base commit " + baseCommit[..12] + " (" + options.BaseRef + ") has no .governance/ folder, so there is nothing approved to check against.");
        }

        // C#, VB and F# projects must have been built; any other *proj file of the commit is judged when restore ran for
        // it (an SDK project under another extension compiles like any other).
        var projects = headFiles.Where(f => s_projectExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))
                || (Path.GetExtension(f).EndsWith("proj", StringComparison.OrdinalIgnoreCase) && File.Exists(Path.Combine(git.Root, Path.GetDirectoryName(f) ?? string.Empty, "obj", "project.assets.json"))))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        var configuration = options.Configuration ?? DetectConfiguration(git.Root, projects);
        var result = new CheckResultSet { BaseRef = options.BaseRef, BaseCommit = baseCommit, HeadCommit = headCommit, Configuration = configuration, RepositoryRoot = git.Root };

        var frameworks = FrameworkAssemblies.FromInstallation();
        result.SdkFolders.Add(frameworks.Root);
        var approvalsByRoot = new Dictionary<string, TrustedApprovals>(StringComparer.Ordinal);
        var outputs = new List<(ProjectCheck Check, ProjectOutputs Outputs)>();
        foreach (var project in projects)
        {
            var root = roots.Where(r => project.StartsWith(r, StringComparison.Ordinal)).OrderByDescending(r => r.Length).FirstOrDefault();
            if (root is null)
            {
                result.Ungoverned.Add(project);
                continue;
            }

            if (!approvalsByRoot.ContainsKey(root))
            {
                approvalsByRoot[root] = TrustedApprovals.Load(git, baseCommit, headCommit, root, baseFiles, headFiles, options.AllowedSigners, options.Now);
            }

            var check = new ProjectCheck { Project = project[root.Length..], Root = root };
            result.Projects.Add(check);
            outputs.Add((check, ProjectOutputs.Find(git.Root, project, configuration, options.Packages)));
        }

        // Every project's own compiled output, so a binary copied into another project's output folder is known.
        var projectOutputHashes = new HashSet<string>(StringComparer.Ordinal);
        var byProjectFile = outputs.ToDictionary(o => Path.GetFullPath(Path.Combine(git.Root, o.Check.Root, o.Check.Project)), o => o, StringComparer.Ordinal);
        var projectAssemblyNames = byProjectFile.ToDictionary(p => p.Key,
            p => new HashSet<string>(p.Value.Outputs.Targets.SelectMany(t => t.Assemblies).Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);
        foreach (var assembly in outputs.SelectMany(o => o.Outputs.Targets).SelectMany(t => t.Assemblies.Concat(t.Satellites)))
        {
            projectOutputHashes.Add(Sha256(assembly));
        }

        bool OtherProjectBuild(string file, IReadOnlyList<string> dependencies) =>
            dependencies.Any(d => byProjectFile.TryGetValue(d, out var dependency)
                && IsApprovedBuildOf(file, dependency.Check, dependency.Outputs, approvalsByRoot[dependency.Check.Root], git.Root, headBlobs));

        foreach (var (check, found) in outputs)
        {
            var approvals = approvalsByRoot[check.Root];
            var compiled = new HashSet<string>(StringComparer.Ordinal);
            result.PackageFolders.UnionWith(found.Assets?.PackageFolders ?? []);
            JudgeProject(check, found, approvals, baseFiles, headBlobs, compiled, frameworks, projectOutputHashes, projectAssemblyNames, git.Root, OtherProjectBuild);
            if (found.Problem is null && found.Targets.All(t => t.Assemblies.Count > 0))
            {
                RequireCompiled(check, projects, baseBlobs, headBlobs, compiled, git.Root);
            }
        }

        var strays = StrayProjects(git.Root, projects);
        foreach (var (root, approvals) in approvalsByRoot)
        {
            JudgeBaselineChanges(git, baseCommit, headCommit, root, baseFiles, headFiles, approvals, result);
            result.PlanDigests[root] = approvals.Digests;
            var shared = new ProjectCheck { Project = "*", Root = root };
            shared.Findings.AddRange(approvals.Findings);
            foreach (var (assets, project) in strays.Where(s => s.Project.StartsWith(Path.Combine(git.Root, root), StringComparison.Ordinal)))
            {
                var problem = "A project that is not a project file of the head commit was restored and built (" + Relative(git.Root, project) + ", " + Relative(git.Root, assets)
                    + "): a build that writes and builds its own projects ships output the check does not judge.";
                shared.DidNotRun(problem, assets, Relative(git.Root, project));
            }

            shared.Evidence.Add(new CheckEvidence("plans", approvals.Findings.Any(f => f.Severity == RuleSeverity.Error) ? CheckResult.Fail : CheckResult.Pass,
                approvals.Plans.Count(p => p.Approves) + " trusted plan(s); trust root " + approvals.TrustRootDescription));
            result.Projects.Add(shared);
            CompareBuildReceipts(options.Ledger ?? ReceiptLedger.DefaultPathFor(Path.Combine(git.Root, root)), headCommit, result, root, shared);
        }

        return result;
    }

    private static void JudgeProject(ProjectCheck check, ProjectOutputs found, TrustedApprovals approvals, IReadOnlyList<string> baseFiles,
        IReadOnlyDictionary<string, string> headBlobs, ISet<string> compiled, FrameworkAssemblies frameworks,
        HashSet<string> projectOutputHashes, Dictionary<string, HashSet<string>> projectAssemblyNames, string repositoryRoot,
        Func<string, IReadOnlyList<string>, bool> otherProjectBuild)
    {
        var baseline = approvals.BaselineFor(check.Project);
        check.BaselineDigest = baseline.Sha256;
        var plans = approvals.PlansFor(check.Project);
        foreach (var plan in plans.Where(p => p.Approves))
        {
            check.DispatchIds.Add(plan.Plan.DispatchId);
        }

        var projectFile = Path.Combine(repositoryRoot, check.Root, check.Project);
        if (found.Problem is not null)
        {
            check.DidNotRun(found.Problem, projectFile, check.Project);
            return;
        }

        frameworks.AddFromPackages(found.Assets!);
        var modules = 0;
        var binaries = 0;
        var sourceFiles = 0;
        foreach (var target in found.Targets)
        {
            check.TargetFrameworks.Add(target.Restore.Alias);
            var tfm = target.Restore.Alias;
            var baselineTarget = baseline.Baseline?.GetTarget(tfm);
            var granularity = baselineTarget?.ModuleGranularity ?? baseline.Baseline?.Targets.Values.FirstOrDefault()?.ModuleGranularity ?? approvals.DefaultGranularity(baseFiles);
            if (target.Assemblies.Count == 0)
            {
                var problem = "'" + check.Project + "' (" + tfm + ") has no compiled output in " + Relative(repositoryRoot, target.IntermediateFolder)
                    + ": it was not built with configuration " + found.Configuration + ", or its output was moved. Build it (default output paths) before the check; a project the check cannot see is not a pass.";
                check.DidNotRun(problem, projectFile, check.Project);
                continue;
            }

            // Modules: every top-level type of the assemblies the compiler produced.
            var moduleApprovals = new ModuleApprovals(baselineTarget, plans);
            var embedded = new List<OutputBinaryFact>();
            var referenced = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var assembly in target.Assemblies)
            {
                AssemblyInventory? inventory;
                try
                {
                    inventory = AssemblyModuleReader.Read(assembly, ModuleDefinition.IsNamespaceGranularity(granularity));
                }
                catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or IOException)
                {
                    // Build output is data the branch produced: a file that cannot be read is a finding, never a pass.
                    var problem = "The compiled output " + Relative(repositoryRoot, assembly) + " of '" + check.Project + "' (" + tfm + ") cannot be read as an assembly: " + ex.Message;
                    check.Findings.Add(new Finding(RuleIds.CheckDidNotRun, problem, assembly, 0, 0, check.Project));
                    check.Evidence.Add(new CheckEvidence("modules", CheckResult.Error, problem));
                    continue;
                }

                if (inventory is null)
                {
                    continue;
                }

                foreach (var resource in EmbeddedBinaries.Find(assembly))
                {
                    binaries++;
                    embedded.Add(new OutputBinaryFact(assembly + "!" + resource, Path.GetFileNameWithoutExtension(resource), BinaryOrigin.Unknown));
                }

                var stale = SourceFreshness.Verify(assembly, repositoryRoot, headBlobs, compiled, out var sourcesVerified);
                if (stale is not null)
                {
                    var problem = "The compiled output " + Relative(repositoryRoot, assembly) + " of '" + check.Project + "' (" + tfm + ") cannot be judged as the head commit's: " + stale
                        + ". Build the head commit (a fresh clone or a clean build) before the check.";
                    check.DidNotRun(problem, assembly, check.Project);
                }
                else
                {
                    sourceFiles += sourcesVerified;
                }

                referenced.UnionWith(inventory.AssemblyReferences);
                SourceLocations? sources = null;
                var judgement = ModuleJudgement.Of(moduleApprovals, inventory.Modules);
                modules += judgement.Checked;
                foreach (var unapproved in judgement.Unapproved)
                {
                    var module = unapproved.Module;
                    sources ??= SourceLocations.Read(assembly, ModuleDefinition.IsNamespaceGranularity(granularity));
                    var written = sources.Find(module) is { } at && File.Exists(at.File) && at.File.StartsWith(repositoryRoot, StringComparison.Ordinal) ? at : ((string File, int Line)?)null;
                    check.Findings.Add(new Finding(RuleIds.UnapprovedModule,
                        (granularity == "Namespace" ? "Namespace '" : "Type '") + module + "' in " + Path.GetFileName(assembly) + " (" + tfm + ") of '" + check.Project
                        + "' is neither in the base commit's baseline nor covered by a trusted plan" + (unapproved.Decision.Explanation ?? string.Empty)
                        + ". Have a plan approve it (merged on the base branch, or signed by a trusted signer), or remove it.",
                        written?.File ?? assembly, written?.Line ?? 0, written is null ? 0 : 1, module));
                }
            }

            // A binary embedded as a resource is judged like one in the output folder (approved only by name).
            check.Findings.AddRange(new OutputChecker(check.Project, tfm, baselineTarget, plans).CheckBinaries(embedded));

            // Dependencies: what restore resolved, judged by the same Core check as in the build.
            var facts = new DependencyFacts { Graph = target.Restore.Graph };
            var projectText = File.Exists(projectFile) ? File.ReadAllText(projectFile) : string.Empty;
            foreach (var (id, version) in target.Restore.Packages.Where(p => !IsOwnPackage(p.Key)))
            {
                facts.ResolvedPackages.Add(new PackageFact(id, version));
                check.PackageVersions[id] = version;
            }

            foreach (var (id, requested) in target.Restore.DirectPackages.Where(p => !IsOwnPackage(p.Key)))
            {
                target.Restore.Packages.TryGetValue(id, out var resolved);
                // The SDK's implicit packages (ILLink, the runtime packs) are recorded by the build's baseline among the
                // transitive ones, at their version: there they need no plan. Anything else implicit is judged as direct.
                if (target.Restore.AutoReferenced.Contains(id) && resolved is not null
                    && baselineTarget?.FindTransitivePackage(id) is { } known && string.Equals(known.Version, resolved, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                facts.DirectPackages.Add(new DirectPackageFact(id, requested, resolved, Locate(projectFile, projectText, id)));
            }

            foreach (var reference in target.Restore.ProjectReferences)
            {
                var relative = Path.GetRelativePath(Path.Combine(repositoryRoot, check.Root), reference).Replace('\\', '/');
                facts.ProjectReferences.Add(new ReferenceFact(relative, reference, Locate(projectFile, projectText, Path.GetFileName(reference)))
                {
                    LibraryName = found.Assets!.ProjectLibraryNames.TryGetValue(Path.GetFullPath(reference), out var library) ? library : null,
                });
            }

            var dependencies = new DependencyChecker(check.Project, baselineTarget, plans, NuGetVersionRanges.Instance);
            var dependencyFindings = dependencies.Check(facts);
            var output = new OutputChecker(check.Project, tfm, baselineTarget, plans);
            dependencyFindings.AddRange(output.CheckFrameworkReferences(target.Restore.FrameworkReferences, projectFile));

            // Binaries in the output folder, and assemblies the compiled code references.
            if (!Directory.Exists(target.OutputFolder))
            {
                var problem = "'" + check.Project + "' (" + tfm + ") was compiled but has no output folder " + Relative(repositoryRoot, target.OutputFolder)
                    + ": its output went elsewhere (OutDir, OutputPath), where the check does not judge it. Build with the default output paths.";
                check.DidNotRun(problem, projectFile, check.Project);
            }

            var binaryFacts = new List<OutputBinaryFact>();
            foreach (var file in target.OutputBinaries)
            {
                binaries++;
                binaryFacts.Add(new OutputBinaryFact(file, Path.GetFileNameWithoutExtension(file), Attribute(file, [target], found, projectOutputHashes, frameworks, otherProjectBuild)));
            }

            // Binaries outside the target frameworks' output folders are judged once, by the first target; any target
            // that accounts for one accounts for it.
            if (ReferenceEquals(target, found.Targets[0]))
            {
                foreach (var file in found.StrayBinaries)
                {
                    binaries++;
                    binaryFacts.Add(new OutputBinaryFact(file, Path.GetFileNameWithoutExtension(file), Attribute(file, found.Targets, found, projectOutputHashes, frameworks, otherProjectBuild)));
                }
            }

            dependencyFindings.AddRange(output.CheckBinaries(binaryFacts));
            // Any assembly of a resolved package (compile assets, and what its build files add: NETStandard.Library's
            // netstandard.dll is a build/ file), never of the gate's own package.
            var packageAssemblyNames = new HashSet<string>(target.Restore.Packages.Keys.Where(id => !IsOwnPackage(id))
                .SelectMany(id => PackageFiles(found.Assets!, id))
                .Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);
            // A project's assembly accounts for a reference only when restore says this project depends on that project:
            // naming a new project after a raw DLL does not launder the DLL.
            var projectNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var dependency in target.Restore.ProjectDependencies)
            {
                projectNames.UnionWith(projectAssemblyNames.TryGetValue(dependency, out var names) ? names : []);
            }

            var unaccounted = referenced.Where(name => !frameworks.Contains(name, target.Restore.FrameworkReferences) && !packageAssemblyNames.Contains(name) && !projectNames.Contains(name));
            dependencyFindings.AddRange(output.CheckReferencedAssemblies(unaccounted, target.Assemblies[0]));
            foreach (var finding in dependencyFindings)
            {
                check.Findings.Add(finding);
            }
        }

        check.Evidence.Add(new CheckEvidence("modules", check.Findings.Any(f => f.RuleId == RuleIds.UnapprovedModule) ? CheckResult.Fail : CheckResult.Pass,
            modules + " module(s) read from the compiled assemblies of " + string.Join(", ", check.TargetFrameworks) + ", compiled from " + sourceFiles
            + " source file(s) that match the head commit"));
        check.Evidence.Add(new CheckEvidence("dependencies", check.Findings.Any(f => f.Severity == RuleSeverity.Error && f.RuleId.StartsWith("GOV2", StringComparison.Ordinal)) ? CheckResult.Fail : CheckResult.Pass,
            "packages, project and framework references from the restore output"));
        check.Evidence.Add(new CheckEvidence("binaries", check.Findings.Any(f => f.RuleId is RuleIds.UnapprovedBinary or RuleIds.UnapprovedAssemblyReference) ? CheckResult.Fail : CheckResult.Pass,
            binaries + " binar(ies) in the output folders accounted for"));
    }

    /// <summary>
    /// A referenced project's assembly in another project's output that is not byte for byte its current compiled
    /// output: the same project built more than once in one build with other global properties (a RuntimeIdentifier
    /// flowed by an app) leaves the copy of an earlier compile. It counts as that project's output only when it is
    /// judged as one: its name is that project's assembly, it was compiled from the head commit's sources, and every
    /// module in it is approved for that project.
    /// </summary>
    private static bool IsApprovedBuildOf(string file, ProjectCheck project, ProjectOutputs outputs, TrustedApprovals approvals, string repositoryRoot,
        IReadOnlyDictionary<string, string> headBlobs)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        if (!outputs.Targets.SelectMany(t => t.Assemblies).Any(a => string.Equals(Path.GetFileNameWithoutExtension(a), name, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        try
        {
            var baseline = approvals.BaselineFor(project.Project).Baseline;
            var namespaceGranularity = ModuleDefinition.IsNamespaceGranularity(baseline?.Targets.Values.FirstOrDefault()?.ModuleGranularity);
            var inventory = AssemblyModuleReader.Read(file, namespaceGranularity);
            if (inventory is null || SourceFreshness.Verify(file, repositoryRoot, headBlobs, new HashSet<string>(), out _) is not null)
            {
                return false;
            }

            var plans = approvals.PlansFor(project.Project);
            var byTarget = (baseline?.Targets.Values ?? []).Select(t => new ModuleApprovals(t, plans)).DefaultIfEmpty(new ModuleApprovals(null, plans)).ToList();
            return inventory.Modules.All(m => byTarget.Any(a => a.Evaluate(m).Approved));
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    /// <summary>Every C# file the branch adds or changes in a project's folder must be in what the project compiled
    /// (the PDB lists every file the compiler read): outputs of another commit, such as the base's, swapped in by code in
    /// the build, would otherwise hide a new file's types.</summary>
    private static void RequireCompiled(ProjectCheck check, IReadOnlyList<string> projects, IReadOnlyDictionary<string, string> baseBlobs,
        IReadOnlyDictionary<string, string> headBlobs, HashSet<string> compiled, string repositoryRoot)
    {
        var project = check.Root + check.Project;
        var folder = Path.GetDirectoryName(project)?.Replace('\\', '/') is { Length: > 0 } dir ? dir + "/" : string.Empty;
        var nested = projects.Select(p => Path.GetDirectoryName(p)?.Replace('\\', '/') + "/").Where(d => d.Length > folder.Length && d.StartsWith(folder, StringComparison.Ordinal)).ToList();
        foreach (var (path, blob) in headBlobs)
        {
            if (!path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || !path.StartsWith(folder, StringComparison.Ordinal)
                || nested.Any(n => path.StartsWith(n, StringComparison.Ordinal)) || compiled.Contains(path)
                || (baseBlobs.TryGetValue(path, out var before) && before == blob))
            {
                continue;
            }

            var segments = path[folder.Length..].Split('/');
            if (segments.Length > 1 && segments[0] is "bin" or "obj")
            {
                continue;
            }

            var problem = path + " is new or changed on the branch but is not in what '" + check.Project + "' compiled: the output is not the head commit's "
                + "(built from another commit, or swapped by the build), or the file is excluded from compilation. Build the head commit before the check, "
                + "and delete C# files that are not meant to be compiled.";
            check.DidNotRun(problem, Path.Combine(repositoryRoot, path), path);
        }
    }

    private static BinaryOrigin Attribute(string file, IReadOnlyList<TargetOutputs> targets, ProjectOutputs found, HashSet<string> projectOutputHashes, FrameworkAssemblies frameworks,
        Func<string, IReadOnlyList<string>, bool> otherProjectBuild)
    {
        foreach (var target in targets)
        {
            var origin = Origin(file, target, projectOutputHashes, found.Assets!, frameworks);
            if (origin != BinaryOrigin.Unknown || otherProjectBuild(file, target.Restore.ProjectDependencies))
            {
                return origin == BinaryOrigin.Unknown ? BinaryOrigin.ProjectOutput : origin;
            }
        }

        return BinaryOrigin.Unknown;
    }

    private static BinaryOrigin Origin(string file, TargetOutputs target, HashSet<string> projectOutputHashes, RestoreAssets assets, FrameworkAssemblies installation)
    {
        var hash = Sha256(file);
        if (projectOutputHashes.Contains(hash))
        {
            return BinaryOrigin.ProjectOutput;
        }

        // Byte for byte a file of a package this target resolved: a runtime asset, or a file the package's own build
        // files copy (test adapters, native helpers). The package itself is judged as a dependency.
        // The files are those in the package's own folder, never the list the restore output gives (which the build
        // could point anywhere, its own output included).
        var name = Path.GetFileName(file);
        foreach (var id in target.Restore.Packages.Keys.Where(id => !IsOwnPackage(id)))
        {
            if (PackageFiles(assets, id).Any(candidate => string.Equals(Path.GetFileName(candidate), name, StringComparison.OrdinalIgnoreCase) && Sha256(candidate) == hash))
            {
                return BinaryOrigin.PackageAsset;
            }
        }

        if (installation.InstallationFiles(name, target.Restore.FrameworkReferences).Any(candidate => Sha256(candidate) == hash))
        {
            return BinaryOrigin.PackageAsset;
        }

        // The app host (App, or App.exe, beside App.dll) is the SDK's launcher template with the assembly's name
        // written into it: byte for byte a template of the installation but for that one placeholder.
        var stem = name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(name) : name;
        if ((stem == "apphost" || target.Assemblies.Any(a => string.Equals(Path.GetFileNameWithoutExtension(a), stem, StringComparison.OrdinalIgnoreCase)))
            && !AssemblyModuleReader.IsManagedAssembly(file) && installation.AppHostTemplates().Any(t => IsPatchedTemplate(file, t)))
        {
            return BinaryOrigin.ProjectOutput;
        }

        return BinaryOrigin.Unknown;
    }

    private static readonly Dictionary<string, List<string>> s_packageFiles = new(StringComparer.Ordinal);

    /// <summary>The files in a package's folder (&lt;package folder&gt;/&lt;id&gt;/&lt;version&gt;/, the path already checked
    /// to be the package's own), enumerated from disk once per run.</summary>
    private static List<string> PackageFiles(RestoreAssets assets, string id)
    {
        var files = new List<string>();
        foreach (var folder in assets.PackageFolders)
        {
            var packageFolder = Path.GetFullPath(Path.Combine(folder, assets.PackagePaths.TryGetValue(id, out var path) ? path : id.ToLowerInvariant()));
            lock (s_packageFiles)
            {
                if (!s_packageFiles.TryGetValue(packageFolder, out var listed))
                {
                    s_packageFiles[packageFolder] = listed = Directory.Exists(packageFolder)
                        ? Directory.EnumerateFiles(packageFolder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).ToList()
                        : [];
                }

                files.AddRange(listed);
            }
        }

        return files;
    }

    /// <summary>Same length as the template, and every differing byte within one window the size of the SDK's
    /// placeholder for the application's path (1,024 bytes).</summary>
    private static bool IsPatchedTemplate(string file, string template)
    {
        var actual = File.ReadAllBytes(file);
        var expected = File.ReadAllBytes(template);
        if (actual.Length != expected.Length)
        {
            return false;
        }

        var first = actual.AsSpan().CommonPrefixLength(expected);
        if (first == actual.Length)
        {
            return true;
        }

        var last = actual.Length - 1;
        while (actual[last] == expected[last])
        {
            last--;
        }

        return last - first < 1024;
    }

    private static void JudgeBaselineChanges(GitRepository git, string baseCommit, string headCommit, string root, IReadOnlyList<string> baseFiles, IReadOnlyList<string> headFiles,
        TrustedApprovals approvals, CheckResultSet result)
    {
        var folder = root + GovernancePaths.BaselineFolder + "/";
        var baseSet = new HashSet<string>(baseFiles, StringComparer.Ordinal);
        foreach (var path in headFiles.Where(p => p.StartsWith(folder, StringComparison.Ordinal) && p.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
        {
            var head = git.Show(headCommit, path)!;
            if (baseSet.Contains(path) && git.Show(baseCommit, path) is { } old && old.AsSpan().SequenceEqual(head))
            {
                continue;
            }

            var project = path[folder.Length..^".json".Length];
            var check = result.Projects.FirstOrDefault(p => p.Root == root && GovernancePaths.Comparer.Equals(p.Project, project));
            if (check is null)
            {
                check = new ProjectCheck { Project = project, Root = root };
                result.Projects.Add(check);
            }

            var file = Path.Combine(result.RepositoryRoot, path);
            var read = BaselineSerializer.Read(path, System.Text.Encoding.UTF8.GetString(head));
            if (read.Baseline is null)
            {
                check.Findings.AddRange(read.Issues.Select(i => new Finding(i.RuleId, i.Message + " (the branch's baseline)", file, 1, 1, path)));
                continue;
            }

            var findings = BaselineChangeChecker.Check(project, approvals.BaselineFor(project).Baseline, read.Baseline, approvals.PlansFor(project), NuGetVersionRanges.Instance, file);
            check.Findings.AddRange(findings);
            check.Evidence.Add(new CheckEvidence("baseline", findings.Any(f => f.Severity == RuleSeverity.Error) ? CheckResult.Fail : CheckResult.Pass,
                "the branch changes " + path + "; " + findings.Count + " addition(s) without a trusted approval"));
        }
    }

    /// <summary>The build's receipts for the head commit are compared, never trusted: a build receipt that says
    /// approve where the check holds is a tamper finding (GOV310), and so is a broken chain.</summary>
    private static void CompareBuildReceipts(string ledger, string headCommit, CheckResultSet result, string root, ProjectCheck shared)
    {
        if (!File.Exists(ledger))
        {
            shared.Evidence.Add(new CheckEvidence("receipts", CheckResult.Pass, "no build receipts at " + Relative(result.RepositoryRoot, ledger) + " to compare"));
            return;
        }

        var verification = LedgerVerifier.VerifyFile(ledger);
        foreach (var problem in verification.Problems.Where(p => p.Kind != LedgerProblemKind.TornTail))
        {
            shared.Findings.Add(new Finding(RuleIds.ReceiptContradicted, "The receipt ledger's hash chain is broken at line " + problem.Line + ": " + problem.Message
                + ". Receipts were changed or removed after they were written.", ledger, (int)problem.Line, 1, Relative(result.RepositoryRoot, ledger)));
        }

        var contradicted = 0;
        var latest = verification.Records.Select(r => r.Value)
            .Where(r => r["commit"]?.StringValue == headCommit && r["source"]?.StringValue is null)
            .GroupBy(r => (r["project"]?.StringValue ?? string.Empty) + "|" + (r["targetFramework"]?.StringValue ?? string.Empty))
            .Select(g => g.Last());
        foreach (var receipt in latest)
        {
            var project = receipt["project"]?.StringValue ?? string.Empty;
            var check = result.Projects.FirstOrDefault(p => p.Root == root && GovernancePaths.Comparer.Equals(p.Project, project));
            var said = receipt["verdict"]?.StringValue;
            if (check is not null && said != "hold" && check.Verdict == Verdict.Hold)
            {
                contradicted++;
                var reasons = string.Join(", ", check.Findings.Where(f => f.Severity == RuleSeverity.Error).Select(f => f.RuleId).Distinct());
                check.Findings.Add(new Finding(RuleIds.ReceiptContradicted,
                    "The build's receipt for '" + project + "' (" + receipt["targetFramework"]?.StringValue + ") says " + said + ", but the trusted check holds it (" + reasons + "). "
                    + "The build's own gate was bypassed or its receipt forged: look for a changed governance property, a custom target or an edited ledger on the branch.",
                    ledger, 0, 0, project));
            }
        }

        shared.Evidence.Add(new CheckEvidence("receipts", verification.Problems.Any(p => p.Kind != LedgerProblemKind.TornTail) || contradicted > 0 ? CheckResult.Fail : CheckResult.Pass,
            verification.Records.Count + " receipt(s) in the ledger; " + contradicted + " build receipt(s) of " + headCommit[..12] + " contradicted by the check"));
    }

    /// <summary>Every restore output in the working tree whose project is not one the check judges.</summary>
    private static List<(string Assets, string Project)> StrayProjects(string repositoryRoot, IReadOnlyList<string> projects)
    {
        var judged = new HashSet<string>(projects.Select(p => Path.GetFullPath(Path.Combine(repositoryRoot, p))), StringComparer.Ordinal);
        var strays = new List<(string, string)>();
        foreach (var assets in RestoreAssets.FindAll(repositoryRoot))
        {
            string? project;
            try
            {
                project = RestoreAssets.ProjectPathOf(assets);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                project = null;
            }

            project = project is null ? assets : Path.GetFullPath(project);
            if (!judged.Contains(project))
            {
                strays.Add((assets, project));
            }
        }

        return strays;
    }

    /// <summary>Appends one receipt per project (and one for repository-wide findings) to each root's ledger.</summary>
    public static void AppendReceipts(CheckResultSet result, string? ledgerOverride, string toolVersion, long durationMs)
    {
        foreach (var check in result.Projects)
        {
            var rootPath = Path.Combine(result.RepositoryRoot, check.Root);
            var ledger = ledgerOverride ?? ReceiptLedger.DefaultPathFor(rootPath);
            var receipt = new Receipt
            {
                Timestamp = DateTimeOffset.UtcNow,
                Project = check.Project,
                TargetFramework = check.TargetFrameworks.Count == 0 ? null : string.Join(";", check.TargetFrameworks),
                Configuration = result.Configuration,
                Commit = result.HeadCommit,
                BaselineDigest = check.BaselineDigest,
                Mode = "Check",
                Verdict = check.Verdict,
                ToolVersion = toolVersion,
                DurationMs = durationMs,
                GovernanceRoot = rootPath,
                Paths = result.PathsFor(rootPath),
                Source = "check",
                BaseCommit = result.BaseCommit,
                BuildId = BuildIds.Resolve(null, Environment.GetEnvironmentVariable),
            };
            foreach (var id in check.DispatchIds)
            {
                receipt.DispatchIds.Add(id);
            }

            foreach (var digest in result.PlanDigests.TryGetValue(check.Root, out var digests) ? digests : [])
            {
                receipt.PlanDigests.Add(digest);
            }

            foreach (var evidence in check.Evidence)
            {
                receipt.Evidence.Add(evidence);
            }

            foreach (var finding in check.Findings)
            {
                receipt.Violations.Add(finding);
            }

            ReceiptLedger.Append(ledger, _ => receipt.ToJson());
        }
    }

    /// <summary>Folders of the base commit that hold .governance/ ("" for the repository root, else "dir/").</summary>
    private static List<string> GovernanceRoots(IReadOnlyList<string> files)
    {
        var roots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var index = ("/" + file).IndexOf("/" + GovernancePaths.GovernanceFolder + "/", StringComparison.Ordinal);
            if (index >= 0)
            {
                roots.Add(file[..index]);
            }
        }

        return roots.ToList();
    }

    private static string DetectConfiguration(string repositoryRoot, IReadOnlyList<string> projects)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var obj = Path.Combine(repositoryRoot, Path.GetDirectoryName(project) ?? string.Empty, "obj");
            if (Directory.Exists(obj))
            {
                foreach (var folder in Directory.EnumerateDirectories(obj))
                {
                    var name = Path.GetFileName(folder);
                    if (Directory.EnumerateDirectories(folder).Any())
                    {
                        seen.Add(name);
                    }
                }
            }
        }

        return seen.Count switch
        {
            1 => seen.Min!,
            0 => "Debug",
            _ => throw new CheckFailedException("outputs of several configurations were found (" + string.Join(", ", seen) + "); pass --configuration with the one CI built."),
        };
    }

    /// <summary>The gate itself is not a dependency of the code it governs (as in the build's dependency check); its
    /// package has no runtime assets, so nothing in an output folder can be attributed to it.</summary>
    private static bool IsOwnPackage(string id) => string.Equals(id, "Governance.Analyzers", StringComparison.OrdinalIgnoreCase);

    /// <summary>The line of the project file that names an item, so a CI annotation points at it; else the file.</summary>
    private static DeclarationSite Locate(string projectFile, string text, string name)
    {
        var index = text.IndexOf("\"" + name + "\"", StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            index = text.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        }

        if (index < 0)
        {
            return new DeclarationSite(projectFile, 0, 0);
        }

        var line = 1 + text.AsSpan(0, index).Count('\n');
        var column = index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1) + 1;
        return new DeclarationSite(projectFile, line, column);
    }

    internal static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static readonly Dictionary<string, string> s_hashes = new(StringComparer.Ordinal);

    internal static string Sha256(string path)
    {
        lock (s_hashes)
        {
            if (s_hashes.TryGetValue(path, out var known))
            {
                return known;
            }
        }

        using var stream = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        lock (s_hashes)
        {
            s_hashes[path] = hash;
        }

        return hash;
    }
}
