using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Core.Findings;
using Governance.Core.Policy;
using Governance.Core.Rules;

namespace Governance.Core.Receipts;

/// <summary>A governance property as the package's targets saw it at each stage (props, the project's files, the build's
/// value), for the rule that only command-line values count (GOV303).</summary>
/// <param name="Name">The property.</param>
/// <param name="PropsValue">Its value after the package's props.</param>
/// <param name="FileValue">Its value after the project's files.</param>
/// <param name="UsedValue">The value the build used.</param>
/// <param name="MarkedGlobal">What the project's files claim (the targets record whether they saw it as global).</param>
public sealed record PropertySnapshot(string Name, string PropsValue, string FileValue, string UsedValue, bool MarkedGlobal);

/// <summary>What the receipt step knows about one build of one project, read by the host from MSBuild and the files the
/// earlier steps wrote; <see cref="ReceiptJudgement"/> judges it. A missing or unreadable input is given as the evidence
/// it becomes (not run, error), never as an empty result.</summary>
public sealed class ReceiptInputs
{
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>Where findings about the project's settings are located (its project file).</summary>
    public string? ProjectFile { get; set; }

    public string TargetFramework { get; set; } = string.Empty;
    public bool Audit { get; set; }
    public bool UpdateBaseline { get; set; }

    /// <summary>The dependency check's output; null with <see cref="DependenciesProblem"/> when missing or unreadable.</summary>
    public DependencyCheckOutput? Dependencies { get; set; }
    public CheckEvidence? DependenciesProblem { get; set; }

    /// <summary>The build facts of the compile that made this output; null with <see cref="FactsProblem"/> otherwise.</summary>
    public ModuleCheckFacts? Facts { get; set; }
    public string? FactsPath { get; set; }
    public CheckEvidence? FactsProblem { get; set; }

    public bool CompileCompleted { get; set; }
    public bool CompileReached { get; set; }
    public bool ReferencesFailed { get; set; }

    /// <summary>Root-relative paths of the project references (named when one failed).</summary>
    public IReadOnlyList<string> ProjectReferences { get; set; } = Array.Empty<string>();

    /// <summary>With GovernanceCompilerLog=true: the log read, or the problem reading it (then <see cref="CompilerLog"/> is null).</summary>
    public bool CompilerLogRequested { get; set; }
    public CompilerLog? CompilerLog { get; set; }
    public string? CompilerLogPath { get; set; }
    public CheckEvidence? CompilerLogProblem { get; set; }

    public string? RunAnalyzers { get; set; }
    public string? RunAnalyzersDuringBuild { get; set; }
    public string? NoWarn { get; set; }
    public string? WarningsNotAsErrors { get; set; }

    /// <summary>The ids the package itself keeps as warnings under TreatWarningsAsErrors (not a tamper route).</summary>
    public string? PackageWarningsNotAsErrors { get; set; }

    public IReadOnlyList<PropertySnapshot> PropertySnapshots { get; set; } = Array.Empty<PropertySnapshot>();

    /// <summary>The build's global properties; null when the host cannot tell.</summary>
    public IReadOnlyDictionary<string, string>? GlobalProperties { get; set; }

    /// <summary>The repository's analyzer config files, each with its lines (one the host could not read is left out:
    /// the compiler could not read it either).</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> AnalyzerConfigs { get; set; } = Array.Empty<KeyValuePair<string, string[]>>();

    /// <summary>Whether the build turns a warning with this id into an error (MSBuild's WarningsAsErrors); null when the
    /// host cannot tell.</summary>
    public Func<string, bool>? TreatsWarningAsError { get; set; }
}

/// <summary>The findings of one build as the receipt step sorts them: which the step must print itself, which the
/// compiler printed, and the module inventory for a baseline update.</summary>
public sealed class ReceiptAssessment
{
    /// <summary>Dependency findings and tampering: the compiler never printed these.</summary>
    public List<Finding> StepFindings { get; } = new();

    /// <summary>The module check's findings and, with the compiler's log, the analyzers' other results.</summary>
    public List<Finding> CompilerFindings { get; } = new();

    /// <summary>Error findings a completed compile did not fail for (suppressed in source or by configuration,
    /// analyzers off): the step prints them, so that a hold is never a passing build.</summary>
    public List<Finding> Silenced { get; } = new();

    /// <summary>Tampering with the build's settings (analyzers off, NoWarn, governance properties): recorded even by a
    /// baseline update.</summary>
    public List<Finding> Tamper { get; } = new();

    /// <summary>What only the compiler's log shows: suppressions in source no plan allows, lowered severities.</summary>
    public List<Finding> LogTamper { get; } = new();

    /// <summary>The modules of the build facts, for a baseline update.</summary>
    public List<string> Inventory { get; } = new();

    /// <summary>The build facts taken as evidence of this build (of its project, target framework and mode); null when
    /// there were none or they were refused.</summary>
    public ModuleCheckFacts? AcceptedFacts { get; internal set; }
}

/// <summary>What the receipt step must say after the receipt is appended, beside the findings it printed.</summary>
/// <param name="FailsTheBuild">An error (a hold nobody printed) rather than an informational line (the build already failed for its cause).</param>
/// <param name="Message">What to say.</param>
public sealed record HoldReport(bool FailsTheBuild, string Message);

/// <summary>
/// The receipt's judgement, in one place: which evidence each check gives, which findings count and who prints them,
/// what an approved plan may suppress, what is tampering, and the verdict. The MSBuild task only reads its inputs and
/// writes what comes out; `dotnet governance check` decides with the same <see cref="VerdictRules"/>.
/// </summary>
public static class ReceiptJudgement
{
    /// <summary>Reads every check's result into <paramref name="receipt"/>'s evidence and sorts the findings.</summary>
    public static ReceiptAssessment Assess(ReceiptInputs inputs, Receipt receipt)
    {
        var assessment = new ReceiptAssessment();
        AddDependencyEvidence(inputs, receipt);
        AddCompilerLogEvidence(inputs, receipt, assessment);
        AddModuleEvidence(inputs, receipt, assessment);
        AddTamperEvidence(inputs, receipt, assessment);
        assessment.StepFindings.AddRange(inputs.Dependencies?.Findings ?? Array.Empty<Finding>());
        assessment.StepFindings.AddRange(assessment.LogTamper);
        assessment.StepFindings.AddRange(assessment.Tamper);
        MarkPromotedWarnings(assessment.StepFindings, inputs);

        if (inputs.ReferencesFailed)
        {
            // One cause, one finding: the failed reference reports its own errors; here the checks that could not run
            // because of it become one piece of evidence (the verdict still holds: nothing was checked).
            foreach (var skipped in receipt.Evidence.Where(e => e.Result == CheckResult.NotRun && e.Check is "dependencies" or "modules" or "compilerLog").ToList())
            {
                receipt.Evidence.Remove(skipped);
            }

            receipt.Evidence.Add(new CheckEvidence("references", CheckResult.NotRun, "a project reference failed to build ("
                + string.Join(", ", inputs.ProjectReferences.Distinct(StringComparer.Ordinal)) + "), so this project's governance checks did not run"));
        }

        return assessment;
    }

    /// <summary>The violations and the verdict; returns the findings the step prints itself (the compiler printed the rest).
    /// A baseline update records what the build has, approved by nobody: its module and dependency findings are not
    /// findings of this build (they are in the baseline now), but the verdict is hold, never approve; tampering is still
    /// recorded, and printed as warnings.</summary>
    public static IReadOnlyList<Finding> Decide(ReceiptInputs inputs, ReceiptAssessment assessment, Receipt receipt)
    {
        if (inputs.UpdateBaseline)
        {
            foreach (var finding in assessment.Tamper)
            {
                receipt.Violations.Add(finding);
            }

            receipt.Verdict = Verdict.Hold;
            return assessment.Tamper;
        }

        foreach (var finding in assessment.StepFindings.Concat(assessment.CompilerFindings))
        {
            receipt.Violations.Add(finding);
        }

        receipt.Verdict = VerdictRules.Decide(receipt.Violations, receipt.Evidence);
        return assessment.StepFindings.Concat(assessment.Silenced).ToList();
    }

    /// <summary>
    /// A hold in Enforce mode that this step printed no error for: either the compiler already failed the build with
    /// the analyzer errors (nothing to say), or a check could not run, which must not pass silently, unless the build
    /// already failed for the reason the check could not run (a failed reference, a failed compile): then one
    /// informational line says why, not a second error. Null when nothing is to be said.
    /// </summary>
    public static HoldReport? AfterAppend(ReceiptInputs inputs, ReceiptAssessment assessment, Receipt receipt, string ledgerPath)
    {
        if (inputs.Audit || inputs.UpdateBaseline || receipt.Verdict != Verdict.Hold)
        {
            return null;
        }

        var notRun = receipt.Evidence.Where(e => e.Result is CheckResult.NotRun or CheckResult.Error).ToList();
        var why = string.Join("; ", notRun.Select(e => e.Check + " " + e.Result.ToWireName() + " (" + e.Detail + ")"));
        var alreadyFailed = inputs.ReferencesFailed || (inputs.CompileReached && !inputs.CompileCompleted);
        if (alreadyFailed && notRun.Count > 0 && notRun.All(e => e.Check is "references" or "usage"))
        {
            return new HoldReport(false, "Governance verdict is hold for '" + inputs.ProjectPath + "': " + why + ".");
        }

        if (notRun.Count > 0 || !assessment.CompilerFindings.Any(f => f.ReportedAsError))
        {
            return new HoldReport(true, "Governance verdict is hold for '" + inputs.ProjectPath + "': " + (notRun.Count > 0 ? why : "see the receipt in " + ledgerPath) + ".");
        }

        return null;
    }

    private static void AddDependencyEvidence(ReceiptInputs inputs, Receipt receipt)
    {
        var output = inputs.Dependencies;
        if (output is null)
        {
            receipt.Evidence.Add(inputs.DependenciesProblem ?? new CheckEvidence("dependencies", CheckResult.NotRun, "the dependency check did not run"));
            return;
        }

        if (output.Status == DependencyCheckStatus.Error)
        {
            receipt.Evidence.Add(new CheckEvidence("dependencies", CheckResult.Error, output.Error ?? "unknown error"));
            return;
        }

        foreach (var plan in output.Plans)
        {
            receipt.PlanDigests.Add(new PlanDigest(plan.DispatchId, receipt.RelativeToRoot(plan.Path) ?? string.Empty, plan.Sha256, plan.State));
            if (plan.State == "approved" && plan.AppliesToProject)
            {
                receipt.DispatchIds.Add(plan.DispatchId);
            }
        }

        receipt.BaselineDigest = output.BaselineSha256;
        if (output.Status == DependencyCheckStatus.NoBaseline && !inputs.UpdateBaseline)
        {
            receipt.Evidence.Add(new CheckEvidence("dependencies", CheckResult.NotRun, "no baseline for this project and target framework"));
        }
        else
        {
            // fail only for error-level findings: warnings (a new transitive package) are follow-ups, not failures.
            var errors = output.Findings.Count(f => f.Severity == RuleSeverity.Error);
            receipt.Evidence.Add(new CheckEvidence("dependencies", errors == 0 ? CheckResult.Pass : CheckResult.Fail,
                output.Findings.Count + " finding(s), " + errors + " error(s); " + output.Facts.Packages.Count + " direct and " + output.Facts.TransitivePackages.Count
                + " transitive packages, " + output.Facts.ProjectReferences.Count + " project references"));
        }

        receipt.Evidence.Add(new CheckEvidence("plans", CheckResult.Pass,
            output.Plans.Count + " plan file(s); approved for this project: " + (receipt.DispatchIds.Count == 0 ? "none" : string.Join(", ", receipt.DispatchIds))));
    }

    private static string? Permit(ReceiptInputs inputs, string ruleId, string? subject) => inputs.Dependencies?.PermitFor(ruleId, subject);

    /// <summary>With GovernanceCompilerLog=true: the analyzers' results beyond the module check (GOV101, GOV110), and
    /// what only the log shows: suppressions in source and lowered severities.</summary>
    private static void AddCompilerLogEvidence(ReceiptInputs inputs, Receipt receipt, ReceiptAssessment assessment)
    {
        if (!inputs.CompilerLogRequested)
        {
            return;
        }

        if (inputs.CompilerLog is not { } log)
        {
            receipt.Evidence.Add(inputs.CompilerLogProblem ?? new CheckEvidence("compilerLog", CheckResult.NotRun, "the compiler's error log was not read"));
            return;
        }

        foreach (var result in log.Results)
        {
            if (result.RuleId is RuleIds.AnalyzerHeartbeat or RuleIds.ModuleInventory)
            {
                continue;
            }

            var permittedBy = result.Suppression is null ? null : Permit(inputs, result.RuleId, result.Module);

            // The module check's own findings come from the build facts (every rule they judge); the log adds the
            // analyzers' other rules.
            if (!ModuleCheckFacts.JudgedRules.Contains(result.RuleId))
            {
                assessment.CompilerFindings.Add(new Finding(result.RuleId, result.Message, result.File, result.Line, result.Column, result.Module)
                {
                    ReportedAsError = result.Suppression is null && string.Equals(result.Level, "error", StringComparison.OrdinalIgnoreCase),
                    SuppressedByDispatchId = permittedBy,
                });
            }

            if (result.Suppression is not null && permittedBy is null)
            {
                assessment.LogTamper.Add(new Finding(RuleIds.SuppressedInSource,
                    result.RuleId + " is suppressed in source (" + result.Suppression + ") and no approved plan allows it: " + result.Message
                    + " Remove the suppression, or have an approved plan list { \"id\": \"" + result.RuleId + "\", \"target\": \"" + (result.Module ?? "...") + "\", \"reason\": \"...\" } under \"suppressions\".",
                    result.File, result.Line, result.Column, result.Module));
            }
        }

        foreach (var pair in log.ConfiguredLevels)
        {
            if (pair.Key.StartsWith("GOV", StringComparison.OrdinalIgnoreCase) && RuleCatalog.TryGet(pair.Key, out var rule) && Lowered(rule.Severity, pair.Value))
            {
                assessment.LogTamper.Add(new Finding(RuleIds.SuppressedByBuildConfiguration,
                    pair.Key + " is configured to '" + pair.Value + "' (an .editorconfig/.globalconfig severity or /nowarn), below its '" + rule.Severity.ToString().ToLowerInvariant()
                    + "' default. Governance severities may not be lowered on the branch under test; remove the setting.", subject: pair.Key));
            }
        }

        receipt.Evidence.Add(new CheckEvidence("compilerLog", CheckResult.Pass, "read " + inputs.CompilerLogPath + ": " + assessment.LogTamper.Count + " suppression(s) or lowered severities"));
    }

    /// <summary>The module check's results from the build facts the compiler wrote (<see cref="ModuleCheckFacts"/>).</summary>
    private static void AddModuleEvidence(ReceiptInputs inputs, Receipt receipt, ReceiptAssessment assessment)
    {
        if (inputs.Facts is not { } facts)
        {
            receipt.Evidence.Add(inputs.FactsProblem ?? new CheckEvidence("modules", CheckResult.NotRun, "no build facts"));
            return;
        }

        // The analyzers read their settings from the compiler's analyzer config, where a repository .globalconfig with
        // a higher global_level could replace the values this build passes: facts made with other settings than the
        // build's are no evidence of this build.
        if (!string.Equals(facts.Project, inputs.ProjectPath, StringComparison.Ordinal) || !string.Equals(facts.TargetFramework, inputs.TargetFramework, StringComparison.Ordinal)
            || (facts.Inventory is not null && !inputs.UpdateBaseline))
        {
            receipt.Evidence.Add(new CheckEvidence("modules", CheckResult.Error, "the build facts " + inputs.FactsPath + " were computed with other governance settings than this build's (project '"
                + facts.Project + "', target framework '" + facts.TargetFramework + "', baseline update " + (facts.Inventory is not null ? "true" : "false")
                + "): an analyzer config file overrides the values the build passes to the analyzers"));
            return;
        }

        if (inputs.UpdateBaseline && facts.Inventory is null)
        {
            receipt.Evidence.Add(new CheckEvidence("modules", CheckResult.Error, "the build facts " + inputs.FactsPath + " hold no module inventory although the baseline is being updated"));
            return;
        }

        assessment.AcceptedFacts = facts;
        assessment.Inventory.AddRange(facts.Inventory ?? Array.Empty<string>());
        var moduleFindings = new List<Finding>();
        foreach (var result in facts.Findings)
        {
            var failsCompile = result.ReportedSeverity == RuleSeverity.Error;
            var finding = new Finding(result.RuleId, result.Message, result.File, result.Line, result.Column, result.Module)
            {
                // A compile that failed printed it; one that completed did not (or it was only a warning).
                ReportedAsError = failsCompile && !inputs.CompileCompleted,
                SuppressedByDispatchId = Permit(inputs, result.RuleId, result.Module),
            };
            if (failsCompile && inputs.CompileCompleted && !inputs.Audit && !inputs.UpdateBaseline && finding.SuppressedByDispatchId is null)
            {
                assessment.Silenced.Add(finding);
            }

            moduleFindings.Add(finding);
        }

        assessment.CompilerFindings.AddRange(moduleFindings);

        // A compile that failed while GOV101/GOV110 were raised to errors may have failed on one of them, which only
        // the compiler's log would show: without it the receipt cannot approve.
        if (facts.RaisedToError.Count > 0 && inputs.CompileReached && !inputs.CompileCompleted && !inputs.CompilerLogRequested && !inputs.Audit && !inputs.UpdateBaseline)
        {
            receipt.Evidence.Add(new CheckEvidence("usage", CheckResult.NotRun, "the compiler failed and reports " + string.Join(", ", facts.RaisedToError)
                + " as errors in this build (WarningsAsErrors or a raised analyzer config severity): without the compiler's log (GovernanceCompilerLog=true) the receipt cannot tell whether one of them failed it"));
        }

        var counted = assessment.CompilerFindings.Count(f => f.RuleId is RuleIds.UnapprovedModule or RuleIds.MissingBaseline or RuleIds.InvalidGovernanceFile && f.SuppressedByDispatchId is null);
        receipt.Evidence.Add(new CheckEvidence("modules", counted == 0 ? CheckResult.Pass : CheckResult.Fail,
            facts.ModulesChecked + " module(s) checked, " + counted + " finding(s)"));
    }

    private static void AddTamperEvidence(ReceiptInputs inputs, Receipt receipt, ReceiptAssessment assessment)
    {
        var findings = new List<Finding>();
        if (IsFalse(inputs.RunAnalyzers) || IsFalse(inputs.RunAnalyzersDuringBuild))
        {
            findings.Add(new Finding(RuleIds.AnalyzersDisabled,
                "Analyzers are disabled for '" + inputs.ProjectPath + "' (RunAnalyzers=" + (inputs.RunAnalyzers ?? "") + ", RunAnalyzersDuringBuild=" + (inputs.RunAnalyzersDuringBuild ?? "")
                + "), so the module check could not run. Remove the setting.", inputs.ProjectFile));
        }

        var packageIds = new HashSet<string>(Ids(inputs.PackageWarningsNotAsErrors), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in new[] { ("NoWarn", inputs.NoWarn), ("WarningsNotAsErrors", inputs.WarningsNotAsErrors) })
        {
            var ids = Ids(value).Where(id => id.StartsWith("GOV", StringComparison.OrdinalIgnoreCase))
                .Where(id => name == "NoWarn" || !packageIds.Contains(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (ids.Count > 0)
            {
                findings.Add(new Finding(RuleIds.SuppressedByBuildConfiguration,
                    name + " contains " + string.Join(", ", ids) + " for '" + inputs.ProjectPath + "'. Governance diagnostics may not be suppressed by build configuration; remove them from " + name + ".",
                    inputs.ProjectFile, subject: string.Join(",", ids)));
            }
        }

        CheckGovernanceProperties(inputs, findings);
        CheckAnalyzerConfigFiles(inputs, findings);

        assessment.Tamper.AddRange(findings);
        receipt.Evidence.Add(new CheckEvidence("tamper", findings.Count == 0 ? CheckResult.Pass : CheckResult.Fail, findings.Count + " finding(s)"));
    }

    /// <summary>
    /// GOV303 for each governance property a file of the repository set: only global properties (the command line)
    /// count, and the targets have put any other value back. MSBuild's own list of global properties also catches a
    /// project that overrides one (TreatAsLocalProperty) or sets it after the package's targets, where the put-back
    /// cannot reach.
    /// </summary>
    private static void CheckGovernanceProperties(ReceiptInputs inputs, List<Finding> findings)
    {
        var globals = inputs.GlobalProperties;
        foreach (var snapshot in inputs.PropertySnapshots)
        {
            var name = snapshot.Name;
            var used = snapshot.UsedValue;
            string? problem = null;
            if (globals is not null && globals.TryGetValue(name, out var global))
            {
                var file = snapshot.FileValue;
                if (!SameValue(global, used) || !SameValue(global, file))
                {
                    problem = name + " is '" + global + "' on the command line, but the project overrides it with '" + (SameValue(global, used) ? file : used) + "' (TreatAsLocalProperty, or a value set after the package's targets).";
                }
            }
            else if (globals is not null && snapshot.MarkedGlobal)
            {
                problem = name + " is not a global property, but the project marks it as one.";
            }
            else
            {
                var setTo = !SameValue(snapshot.FileValue, used) ? snapshot.FileValue : !SameValue(snapshot.PropsValue, used) ? snapshot.PropsValue : null;
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
                    inputs.ProjectFile, subject: name));
            }
        }
    }

    /// <summary>
    /// GOV303 for a `build_property.Governance*` key in a global analyzer config of the repository (.globalconfig, an
    /// .editorconfig with is_global): with a higher global_level it would replace the value the targets pass to the
    /// analyzers and the build-facts generator (the compiler keeps one value per key), and with the same level remove it.
    /// </summary>
    private static void CheckAnalyzerConfigFiles(ReceiptInputs inputs, List<Finding> findings)
    {
        foreach (var file in inputs.AnalyzerConfigs)
        {
            for (var i = 0; i < file.Value.Length; i++)
            {
                var line = file.Value[i].Trim();
                if (line.StartsWith("build_property.governance", StringComparison.OrdinalIgnoreCase))
                {
                    var key = line.Split('=')[0].Trim();
                    findings.Add(new Finding(RuleIds.GovernancePropertiesOverridden,
                        key + " is set in an analyzer config file of the repository, where it could replace the value the build passes to the governance analyzers. Remove it; governance properties count only on the command line.",
                        file.Key, i + 1, 1, key));
                }
            }
        }
    }

    /// <summary>
    /// A finding this step prints as a warning that MSBuild turns into an error (MSBuildTreatWarningsAsErrors,
    /// MSBuildWarningsAsErrors, WarningsAsErrors) fails the build, so it counts as one: a receipt never says approve
    /// for a build a governance diagnostic failed.
    /// </summary>
    private static void MarkPromotedWarnings(IEnumerable<Finding> findings, ReceiptInputs inputs)
    {
        if (inputs.TreatsWarningAsError is not { } promotes)
        {
            return;
        }

        foreach (var finding in findings)
        {
            var printedAsWarning = finding.Severity == RuleSeverity.Warning || (finding.Severity == RuleSeverity.Error && inputs.Audit);
            if (printedAsWarning && promotes(finding.RuleId))
            {
                finding.ReportedAsError = true;
            }
        }
    }

    /// <summary>"Raise, never lower": a configured level below the rule's own severity.</summary>
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

    /// <summary>The same values, compared as MSBuild passes them (a folder with or without its final slash).</summary>
    private static bool SameValue(string? a, string? b) =>
        string.Equals((a ?? string.Empty).Trim().TrimEnd('/', '\\'), (b ?? string.Empty).Trim().TrimEnd('/', '\\'), StringComparison.Ordinal);

    private static IEnumerable<string> Ids(string? list) =>
        (list ?? string.Empty).Split(new[] { ';', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(id => id.Trim());

    private static bool IsFalse(string? value) => string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
}
