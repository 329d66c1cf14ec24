using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using Governance.Core.Baselines;
using Governance.Core.Files;
using Governance.Core.Plans;
using Governance.Core.Policy;
using Governance.Core.Receipts;
using Governance.Core.Signing;

namespace Governance.Build;

/// <summary>The governance files as the task sees them: read from disk, judged by Core exactly as the analyzer
/// judges them (the analyzer gets the same files as AdditionalFiles).</summary>
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

    public static GovernanceFiles Load(IEnumerable<string> planPaths, string? baselinePath, string? signersPath, bool requireSigned,
        DateTimeOffset now, string projectPath, string targetFramework)
    {
        var files = new GovernanceFiles();
        var results = new List<PlanReadResult>();
        var sorted = new List<string>(planPaths);
        sorted.Sort(StringComparer.Ordinal);
        foreach (var path in sorted)
        {
            var bytes = File.ReadAllBytes(path);
            var result = PlanReader.Read(path, Decode(bytes), NuGetVersionRanges.Validate);
            results.Add(result);
            files.PlanFiles.Add((result.Plan, path, ReceiptChain.Sha256Hex(bytes), result.Issues));
        }

        files.Plans = PlanSet.Create(results);
        files.Issues.AddRange(files.Plans.Issues);

        if (!string.IsNullOrEmpty(baselinePath) && File.Exists(baselinePath))
        {
            var bytes = File.ReadAllBytes(baselinePath);
            files.BaselineSha256 = ReceiptChain.Sha256Hex(bytes);
            var read = BaselineSerializer.Read(baselinePath!, Decode(bytes));
            files.Issues.AddRange(read.Issues);
            files.Baseline = read.Baseline;
            files.BaselineTarget = read.Baseline?.GetTarget(targetFramework);
        }

        var signatures = SignaturePolicy.None;
        if (!string.IsNullOrEmpty(signersPath))
        {
            if (File.Exists(signersPath))
            {
                var parsed = AllowedSigners.Parse(File.ReadAllText(signersPath), signersPath!);
                signatures = new SignaturePolicy(requireSigned, parsed.Signers, parsed.Errors.Count > 0 ? "the trust root " + signersPath + " has errors" : null);
            }
            else
            {
                signatures = new SignaturePolicy(requireSigned, null, "the trust root '" + signersPath + "' (GovernanceAllowedSigners) does not exist");
            }
        }
        else if (requireSigned)
        {
            signatures = new SignaturePolicy(true, null, null);
        }

        files.Assessments = PlanAssessor.AssessAll(files.Plans.Plans, now, signatures);
        foreach (var assessment in files.Assessments)
        {
            if (assessment.Plan.AppliesTo(projectPath))
            {
                files.ProjectAssessments.Add(assessment);
            }
        }

        return files;
    }

    /// <summary>Decodes like the compiler does for additional files: BOM-aware, UTF-8 by default.</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    public static string StateName(PlanState state) =>
        state switch
        {
            PlanState.Approved => "approved",
            PlanState.Proposal => "proposal",
            PlanState.Expired => "expired",
            _ => "signature_rejected",
        };
}
