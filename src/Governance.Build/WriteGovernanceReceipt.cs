using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Governance.Core.Baselines;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Modules;
using Governance.Core.Policy;
using Governance.Core.Receipts;
using Governance.Core.Rules;
using Governance.Metadata;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Governance.Build;

/// <summary>
/// The last step of every governed build, on success and on failure. A thin host over Core's
/// <see cref="ReceiptJudgement"/>: it reads what the earlier steps left (the dependency check's output, the build
/// facts, with GovernanceCompilerLog the compiler's log) and what MSBuild says (settings, global properties, warning
/// promotion), lets Core judge them, then appends one chained receipt to the ledger, logs the findings the compiler
/// did not print, leaves the module summary for referencing projects, and in Enforce mode fails the build on hold.
/// With GovernanceUpdateBaseline it writes the project's baseline section instead, and the receipt says hold: what was
/// recorded was not checked, so an update never reads as an approved build (and never fails one: updating is not gating).
/// </summary>
public sealed class WriteGovernanceReceipt : Task
{
    [Required] public string GovernanceRoot { get; set; } = string.Empty;
    [Required] public string ProjectPath { get; set; } = string.Empty;
    [Required] public string ReceiptsPath { get; set; } = string.Empty;
    [Required] public string DependenciesFile { get; set; } = string.Empty;
    public string? TargetFramework { get; set; }
    public string? Configuration { get; set; }

    /// <summary>NuGet package folders and the SDK's folders: receipts show files there as nuget:/sdk: paths.</summary>
    public string[] PackageFolders { get; set; } = Array.Empty<string>();
    public string[] SdkFolders { get; set; } = Array.Empty<string>();

    /// <summary>The compiler's SARIF log, only with GovernanceCompilerLog=true (see <see cref="ReadCompilerLogEvidence"/>).</summary>
    public string? ErrorLog { get; set; }

    /// <summary>Where this compile writes the build facts (under CompilerGeneratedFilesOutputPath).</summary>
    public string? BuildFactsFile { get; set; }

    /// <summary>The facts of the last compile that ran, kept for builds in which CoreCompile is skipped.</summary>
    public string? LastBuildFactsFile { get; set; }

    /// <summary>The compiler ran in this build (CoreCompile's TargetsTriggeredByCompilation).</summary>
    public bool CompileRan { get; set; }

    /// <summary>CoreCompile completed (ran or was skipped as up to date) instead of failing.</summary>
    public bool CompileCompleted { get; set; }

    /// <summary>The build got to CoreCompile (the targets before it ran): with <see cref="CompileCompleted"/> false,
    /// the compiler failed.</summary>
    public bool CompileReached { get; set; }

    /// <summary>ResolveProjectReferences started and did not finish: a referenced project failed to build, which
    /// that project reports; this one's checks did not run because of it.</summary>
    public bool ReferencesFailed { get; set; }

    /// <summary>@(ProjectReference), named when <see cref="ReferencesFailed"/>.</summary>
    public ITaskItem[] ProjectReferences { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where the results extracted from the error log are kept, so that a build that did not recompile
    /// replays them instead of parsing the unchanged log again (see <see cref="CompilerLog.ReadWithSummary"/>).</summary>
    public string? CompilerLogSummaryFile { get; set; }
    public string Mode { get; set; } = "Enforce";
    public string? Commit { get; set; }

    /// <summary>GovernanceBuildId: names the build this receipt belongs to; else the CI run's id (BuildIds).</summary>
    public string? BuildId { get; set; }
    public bool UpdateBaseline { get; set; }
    public string? BaselineFile { get; set; }

    /// <summary>Lock for baseline updates; in the project's obj folder so that no lock file lands in .governance/.
    /// Inner builds of one multi-targeted project share it (they write the same baseline file).</summary>
    public string? BaselineLockFile { get; set; }
    public string ModuleGranularity { get; set; } = "Type";

    /// <summary>Where to keep this project's <see cref="ModuleSummary"/> for the projects that reference it (the
    /// package's targets hand them this path with the project's build output).</summary>
    public string? ModuleSummaryFile { get; set; }

    /// <summary>The compiled assembly in obj/ (@(IntermediateAssembly)): the baseline update records the modules
    /// its metadata declares, as `dotnet governance check` reads them, generators' types included.</summary>
    public string? IntermediateAssembly { get; set; }
    public string? RunAnalyzers { get; set; }
    public string? RunAnalyzersDuringBuild { get; set; }
    public string? NoWarn { get; set; }
    public string? WarningsNotAsErrors { get; set; }

    /// <summary>The governance ids the package's targets added to WarningsNotAsErrors (governance warnings stay
    /// warnings under TreatWarningsAsErrors): the package's own setting, not the repository's, so no GOV301.</summary>
    public string? PackageWarningsNotAsErrors { get; set; }

    /// <summary>Items "Name" with metadata PropsValue (after Directory.Build.props), FileValue (after every file
    /// imported before the package's targets), UsedValue (the global value or the default the targets put back) and
    /// IsGlobal (the targets' probe).</summary>
    public ITaskItem[] PropertySnapshots { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The global analyzer config files the compiler reads (@(GlobalAnalyzerConfigFiles),
    /// @(EditorConfigFiles)), except the one MSBuild generates from CompilerVisibleProperty.</summary>
    public ITaskItem[] AnalyzerConfigFiles { get; set; } = Array.Empty<ITaskItem>();

    public string? Now { get; set; }

    [Output] public string Verdict { get; set; } = string.Empty;

    public override bool Execute()
    {
        var watch = Stopwatch.StartNew();
        var audit = string.Equals(Mode, "Audit", StringComparison.OrdinalIgnoreCase);
        var receipt = new Receipt
        {
            Timestamp = ParseNow() ?? DateTimeOffset.UtcNow,
            Project = ProjectPath,
            TargetFramework = NullIfEmpty(TargetFramework),
            Configuration = NullIfEmpty(Configuration),
            Commit = GitCommit.Resolve(Commit, GovernanceRoot, Environment.GetEnvironmentVariable),
            Dirty = WorkingTree.IsDirty(BuildEngine, GovernanceRoot, ReceiptsPath),
            BuildId = BuildIds.Resolve(BuildId, Environment.GetEnvironmentVariable),
            Mode = audit ? "Audit" : "Enforce",
            ToolVersion = ToolVersion(),
            GovernanceRoot = GovernanceRoot,
            Paths = new DisplayPaths(GovernanceRoot, PackageFolders, SdkFolders),
        };

        var inputs = GatherInputs(receipt);
        var assessment = ReceiptJudgement.Assess(inputs, receipt);
        WriteModuleSummary(assessment.AcceptedFacts);
        if (UpdateBaseline && !WriteBaseline(inputs.Dependencies, assessment.Inventory, receipt))
        {
            return false;
        }

        // The compiler already printed the analyzer results; this step prints its own findings, once (a baseline
        // update prints its tampering as warnings: an update does not gate).
        foreach (var finding in ReceiptJudgement.Decide(inputs, assessment, receipt))
        {
            LogFinding(finding, audit || UpdateBaseline);
        }

        receipt.DurationMs = watch.ElapsedMilliseconds + (inputs.Dependencies?.DurationMs ?? 0);
        Verdict = receipt.Verdict.ToWireName();
        try
        {
            var fullPath = Path.GetFullPath(ReceiptsPath);
            ReceiptLedger.Append(fullPath, quarantined =>
            {
                if (quarantined > 0)
                {
                    receipt.Evidence.Add(new CheckEvidence("ledger", CheckResult.Pass,
                        "recovered a torn tail of " + quarantined + " bytes from an interrupted append; moved to " + ReceiptLedger.QuarantinePathFor(fullPath)));
                    Log.LogWarning(null, RuleIds.LedgerRecovered, null, fullPath, 0, 0, 0, 0,
                        "The receipt ledger ended in a torn line (an interrupted append); " + quarantined + " bytes were moved to " + ReceiptLedger.QuarantinePathFor(fullPath) + " and kept out of the chain.");
                }

                return receipt.ToJson();
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, RuleIds.CheckDidNotRun, null, ReceiptsPath, 0, 0, 0, 0,
                "Could not append the receipt to '" + ReceiptsPath + "': " + ex.Message + " Every governed build must leave a receipt: make the folder writable or set GovernanceReceiptsPath.");
            return false;
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        if (ReceiptJudgement.AfterAppend(inputs, assessment, receipt, ReceiptsPath) is { } report)
        {
            if (report.FailsTheBuild)
            {
                Log.LogError(null, RuleIds.CheckDidNotRun, null, ProjectFileForMessages(), 0, 0, 0, 0, report.Message);
                return false;
            }

            Log.LogMessage(MessageImportance.High, report.Message);
        }

        return true;
    }

    /// <summary>This build's <see cref="ModuleSummary"/> for the projects that reference it. A summary that could not be
    /// written is deleted, so no earlier "0" outlives it.</summary>
    private void WriteModuleSummary(ModuleCheckFacts? acceptedFacts)
    {
        if (string.IsNullOrEmpty(ModuleSummaryFile))
        {
            return;
        }

        var summary = ModuleSummary.Of(ProjectPath, ModuleDefinition.GranularityName(ModuleGranularity), acceptedFacts, UpdateBaseline, CompileCompleted, OtherGeneratorOutput);
        try
        {
            summary.WriteIfChanged(ModuleSummaryFile!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(ModuleSummaryFile!);
                Log.LogMessage(MessageImportance.Normal, "Could not write the module summary '" + ModuleSummaryFile + "' (" + ex.Message + "); referencing projects judge this project's types themselves.");
            }
            catch (Exception deleteFailed) when (deleteFailed is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, RuleIds.CheckDidNotRun, null, ModuleSummaryFile, 0, 0, 0, 0,
                    "Could not write or delete the module summary '" + ModuleSummaryFile + "' (" + ex.Message + "): a stale summary could hide GOV101 in the projects that reference this one. Delete it or make its folder writable.");
            }
        }
    }

    /// <summary>The first folder of another source generator's output beside the build facts' (the compiler writes every
    /// generator's trees under the same folder), or null. Those trees are added after the module check ran.</summary>
    private string? OtherGeneratorOutput()
    {
        // <generated>/Governance.Analyzers/Governance.Analyzers.BuildFactsGenerator/GovernanceBuildFacts.g.cs
        if (string.IsNullOrEmpty(BuildFactsFile))
        {
            return null;
        }

        var ours = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(BuildFactsFile)));
        var generated = ours is null ? null : Path.GetDirectoryName(ours);
        if (generated is null || !Directory.Exists(generated))
        {
            return null;
        }

        foreach (var folder in Directory.EnumerateDirectories(generated))
        {
            if (!string.Equals(folder, ours, StringComparison.Ordinal) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any())
            {
                return Path.GetFileName(folder);
            }
        }

        return null;
    }

    private string? ProjectFileForMessages() => Path.Combine(GovernanceRoot, ProjectPath);

    /// <summary>What the earlier steps left and MSBuild says, for Core's judgement: each file read once, and a file that
    /// is missing or unreadable given as the evidence it becomes.</summary>
    private ReceiptInputs GatherInputs(Receipt receipt)
    {
        var inputs = new ReceiptInputs
        {
            ProjectPath = ProjectPath,
            ProjectFile = ProjectFileForMessages(),
            TargetFramework = TargetFramework ?? string.Empty,
            Audit = string.Equals(Mode, "Audit", StringComparison.OrdinalIgnoreCase),
            UpdateBaseline = UpdateBaseline,
            CompileCompleted = CompileCompleted,
            CompileReached = CompileReached,
            ReferencesFailed = ReferencesFailed,
            ProjectReferences = ProjectReferences.Select(r => receipt.RelativeToRoot(r.GetMetadata("FullPath")) ?? r.ItemSpec).ToList(),
            RunAnalyzers = RunAnalyzers,
            RunAnalyzersDuringBuild = RunAnalyzersDuringBuild,
            NoWarn = NoWarn,
            WarningsNotAsErrors = WarningsNotAsErrors,
            PackageWarningsNotAsErrors = PackageWarningsNotAsErrors,
            PropertySnapshots = PropertySnapshots.Select(s => new PropertySnapshot(s.ItemSpec, s.GetMetadata("PropsValue"), s.GetMetadata("FileValue"), s.GetMetadata("UsedValue"),
                string.Equals(s.GetMetadata("IsGlobal"), "true", StringComparison.OrdinalIgnoreCase))).ToList(),
            GlobalProperties = (BuildEngine as IBuildEngine6)?.GetGlobalProperties() is { } globals ? globals.ToDictionary(g => g.Key, g => g.Value, StringComparer.OrdinalIgnoreCase) : null,
            AnalyzerConfigs = ReadAnalyzerConfigs(),
            TreatsWarningAsError = WarningPromotion(),
        };

        if (!File.Exists(DependenciesFile))
        {
            inputs.DependenciesProblem = new CheckEvidence("dependencies", CheckResult.NotRun, "the dependency check did not run (" + DependenciesFile + " is missing)");
        }
        else
        {
            inputs.Dependencies = DependencyCheckOutput.Parse(File.ReadAllText(DependenciesFile), out var problem);
            if (inputs.Dependencies is null)
            {
                inputs.DependenciesProblem = new CheckEvidence("dependencies", CheckResult.Error, problem ?? "the dependency check's output is unreadable");
            }
        }

        ReadCompilerLog(inputs);
        var factsPath = BuildFactsPath(out var missing);
        if (factsPath is null)
        {
            inputs.FactsProblem = new CheckEvidence("modules", CheckResult.NotRun, missing);
        }
        else
        {
            inputs.FactsPath = factsPath;
            try
            {
                inputs.Facts = ModuleCheckFacts.Read(factsPath);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                inputs.FactsProblem = new CheckEvidence("modules", CheckResult.Error, ex.Message);
            }
        }

        return inputs;
    }

    /// <summary>
    /// The build facts of the compile that produced this build's output: the file the compiler just wrote, or, when
    /// CoreCompile was skipped as up to date, the copy kept from the compile that made the current output. Null
    /// (with the reason) when the compiler ran without writing them: the generator was not loaded or not run.
    /// </summary>
    private string? BuildFactsPath(out string missing)
    {
        missing = string.Empty;
        if (!string.IsNullOrEmpty(BuildFactsFile) && File.Exists(BuildFactsFile))
        {
            return BuildFactsFile;
        }

        var skipped = CompileCompleted && !CompileRan;
        if (skipped && !string.IsNullOrEmpty(LastBuildFactsFile) && File.Exists(LastBuildFactsFile))
        {
            return LastBuildFactsFile;
        }

        missing = string.IsNullOrEmpty(BuildFactsFile)
            ? "the compiler did not run"
            : "the compiler " + (skipped ? "was skipped and no facts were kept from its last run" : "ran") + " but wrote no governance build facts (" + BuildFactsFile
              + "): the governance analyzers were not loaded (for example CS9057: a compiler older than Roslyn 4.14) or not run";
        return null;
    }

    /// <summary>With GovernanceCompilerLog=true, the compiler's SARIF log (see <see cref="CompilerLog.ReadWithSummary"/>).</summary>
    private void ReadCompilerLog(ReceiptInputs inputs)
    {
        var path = SarifPath();
        if (path is null)
        {
            return;
        }

        inputs.CompilerLogRequested = true;
        inputs.CompilerLogPath = path;
        if (!File.Exists(path))
        {
            inputs.CompilerLogProblem = new CheckEvidence("compilerLog", CheckResult.NotRun, "GovernanceCompilerLog=true, but the compiler's error log " + path + " was not written: the compiler did not run");
            return;
        }

        try
        {
            inputs.CompilerLog = string.IsNullOrEmpty(CompilerLogSummaryFile) ? CompilerLog.Read(path) : CompilerLog.ReadWithSummary(path, CompilerLogSummaryFile!);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            inputs.CompilerLogProblem = new CheckEvidence("compilerLog", CheckResult.Error, ex.Message);
        }
    }

    private List<KeyValuePair<string, string[]>> ReadAnalyzerConfigs()
    {
        var files = new List<KeyValuePair<string, string[]>>();
        foreach (var path in AnalyzerConfigFiles.Select(f => f.GetMetadata("FullPath")).Where(f => !string.IsNullOrEmpty(f)).Distinct(StringComparer.Ordinal))
        {
            try
            {
                files.Add(new KeyValuePair<string, string[]>(path, File.ReadAllLines(path)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the compiler could not read it either
            }
        }

        return files;
    }

    /// <summary>IBuildEngine8.ShouldTreatWarningAsError (MSBuild 17) through reflection: the .NET Framework build of this
    /// task compiles against MSBuild 16.6 to load in older Visual Studio, whose engines cannot promote task warnings anyway.</summary>
    private Func<string, bool>? WarningPromotion()
    {
        var engine = BuildEngine;
        var method = engine?.GetType().GetInterface("Microsoft.Build.Framework.IBuildEngine8")?.GetMethod("ShouldTreatWarningAsError");
        return method is null ? null : id => method.Invoke(engine, new object[] { id }) is true;
    }

    private bool WriteBaseline(DependencyCheckOutput? dependencies, List<string> modules, Receipt receipt)
    {
        if (dependencies is null || dependencies.Status == DependencyCheckStatus.Error || BaselineFile is null)
        {
            Log.LogError(null, RuleIds.CheckDidNotRun, null, ProjectFileForMessages(), 0, 0, 0, 0,
                "Cannot update the baseline of '" + ProjectPath + "': the dependency facts are missing (" + (dependencies?.Error ?? DependenciesFile) + ").");
            return false;
        }

        if (receipt.Evidence.Any(e => e.Check == "modules" && e.Result != CheckResult.Pass))
        {
            Log.LogError(null, RuleIds.CheckDidNotRun, null, ProjectFileForMessages(), 0, 0, 0, 0,
                "Cannot update the baseline of '" + ProjectPath + "': the module check did not run or its build facts are unreadable ("
                + string.Join("; ", receipt.Evidence.Where(e => e.Check == "modules").Select(e => e.Detail)) + ").");
            return false;
        }

        var facts = dependencies.Facts;
        var (recordedModules, modulesSource) = BaselineModules(modules, receipt);
        var target = new BaselineTarget(ModuleGranularity, recordedModules, facts.Packages, facts.TransitivePackages, facts.ProjectReferences, facts.AssemblyReferences, facts.FrameworkReferences);

        var path = Path.GetFullPath(BaselineFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lockPath = string.IsNullOrEmpty(BaselineLockFile) ? path + ".lock" : Path.GetFullPath(BaselineLockFile);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using (AcquireLock(lockPath))
        {
            ProjectBaseline baseline = new(ProjectPath, new Dictionary<string, BaselineTarget>(StringComparer.OrdinalIgnoreCase));
            var existingText = File.Exists(path) ? GovernanceFileSource.Decode(File.ReadAllBytes(path)) : null;
            if (existingText is not null && BaselineSerializer.Read(path, existingText).Baseline is { } existing)
            {
                baseline = existing;
            }

            var text = BaselineSerializer.Write(baseline.WithTarget(TargetFramework ?? string.Empty, target));
            if (existingText != text)
            {
                AtomicFile.WriteAllText(path, text);
            }

            receipt.BaselineDigest = ReceiptChain.Sha256Hex(new UTF8Encoding(false).GetBytes(text));
        }

        receipt.Evidence.Add(new CheckEvidence("baseline", CheckResult.Pass,
            "updated " + receipt.RelativeToRoot(path) + " [" + TargetFramework + "]: " + target.Modules.Count + " modules (" + modulesSource + "), " + target.Packages.Count + " packages, "
            + target.TransitivePackages.Count + " transitive packages, " + target.ProjectReferences.Count + " project references, " + target.AssemblyReferences.Count
            + " assembly references, " + target.FrameworkReferences.Count + " framework references"));
        Replace(receipt, new CheckEvidence("modules", CheckResult.NotRun,
            "recorded " + target.Modules.Count + " module(s) into the baseline, not checked (GovernanceUpdateBaseline=true)"));
        Replace(receipt, new CheckEvidence("dependencies", CheckResult.NotRun,
            "recorded " + target.Packages.Count + " package(s), " + target.ProjectReferences.Count + " project reference(s) and " + target.AssemblyReferences.Count
            + " assembly reference(s) into the baseline, not checked (GovernanceUpdateBaseline=true)"));
        Log.LogMessage(MessageImportance.High, "Governance baseline updated: " + path + " [" + TargetFramework + "]");
        return true;
    }

    /// <summary>
    /// The modules to record: those the compiled assembly's metadata declares (the shared AssemblyModuleReader, so
    /// that `dotnet governance check` on the unchanged repository finds every one approved, other source generators'
    /// types included, which the build-facts generator never sees). Without an assembly of this build (the compile
    /// failed or did not run) the facts' inventory, and the receipt says so.
    /// </summary>
    private (IReadOnlyCollection<string> Modules, string Source) BaselineModules(List<string> factsInventory, Receipt receipt)
    {
        string reason;
        if (!CompileCompleted)
        {
            reason = "the compile failed, so obj/ holds no assembly of this build";
        }
        else if (string.IsNullOrEmpty(IntermediateAssembly) || !File.Exists(IntermediateAssembly))
        {
            reason = "no compiled assembly at " + (string.IsNullOrEmpty(IntermediateAssembly) ? "@(IntermediateAssembly)" : IntermediateAssembly);
        }
        else
        {
            try
            {
                var namespaceGranularity = ModuleDefinition.IsNamespaceGranularity(ModuleGranularity);
                if (AssemblyModuleReader.Read(IntermediateAssembly!, namespaceGranularity) is { } inventory)
                {
                    var onlyInMetadata = inventory.Modules.Count(m => !factsInventory.Contains(m));
                    var onlyInFacts = factsInventory.Where(m => !inventory.Modules.Contains(m)).ToList();
                    return (inventory.Modules, "from the metadata of " + receipt.RelativeToRoot(Path.GetFullPath(IntermediateAssembly!))
                        + (onlyInMetadata > 0 ? "; " + onlyInMetadata + " not in the build facts (other source generators' types)" : string.Empty)
                        + (onlyInFacts.Count > 0 ? "; in the build facts but not in the metadata: " + string.Join(", ", onlyInFacts) : string.Empty));
                }

                reason = IntermediateAssembly + " is not a managed assembly";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException)
            {
                reason = "cannot read " + IntermediateAssembly + ": " + ex.Message;
            }
        }

        Log.LogMessage(MessageImportance.High,
            "The baseline of '" + ProjectPath + "' records the modules of the build facts (" + reason + "): types that other source generators add are not in them. Update the baseline again after a build that compiles.");
        return (factsInventory, "from the build facts: " + reason + "; other source generators' types are not in them");
    }

    private static void Replace(Receipt receipt, CheckEvidence evidence)
    {
        for (var i = receipt.Evidence.Count - 1; i >= 0; i--)
        {
            if (receipt.Evidence[i].Check == evidence.Check)
            {
                receipt.Evidence.RemoveAt(i);
            }
        }

        receipt.Evidence.Add(evidence);
    }

    private static FileStream AcquireLock(string path)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(10);
            }
        }
    }

    private void LogFinding(Finding finding, bool audit)
    {
        if (finding.Severity == RuleSeverity.Error && !audit)
        {
            Log.LogError(null, finding.RuleId, null, finding.File, finding.Line, finding.Column, 0, 0, finding.Message);
        }
        else if (finding.Severity != RuleSeverity.Info)
        {
            Log.LogWarning(null, finding.RuleId, null, finding.File, finding.Line, finding.Column, 0, 0, finding.Message);
        }
    }

    private string? SarifPath()
    {
        if (string.IsNullOrWhiteSpace(ErrorLog))
        {
            return null;
        }

        var comma = ErrorLog!.IndexOf(',');
        return comma < 0 ? ErrorLog : ErrorLog.Substring(0, comma);
    }

    private DateTimeOffset? ParseNow() => string.IsNullOrEmpty(Now) ? null : Timestamps.TryParse(Now!, out _);

    private static string ToolVersion() =>
        typeof(WriteGovernanceReceipt).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "unknown";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
