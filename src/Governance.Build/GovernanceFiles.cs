using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using Governance.Core.Baselines;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Json;
using Governance.Core.Rules;
using Governance.Core.Plans;
using Governance.Core.Policy;
using Governance.Core.Receipts;
using Governance.Core.Signing;

namespace Governance.Build;

/// <summary>The governance files as the task sees them: read from disk (symbolic links and oversized files rejected),
/// judged by Core's <see cref="GovernanceAssessment"/>, as the analyzer judges the same files it gets as AdditionalFiles.</summary>
internal sealed class GovernanceFiles
{
    public List<(DispatchPlan? Plan, string Path, string Sha256, IReadOnlyList<GovernanceFileIssue> Issues)> PlanFiles { get; } = new();
    public PlanSet Plans { get; private set; } = null!;
    public List<PlanAssessment> Assessments { get; private set; } = new();
    public List<PlanAssessment> ProjectAssessments { get; } = new();
    public ProjectBaseline? Baseline { get; private set; }
    public BaselineTarget? BaselineTarget { get; private set; }
    public string? BaselineSha256 { get; private set; }
    public List<GovernanceFileIssue> Issues { get; } = new();

    /// <summary>Files rejected before parsing (symbolic links, oversized files): the analyzer cannot see why, since
    /// the compiler hands it the text, so the task reports these itself.</summary>
    public List<GovernanceFileIssue> Rejections { get; } = new();

    private readonly Dictionary<string, string> _planTexts = new(StringComparer.Ordinal);

    public static GovernanceFiles Load(IEnumerable<string> planPaths, string? baselinePath, string? signersPath, bool requireSigned,
        DateTimeOffset now, string projectPath, string targetFramework, string granularity)
    {
        var files = new GovernanceFiles();
        var results = new List<PlanReadResult>();
        var sorted = new List<string>(planPaths);
        sorted.Sort(StringComparer.Ordinal);
        foreach (var path in sorted)
        {
            var content = GovernanceFileSource.Read(path, "plan");
            PlanReadResult result;
            if (content.Rejection is { } rejected)
            {
                result = new PlanReadResult(null, new[] { rejected });
                files.Rejections.Add(rejected);
            }
            else
            {
                result = PlanReader.Read(path, content.Text!);
                files._planTexts[path] = content.Text!;
            }

            results.Add(result);
            files.PlanFiles.Add((result.Plan, path, content.Sha256, result.Issues));
        }

        files.Plans = PlanSet.Create(results);
        files.Issues.AddRange(files.Plans.Issues);

        BaselineReadResult? baseline = null;
        if (!string.IsNullOrEmpty(baselinePath) && File.Exists(baselinePath))
        {
            var content = GovernanceFileSource.Read(baselinePath!, "baseline");
            files.BaselineSha256 = content.Sha256;
            if (content.Rejection is { } rejected)
            {
                baseline = new BaselineReadResult(null, new[] { rejected });
                files.Rejections.Add(rejected);
            }
            else
            {
                baseline = BaselineSerializer.Read(baselinePath!, content.Text!);
            }

            files.Issues.AddRange(baseline.Issues);
            files.Baseline = baseline.Baseline;
        }

        AllowedSignersParseResult? signers = null;
        if (!string.IsNullOrEmpty(signersPath) && File.Exists(signersPath))
        {
            signers = AllowedSigners.Parse(File.ReadAllText(signersPath), signersPath!);
        }

        var assessment = GovernanceAssessment.Assess(files.Plans, GovernanceAssessment.Signatures(requireSigned, signersPath, signers), now, baseline,
            projectPath, targetFramework, granularity, root: null);
        files.Assessments = assessment.Assessments;
        files.ProjectAssessments.AddRange(assessment.ProjectAssessments);
        files.BaselineTarget = assessment.BaselineTarget;
        return files;
    }

    /// <summary>GOV001 for each rejected file, located at its start.</summary>
    public IEnumerable<Finding> RejectionFindings()
    {
        foreach (var issue in Rejections)
        {
            yield return new Finding(RuleIds.InvalidGovernanceFile, issue.Message, issue.Path, 1, 1, issue.Path);
        }
    }

    /// <summary>
    /// A plan's "projects" entry that names no existing file is most likely a typo that leaves the intended project
    /// outside the plan. The analyzer cannot look at the disk, so the task warns (GOV005 at warning level: an
    /// approval nothing can use), located at the entry.
    /// </summary>
    public IEnumerable<Finding> MissingProjectFindings(string governanceRoot)
    {
        foreach (var plan in Plans.Plans)
        {
            if (plan.Projects is null || !_planTexts.TryGetValue(plan.Path, out var text) || plan.Root["projects"] is not { Kind: JsonKind.Array } list)
            {
                continue;
            }

            LineIndex? lines = null;
            foreach (var item in list.Items)
            {
                var relative = item.StringValue is null ? null : GovernancePaths.NormalizeRelative(item.StringValue, out _);
                if (relative is null || File.Exists(Path.Combine(governanceRoot, relative)))
                {
                    continue;
                }

                lines ??= new LineIndex(text);
                var position = lines.GetPosition(item.Start);
                yield return new Finding(RuleIds.UnusedApproval,
                    "Plan '" + plan.DispatchId + "' lists project '" + relative + "', which does not exist under the governance root, so the plan approves nothing for it. "
                    + "Correct the path (relative to the governance root, such as \"src/Payments/Payments.csproj\") or remove the entry.",
                    plan.Path, position.Line, position.Column, relative, RuleSeverity.Warning);
            }
        }
    }

    /// <summary>
    /// GOV004 for each plan whose approval signature was rejected and that does not apply to this project (the
    /// analyzers report the ones that do, located in the plan). A forged or untrusted approval anywhere in the
    /// governance folder is recorded in every receipt, also when no build needed that plan.
    /// </summary>
    public IEnumerable<Finding> RejectedSignatureFindings()
    {
        foreach (var assessment in Assessments)
        {
            if (assessment.State != PlanState.SignatureRejected || ProjectAssessments.Contains(assessment))
            {
                continue;
            }

            var plan = assessment.Plan;
            var position = _planTexts.TryGetValue(plan.Path, out var text) ? new LineIndex(text).GetPosition(plan.DispatchIdOffset) : default;
            yield return new Finding(RuleIds.UnverifiedApproval,
                "Plan '" + plan.DispatchId + "' " + assessment.Reason + ". It does not apply to this project, but a rejected approval is recorded in every receipt: sign it with a trusted key or remove it.",
                plan.Path, position.Line, position.Column, plan.DispatchId);
        }
    }
}
