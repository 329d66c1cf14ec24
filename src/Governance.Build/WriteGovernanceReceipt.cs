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
using Governance.Core.Json;
using Governance.Core.Receipts;
using Governance.Core.Rules;
using Governance.Metadata;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Governance.Build;

/// <summary>
/// The last step of every governed build, on success and on failure: merges the dependency findings with the
/// analyzers' results from the compiler's SARIF log, adds the tamper checks, decides the verdict with Core, appends
/// one chained receipt to the ledger, and in Enforce mode fails the build on hold. With GovernanceUpdateBaseline it
/// writes the project's baseline section instead of judging, and the receipt says hold: what was recorded was not
/// checked, so an update never reads as an approved build (and never fails one: updating is not gating).
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

        var dependencies = ReadDependencies(receipt);
        var taskFindings = new List<Finding>();
        var compilerFindings = new List<Finding>();
        var silenced = new List<Finding>();
        var modules = ReadModuleCheck(receipt, dependencies, compilerFindings, taskFindings, silenced);
        WriteModuleSummary();
        var tamper = new List<Finding>();
        CheckTampering(tamper, receipt);
        taskFindings.AddRange(tamper);

        if (dependencies is not null)
        {
            foreach (var finding in dependencies["findings"]?.Items ?? Array.Empty<JsonValue>())
            {
                taskFindings.Insert(0, new Finding(finding["id"]!.StringValue!, finding["message"]?.StringValue ?? string.Empty, finding["file"]?.StringValue,
                    (int)Int(finding["line"]), (int)Int(finding["column"]), finding["subject"]?.StringValue, SeverityOf(finding)));
            }
        }

        MarkPromotedWarnings(taskFindings, audit);
        if (ReferencesFailed)
        {
            // One cause, one finding: the failed reference reports its own errors; here the checks that could not run
            // because of it become one piece of evidence (the verdict still holds: nothing was checked).
            foreach (var skipped in receipt.Evidence.Where(e => e.Result == CheckResult.NotRun && e.Check is "dependencies" or "modules" or "compilerLog").ToList())
            {
                receipt.Evidence.Remove(skipped);
            }

            receipt.Evidence.Add(new CheckEvidence("references", CheckResult.NotRun, "a project reference failed to build ("
                + string.Join(", ", ProjectReferences.Select(r => receipt.RelativeToRoot(r.GetMetadata("FullPath")) ?? r.ItemSpec).Distinct(StringComparer.Ordinal))
                + "), so this project's governance checks did not run"));
        }

        if (UpdateBaseline)
        {
            if (!WriteBaseline(dependencies, modules, receipt))
            {
                return false;
            }

            // What the update recorded is what the build has, approved by nobody: the module and dependency findings
            // are not findings of this build (they are in the baseline now), but the verdict is hold, never approve.
            // Tampering is still recorded, and printed as warnings: an update does not gate.
            foreach (var finding in tamper)
            {
                receipt.Violations.Add(finding);
                LogFinding(finding, audit: true);
            }

            receipt.Verdict = Core.Findings.Verdict.Hold;
        }
        else
        {
            foreach (var finding in taskFindings.Concat(compilerFindings))
            {
                receipt.Violations.Add(finding);
            }

            receipt.Verdict = VerdictRules.Decide(receipt.Violations, receipt.Evidence);

            // The compiler already printed the analyzer results; this step prints the task's own findings, once.
            foreach (var finding in taskFindings.Concat(silenced))
            {
                LogFinding(finding, audit);
            }
        }

        receipt.DurationMs = watch.ElapsedMilliseconds + Int(dependencies?["durationMs"]);
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

        if (audit || UpdateBaseline || receipt.Verdict != Core.Findings.Verdict.Hold)
        {
            return !Log.HasLoggedErrors;
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        // Hold with nothing printed by this step: either the compiler already failed the build with the analyzer
        // errors, or a check could not run. The latter must not pass silently, unless the build already failed for the
        // reason the check could not run (a failed reference, a failed compile): then one message says why, not a
        // second error.
        var notRun = receipt.Evidence.Where(e => e.Result is CheckResult.NotRun or CheckResult.Error).ToList();
        var alreadyFailed = ReferencesFailed || (CompileReached && !CompileCompleted);
        if (alreadyFailed && notRun.Count > 0 && notRun.All(e => e.Check is "references" or "usage"))
        {
            Log.LogMessage(MessageImportance.High, "Governance verdict is hold for '" + ProjectPath + "': "
                + string.Join("; ", notRun.Select(e => e.Check + " " + e.Result.ToWireName() + " (" + e.Detail + ")")) + ".");
            return true;
        }

        var compilerErrors = compilerFindings.Any(f => f.ReportedAsError);
        if (notRun.Count > 0 || !compilerErrors)
        {
            Log.LogError(null, RuleIds.CheckDidNotRun, null, ProjectFileForMessages(), 0, 0, 0, 0,
                "Governance verdict is hold for '" + ProjectPath + "': " + (notRun.Count > 0
                    ? string.Join("; ", notRun.Select(e => e.Check + " " + e.Result.ToWireName() + " (" + e.Detail + ")"))
                    : "see the receipt in " + ReceiptsPath) + ".");
            return false;
        }

        return true;
    }

    private ModuleCheckFacts? _facts;

    /// <summary>
    /// The count of unapproved modules for referencing projects, from this build's facts; "unknown" whenever the facts
    /// may not hold every module the output assembly declares. A summary that could not be written is deleted, so no
    /// earlier "0" outlives it.
    /// </summary>
    private void WriteModuleSummary()
    {
        if (string.IsNullOrEmpty(ModuleSummaryFile))
        {
            return;
        }

        var granularity = string.Equals(ModuleGranularity, "Namespace", StringComparison.OrdinalIgnoreCase) ? "Namespace" : "Type";
        string? unknown = UpdateBaseline ? "the baseline was being updated"
            : !CompileCompleted ? "the compile did not complete"
            : _facts?.UnapprovedModules is null ? "no module judgement in the build facts"
            : OtherGeneratorOutput() is { } other ? "another source generator added code the module check does not see (" + other + ")"
            : null;
        var summary = new ModuleSummary(ProjectPath, granularity, unknown is null ? _facts!.UnapprovedModules : null, unknown);
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

    private JsonValue? ReadDependencies(Receipt receipt)
    {
        if (!File.Exists(DependenciesFile))
        {
            receipt.Evidence.Add(new CheckEvidence("dependencies", CheckResult.NotRun, "the dependency check did not run (" + DependenciesFile + " is missing)"));
            return null;
        }

        var parsed = JsonParser.Parse(File.ReadAllText(DependenciesFile));
        if (!parsed.Success || parsed.Root!.Kind != JsonKind.Object)
        {
            receipt.Evidence.Add(new CheckEvidence("dependencies", CheckResult.Error, "the dependency check's output is unreadable"));
            return null;
        }

        var root = parsed.Root;
        var status = root["status"]?.StringValue;
        if (status == "error")
        {
            receipt.Evidence.Add(new CheckEvidence("dependencies", CheckResult.Error, root["error"]?.StringValue ?? "unknown error"));
            return root;
        }

        foreach (var plan in root["plans"]?.Items ?? Array.Empty<JsonValue>())
        {
            var dispatchId = plan["dispatchId"]?.StringValue ?? string.Empty;
            var state = plan["state"]?.StringValue ?? "invalid";
            receipt.PlanDigests.Add(new PlanDigest(dispatchId, receipt.RelativeToRoot(plan["path"]?.StringValue) ?? string.Empty, plan["sha256"]?.StringValue ?? string.Empty, state));
            if (state == "approved" && plan["appliesToProject"]?.Kind == JsonKind.True)
            {
                receipt.DispatchIds.Add(dispatchId);
            }
        }

        receipt.BaselineDigest = root["baselineSha256"]?.StringValue;
        var findings = root["findings"]?.Items.Count ?? 0;
        if (status == "no_baseline" && !UpdateBaseline)
        {
            receipt.Evidence.Add(new CheckEvidence("dependencies", CheckResult.NotRun, "no baseline for this project and target framework"));
        }
        else
        {
            // fail only for error-level findings: warnings (a new transitive package) are follow-ups, not failures.
            var errors = (root["findings"]?.Items ?? Array.Empty<JsonValue>()).Count(f => SeverityOf(f) == RuleSeverity.Error);
            receipt.Evidence.Add(new CheckEvidence("dependencies", errors == 0 ? CheckResult.Pass : CheckResult.Fail,
                findings + " finding(s), " + errors + " error(s); " + (root["facts"]?["packages"]?.Items.Count ?? 0) + " direct and " + (root["facts"]?["transitivePackages"]?.Items.Count ?? 0)
                + " transitive packages, " + (root["facts"]?["projectReferences"]?.Items.Count ?? 0) + " project references"));
        }

        receipt.Evidence.Add(new CheckEvidence("plans", CheckResult.Pass,
            (root["plans"]?.Items.Count ?? 0) + " plan file(s); approved for this project: " + (receipt.DispatchIds.Count == 0 ? "none" : string.Join(", ", receipt.DispatchIds))));
        return root;
    }

    /// <summary>Reads the module check's results from the build facts the compiler wrote (see
    /// <see cref="ModuleCheckFacts"/>), and with GovernanceCompilerLog=true the extra evidence of the SARIF log.
    /// Returns the module inventory for baseline updates.</summary>
    /// <param name="findings">The module check's findings (the compiler has printed them, unless it was silenced).</param>
    /// <param name="tamperFindings">Findings this step derives from the SARIF log (suppressions, lowered
    /// severities), which this step must print.</param>
    /// <param name="silenced">Error findings the compiler did not fail the build for (suppressed in source, by
    /// configuration, or analyzers off): this step reports them, so that a hold is never a passing build.</param>
    private List<string> ReadModuleCheck(Receipt receipt, JsonValue? dependencies, List<Finding> findings, List<Finding> tamperFindings, List<Finding> silenced)
    {
        var inventory = new List<string>();
        var allowed = (dependencies?["allowedSuppressions"]?.Items ?? Array.Empty<JsonValue>())
            .Select(a => (DispatchId: a["dispatchId"]?.StringValue ?? string.Empty, Id: a["id"]?.StringValue ?? string.Empty, Target: a["target"]?.StringValue ?? string.Empty)).ToList();
        string? Permit(string ruleId, string? module) => allowed.FirstOrDefault(a => string.Equals(a.Id, ruleId, StringComparison.OrdinalIgnoreCase)
            && (a.Target == "*" || string.Equals(a.Target, module, StringComparison.Ordinal))).DispatchId is { Length: > 0 } id ? id : null;

        ReadCompilerLogEvidence(receipt, findings, tamperFindings, Permit);
        var path = BuildFactsPath(out var missing);
        if (path is null)
        {
            receipt.Evidence.Add(new CheckEvidence("modules", CheckResult.NotRun, missing));
            return inventory;
        }

        ModuleCheckFacts facts;
        try
        {
            facts = ModuleCheckFacts.Read(path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            receipt.Evidence.Add(new CheckEvidence("modules", CheckResult.Error, ex.Message));
            return inventory;
        }

        // The analyzers read their settings from the compiler's analyzer config, where a repository .globalconfig with
        // a higher global_level could replace the values this build passes: facts made with other settings than the
        // build's are no evidence of this build.
        if (!string.Equals(facts.Project, ProjectPath, StringComparison.Ordinal) || !string.Equals(facts.TargetFramework, TargetFramework ?? string.Empty, StringComparison.Ordinal)
            || (facts.Inventory is not null && !UpdateBaseline))
        {
            receipt.Evidence.Add(new CheckEvidence("modules", CheckResult.Error, "the build facts " + path + " were computed with other governance settings than this build's (project '"
                + facts.Project + "', target framework '" + facts.TargetFramework + "', baseline update " + (facts.Inventory is not null ? "true" : "false")
                + "): an analyzer config file overrides the values the build passes to the analyzers"));
            return inventory;
        }

        if (UpdateBaseline && facts.Inventory is null)
        {
            receipt.Evidence.Add(new CheckEvidence("modules", CheckResult.Error, "the build facts " + path + " hold no module inventory although the baseline is being updated"));
            return inventory;
        }

        _facts = facts;
        inventory.AddRange(facts.Inventory ?? Array.Empty<string>());
        var audit = string.Equals(Mode, "Audit", StringComparison.OrdinalIgnoreCase);
        foreach (var result in facts.Findings)
        {
            var failsCompile = result.ReportedSeverity == RuleSeverity.Error;
            var finding = new Finding(result.RuleId, result.Message, result.File, result.Line, result.Column, result.Module)
            {
                // A compile that failed printed it; one that completed did not (or it was only a warning).
                ReportedAsError = failsCompile && !CompileCompleted,
                SuppressedByDispatchId = Permit(result.RuleId, result.Module),
            };
            if (failsCompile && CompileCompleted && !audit && !UpdateBaseline && finding.SuppressedByDispatchId is null)
            {
                silenced.Add(finding);
            }

            findings.Add(finding);
        }

        // A compile that failed while GOV101/GOV110 were raised to errors may have failed on one of them, which only
        // the compiler's log would show: without it the receipt cannot approve.
        if (facts.RaisedToError.Count > 0 && CompileReached && !CompileCompleted && SarifPath() is null && !audit && !UpdateBaseline)
        {
            receipt.Evidence.Add(new CheckEvidence("usage", CheckResult.NotRun, "the compiler failed and reports " + string.Join(", ", facts.RaisedToError)
                + " as errors in this build (WarningsAsErrors or a raised analyzer config severity): without the compiler's log (GovernanceCompilerLog=true) the receipt cannot tell whether one of them failed it"));
        }

        var moduleFindings = findings.Count(f => f.RuleId is RuleIds.UnapprovedModule or RuleIds.MissingBaseline or RuleIds.InvalidGovernanceFile && f.SuppressedByDispatchId is null);
        receipt.Evidence.Add(new CheckEvidence("modules", moduleFindings == 0 ? CheckResult.Pass : CheckResult.Fail,
            facts.ModulesChecked + " module(s) checked, " + moduleFindings + " finding(s)"));
        return inventory;
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

    /// <summary>
    /// With GovernanceCompilerLog=true the compiler also writes its SARIF log, and the receipt adds what only the
    /// log knows: the blast radius (GOV101) and package uses (GOV110), which suppressions in source hid a governance
    /// diagnostic (GOV300), and which governance severities were lowered (GOV301). It costs the compiler running
    /// every info-level analyzer, so it is for the CI gate, not for every build (docs/performance.md).
    /// </summary>
    private void ReadCompilerLogEvidence(Receipt receipt, List<Finding> findings, List<Finding> tamperFindings, Func<string, string?, string?> permit)
    {
        var path = SarifPath();
        if (path is null)
        {
            return;
        }

        if (!File.Exists(path))
        {
            receipt.Evidence.Add(new CheckEvidence("compilerLog", CheckResult.NotRun, "GovernanceCompilerLog=true, but the compiler's error log " + path + " was not written: the compiler did not run"));
            return;
        }

        CompilerLog log;
        try
        {
            log = string.IsNullOrEmpty(CompilerLogSummaryFile) ? CompilerLog.Read(path) : CompilerLog.ReadWithSummary(path, CompilerLogSummaryFile!);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            receipt.Evidence.Add(new CheckEvidence("compilerLog", CheckResult.Error, ex.Message));
            return;
        }

        var before = tamperFindings.Count;
        foreach (var result in log.Results)
        {
            if (result.RuleId is RuleIds.AnalyzerHeartbeat or RuleIds.ModuleInventory)
            {
                continue;
            }

            var permittedBy = result.Suppression is null ? null : permit(result.RuleId, result.Module);

            // The module check's own findings come from the build facts; the log adds the analyzers' other rules.
            if (!IsModuleCheckRule(result.RuleId))
            {
                findings.Add(new Finding(result.RuleId, result.Message, result.File, result.Line, result.Column, result.Module)
                {
                    ReportedAsError = result.Suppression is null && string.Equals(result.Level, "error", StringComparison.OrdinalIgnoreCase),
                    SuppressedByDispatchId = permittedBy,
                });
            }

            if (result.Suppression is not null && permittedBy is null)
            {
                tamperFindings.Add(new Finding(RuleIds.SuppressedInSource,
                    result.RuleId + " is suppressed in source (" + result.Suppression + ") and no approved plan allows it: " + result.Message
                    + " Remove the suppression, or have an approved plan list { \"id\": \"" + result.RuleId + "\", \"target\": \"" + (result.Module ?? "...") + "\", \"reason\": \"...\" } under \"suppressions\".",
                    result.File, result.Line, result.Column, result.Module));
            }
        }

        foreach (var pair in log.ConfiguredLevels)
        {
            if (pair.Key.StartsWith("GOV", StringComparison.OrdinalIgnoreCase) && RuleCatalog.TryGet(pair.Key, out var rule) && Lowered(rule.Severity, pair.Value))
            {
                tamperFindings.Add(new Finding(RuleIds.SuppressedByBuildConfiguration,
                    pair.Key + " is configured to '" + pair.Value + "' (an .editorconfig/.globalconfig severity or /nowarn), below its '" + rule.Severity.ToString().ToLowerInvariant()
                    + "' default. Governance severities may not be lowered on the branch under test; remove the setting.", subject: pair.Key));
            }
        }

        receipt.Evidence.Add(new CheckEvidence("compilerLog", CheckResult.Pass, "read " + path + ": " + (tamperFindings.Count - before) + " suppression(s) or lowered severities"));
    }

    private static bool IsModuleCheckRule(string id) => id is RuleIds.InvalidGovernanceFile or RuleIds.MissingBaseline or RuleIds.InactivePlan
        or RuleIds.UnverifiedApproval or RuleIds.UnusedApproval or RuleIds.UnapprovedModule;

    private static bool Lowered(RuleSeverity intrinsic, string level)
    {
        var rank = level switch
        {
            "error" => 2,
            "warning" => 1,
            "note" => 0,
            _ => -1,
        };
        return rank < (int)intrinsic;
    }

    private void CheckTampering(List<Finding> findings, Receipt receipt)
    {
        if (IsFalse(RunAnalyzers) || IsFalse(RunAnalyzersDuringBuild))
        {
            findings.Add(new Finding(RuleIds.AnalyzersDisabled,
                "Analyzers are disabled for '" + ProjectPath + "' (RunAnalyzers=" + (RunAnalyzers ?? "") + ", RunAnalyzersDuringBuild=" + (RunAnalyzersDuringBuild ?? "")
                + "), so the module check could not run. Remove the setting.", ProjectFileForMessages()));
        }

        var packageIds = new HashSet<string>(Ids(PackageWarningsNotAsErrors), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in new[] { ("NoWarn", NoWarn), ("WarningsNotAsErrors", WarningsNotAsErrors) })
        {
            var ids = Ids(value).Where(id => id.StartsWith("GOV", StringComparison.OrdinalIgnoreCase))
                .Where(id => name == "NoWarn" || !packageIds.Contains(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (ids.Count > 0)
            {
                findings.Add(new Finding(RuleIds.SuppressedByBuildConfiguration,
                    name + " contains " + string.Join(", ", ids) + " for '" + ProjectPath + "'. Governance diagnostics may not be suppressed by build configuration; remove them from " + name + ".",
                    ProjectFileForMessages(), subject: string.Join(",", ids)));
            }
        }

        CheckGovernanceProperties(findings);
        CheckAnalyzerConfigFiles(findings);

        receipt.Evidence.Add(new CheckEvidence("tamper", findings.Count == 0 ? CheckResult.Pass : CheckResult.Fail, findings.Count + " finding(s)"));
    }

    /// <summary>
    /// GOV303 for each governance property a file of the repository set: only global properties (the command line)
    /// count, and the targets have put any other value back (<see cref="PropertySnapshots"/>). MSBuild's own list of
    /// global properties also catches a project that overrides one (TreatAsLocalProperty) or sets it after the
    /// package's targets, where the put-back cannot reach.
    /// </summary>
    private void CheckGovernanceProperties(List<Finding> findings)
    {
        var globals = (BuildEngine as IBuildEngine6)?.GetGlobalProperties();
        foreach (var snapshot in PropertySnapshots)
        {
            var name = snapshot.ItemSpec;
            var used = snapshot.GetMetadata("UsedValue");
            string? problem = null;
            if (globals is not null && globals.TryGetValue(name, out var global))
            {
                var file = snapshot.GetMetadata("FileValue");
                if (!SameValue(global, used) || !SameValue(global, file))
                {
                    problem = name + " is '" + global + "' on the command line, but the project overrides it with '" + (SameValue(global, used) ? file : used) + "' (TreatAsLocalProperty, or a value set after the package's targets).";
                }
            }
            else if (globals is not null && string.Equals(snapshot.GetMetadata("IsGlobal"), "true", StringComparison.OrdinalIgnoreCase))
            {
                problem = name + " is not a global property, but the project marks it as one.";
            }
            else
            {
                var file = snapshot.GetMetadata("FileValue");
                var props = snapshot.GetMetadata("PropsValue");
                var setTo = !SameValue(file, used) ? file : !SameValue(props, used) ? props : null;
                if (setTo is not null)
                {
                    problem = name + " is set to '" + setTo + "' by a file of the repository (Directory.Build.props/.targets, the project file or an import), not on the command line; the build used "
                        + (used.Length == 0 ? (name == "GovernanceNow" ? "the clock" : "no value") : "'" + used + "'") + ".";
                }
            }

            if (problem is not null)
            {
                findings.Add(new Finding(RuleIds.GovernancePropertiesOverridden,
                    problem + " Governance properties count only as global properties: pass them on the command line (-p:" + name + "=...) and remove them from the repository's files.",
                    ProjectFileForMessages(), subject: name));
            }
        }
    }

    /// <summary>The same values, compared as MSBuild passes them (a folder with or without its final slash).</summary>
    private static bool SameValue(string? a, string? b) =>
        string.Equals((a ?? string.Empty).Trim().TrimEnd('/', '\\'), (b ?? string.Empty).Trim().TrimEnd('/', '\\'), StringComparison.Ordinal);

    /// <summary>
    /// GOV303 for a `build_property.Governance*` key in a global analyzer config of the repository (.globalconfig, an
    /// .editorconfig with is_global): with a higher global_level it would replace the value the targets pass to the
    /// analyzers and the build-facts generator (the compiler keeps one value per key), and with the same level remove it.
    /// </summary>
    private void CheckAnalyzerConfigFiles(List<Finding> findings)
    {
        foreach (var path in AnalyzerConfigFiles.Select(f => f.GetMetadata("FullPath")).Where(f => !string.IsNullOrEmpty(f)).Distinct(StringComparer.Ordinal))
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // the compiler could not read it either
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith("build_property.governance", StringComparison.OrdinalIgnoreCase))
                {
                    var key = line.Split('=')[0].Trim();
                    findings.Add(new Finding(RuleIds.GovernancePropertiesOverridden,
                        key + " is set in an analyzer config file of the repository, where it could replace the value the build passes to the governance analyzers. Remove it; governance properties count only on the command line.",
                        path, i + 1, 1, key));
                }
            }
        }
    }

    private bool WriteBaseline(JsonValue? dependencies, List<string> modules, Receipt receipt)
    {
        if (dependencies is null || dependencies["status"]?.StringValue == "error" || BaselineFile is null)
        {
            Log.LogError(null, RuleIds.CheckDidNotRun, null, ProjectFileForMessages(), 0, 0, 0, 0,
                "Cannot update the baseline of '" + ProjectPath + "': the dependency facts are missing (" + (dependencies?["error"]?.StringValue ?? DependenciesFile) + ").");
            return false;
        }

        if (receipt.Evidence.Any(e => e.Check == "modules" && e.Result != CheckResult.Pass))
        {
            Log.LogError(null, RuleIds.CheckDidNotRun, null, ProjectFileForMessages(), 0, 0, 0, 0,
                "Cannot update the baseline of '" + ProjectPath + "': the module check did not run or its build facts are unreadable ("
                + string.Join("; ", receipt.Evidence.Where(e => e.Check == "modules").Select(e => e.Detail)) + ").");
            return false;
        }

        var facts = dependencies["facts"]!;
        var (recordedModules, modulesSource) = BaselineModules(modules, receipt);
        var target = new BaselineTarget(
            ModuleGranularity,
            recordedModules,
            Packages(facts["packages"]),
            Packages(facts["transitivePackages"]),
            (facts["projectReferences"]?.Items ?? Array.Empty<JsonValue>()).Select(v => v.StringValue!),
            (facts["assemblyReferences"]?.Items ?? Array.Empty<JsonValue>()).Select(v => v.StringValue!),
            (facts["frameworkReferences"]?.Items ?? Array.Empty<JsonValue>()).Select(v => v.StringValue!));

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
                var namespaceGranularity = string.Equals(ModuleGranularity, "Namespace", StringComparison.OrdinalIgnoreCase);
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

    private static IEnumerable<PackageVersionRecord> Packages(JsonValue? list) =>
        (list?.Items ?? Array.Empty<JsonValue>()).Select(p => new PackageVersionRecord(p["id"]!.StringValue!, p["version"]?.StringValue ?? string.Empty));

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

    /// <summary>A dependency finding's severity: the task may raise a rule's severity (GOV005 for a plan's missing
    /// project), never lower it.</summary>
    private static RuleSeverity SeverityOf(JsonValue finding)
    {
        var catalog = RuleCatalog.TryGet(finding["id"]?.StringValue ?? string.Empty, out var rule) ? rule.Severity : RuleSeverity.Error;
        return Enum.TryParse<RuleSeverity>(finding["severity"]?.StringValue, true, out var parsed) && parsed > catalog ? parsed : catalog;
    }

    private static IEnumerable<string> Ids(string? list) =>
        (list ?? string.Empty).Split(new[] { ';', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(id => id.Trim());

    /// <summary>
    /// A finding this step prints as a warning that MSBuild turns into an error (MSBuildTreatWarningsAsErrors,
    /// MSBuildWarningsAsErrors, WarningsAsErrors) fails the build, so it counts as one: a receipt never says approve
    /// for a build a governance diagnostic failed.
    /// </summary>
    private void MarkPromotedWarnings(IEnumerable<Finding> findings, bool audit)
    {
        // IBuildEngine8 (MSBuild 17) through reflection: the .NET Framework build of this task compiles against
        // MSBuild 16.6 to load in older Visual Studio, whose engines cannot promote task warnings anyway.
        var method = BuildEngine?.GetType().GetInterface("Microsoft.Build.Framework.IBuildEngine8")?.GetMethod("ShouldTreatWarningAsError");
        if (method is null)
        {
            return;
        }

        foreach (var finding in findings)
        {
            var printedAsWarning = finding.Severity == RuleSeverity.Warning || (finding.Severity == RuleSeverity.Error && audit);
            if (printedAsWarning && method.Invoke(BuildEngine, new object[] { finding.RuleId }) is true)
            {
                finding.ReportedAsError = true;
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

    private static long Int(JsonValue? value) => value is not null && value.TryGetInt64(out var v) ? v : 0;

    private static bool IsFalse(string? value) => string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
