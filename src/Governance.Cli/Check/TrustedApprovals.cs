using System.Text;
using Governance.Build;
using Governance.Core.Baselines;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Json;
using Governance.Core.Plans;
using Governance.Core.Policy;
using Governance.Core.Receipts;
using Governance.Core.Rules;
using Governance.Core.Signing;

namespace Governance.Cli.Check;

/// <summary>
/// What approves, for one governance root, taken only from outside the branch: the baselines as they are in the
/// base commit; plans that are in the base commit (approved by merging them there); plans the branch adds or
/// changes only when a signer of the base commit's `.governance/allowed_signers` (or --allowed-signers) signed them;
/// the module granularity the base commit's baselines record; the check's own clock.
/// </summary>
internal sealed class TrustedApprovals
{
    private readonly GitRepository _git;
    private readonly string _baseCommit;
    private readonly Dictionary<string, BaselineLoad> _baselines = new(GovernancePaths.Comparer);
    private string? _defaultGranularity;

    private TrustedApprovals(GitRepository git, string baseCommit, string root)
    {
        _git = git;
        _baseCommit = baseCommit;
        Root = root;
    }

    /// <summary>The governance root relative to the repository ("" for the repository root, else "dir/").</summary>
    public string Root { get; }

    /// <summary>Every plan the check considered, approving or not (the ones that do not approve explain findings).</summary>
    public List<PlanAssessment> Plans { get; } = new();

    /// <summary>Plan files that could not be read, and branch plans that are not trusted.</summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>Every plan file of the head commit and the base commit, for the receipt's planDigests.</summary>
    public List<PlanDigest> Digests { get; } = new();

    public string TrustRootDescription { get; private set; } = string.Empty;

    public static TrustedApprovals Load(GitRepository git, string baseCommit, string headCommit, string root, IReadOnlyList<string> baseFiles,
        IReadOnlyList<string> headFiles, string? allowedSignersFile, DateTimeOffset now)
    {
        var approvals = new TrustedApprovals(git, baseCommit, root);
        var signatures = approvals.LoadTrustRoot(allowedSignersFile);
        var planFolder = root + GovernancePaths.PlansFolder + "/";
        static bool IsPlan(string path, string folder) =>
            path.StartsWith(folder, StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && path.IndexOf('/', folder.Length) < 0;

        // Base versions first: merged there, they approve (if approved and not expired) without a signature.
        var chosen = new SortedDictionary<string, (PlanReadResult Result, PlanAssessment? Assessment)>(StringComparer.Ordinal);
        var baseBytes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in baseFiles.Where(p => IsPlan(p, planFolder)))
        {
            var bytes = git.Show(baseCommit, path)!;
            baseBytes[path] = bytes;
            var read = PlanReader.Read(path, Decode(bytes));
            approvals.AddIssues(read.Issues, RuleSeverity.Warning, "in the base commit");
            chosen[path] = (read, read.Plan is null ? null : PlanAssessor.Assess(read.Plan, now, new SignaturePolicy(false, signatures.TrustRoot, signatures.TrustRootProblem)));
            approvals.Digests.Add(new PlanDigest(read.Plan?.DispatchId ?? string.Empty, path, ReceiptDigest(bytes), "base:" + PlanStates.WireStateOf(chosen[path].Assessment)));
        }

        // Branch versions: new or changed plans approve only with a trusted signature.
        var required = new SignaturePolicy(true, signatures.TrustRoot, signatures.TrustRootProblem);
        foreach (var path in headFiles.Where(p => IsPlan(p, planFolder)))
        {
            var bytes = git.Show(headCommit, path)!;
            if (baseBytes.TryGetValue(path, out var same) && same.AsSpan().SequenceEqual(bytes))
            {
                continue;
            }

            var read = PlanReader.Read(path, Decode(bytes));
            approvals.AddIssues(read.Issues, RuleSeverity.Error, "on the branch");
            var assessment = read.Plan is null ? null : PlanAssessor.Assess(read.Plan, now, required);
            approvals.Digests.Add(new PlanDigest(read.Plan?.DispatchId ?? string.Empty, path, ReceiptDigest(bytes), "branch:" + PlanStates.WireStateOf(assessment)));
            if (assessment is { Approves: true })
            {
                chosen[path] = (read, assessment);
            }
            else if (assessment is not null)
            {
                approvals.Plans.Add(assessment);
                if (assessment.State == PlanState.SignatureRejected)
                {
                    approvals.Findings.Add(new Finding(RuleIds.UnverifiedApproval,
                        "Plan '" + assessment.Plan.DispatchId + "' is new or changed on the branch, so only a trusted signature can approve it, and it " + assessment.Reason
                        + ". It approves nothing; a trusted signer approves it with 'dotnet governance plan approve " + path + " --by <principal> --key <private key>'.",
                        path, 1, 1, assessment.Plan.DispatchId, RuleSeverity.Warning));
                }
            }
        }

        // One dispatchId, one plan (as the build rules it): PlanSet drops both of a duplicate pair.
        var set = PlanSet.Create(chosen.Values.Select(c => c.Result));
        approvals.AddIssues(set.Issues, RuleSeverity.Error, string.Empty);
        foreach (var entry in chosen.Values)
        {
            if (entry.Assessment is not null && set.Plans.Contains(entry.Result.Plan!))
            {
                approvals.Plans.Add(entry.Assessment);
            }
        }

        approvals.Plans.Sort((a, b) => string.CompareOrdinal(a.Plan.DispatchId, b.Plan.DispatchId));
        return approvals;
    }

    public IReadOnlyList<PlanAssessment> PlansFor(string projectPath) => Plans.Where(p => p.Plan.AppliesTo(projectPath)).ToList();

    /// <summary>The project's baseline in the base commit (null when it has none), its path and digest.</summary>
    public BaselineLoad BaselineFor(string projectPath)
    {
        if (_baselines.TryGetValue(projectPath, out var cached))
        {
            return cached;
        }

        var path = Root + GovernancePaths.BaselineFileFor(projectPath);
        var bytes = _git.Show(_baseCommit, path);
        BaselineLoad load;
        if (bytes is null)
        {
            load = new BaselineLoad(path, null, null);
        }
        else
        {
            var read = BaselineSerializer.Read(path, Decode(bytes));
            AddIssues(read.Issues, RuleSeverity.Error, "in the base commit");
            load = new BaselineLoad(path, read.Baseline, ReceiptDigest(bytes));
        }

        _baselines[projectPath] = load;
        return load;
    }

    /// <summary>Module granularity for a project the base commit has no baseline for: the one its other baselines record.</summary>
    public string DefaultGranularity(IReadOnlyList<string> baseFiles)
    {
        if (_defaultGranularity is not null)
        {
            return _defaultGranularity;
        }

        var folder = Root + GovernancePaths.BaselineFolder + "/";
        foreach (var path in baseFiles.Where(p => p.StartsWith(folder, StringComparison.Ordinal) && p.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
        {
            var bytes = _git.Show(_baseCommit, path);
            var baseline = bytes is null ? null : BaselineSerializer.Read(path, Decode(bytes)).Baseline;
            var target = baseline?.Targets.Values.FirstOrDefault();
            if (target is not null)
            {
                return _defaultGranularity = target.ModuleGranularity;
            }
        }

        return _defaultGranularity = "Type";
    }

    private (AllowedSigners? TrustRoot, string? TrustRootProblem) LoadTrustRoot(string? allowedSignersFile)
    {
        string text;
        string source;
        if (allowedSignersFile is not null)
        {
            if (!File.Exists(allowedSignersFile))
            {
                TrustRootDescription = allowedSignersFile + " (missing)";
                return (null, "the trust root '" + allowedSignersFile + "' (--allowed-signers) does not exist");
            }

            text = File.ReadAllText(allowedSignersFile);
            source = allowedSignersFile;
        }
        else
        {
            var path = Root + GovernancePaths.GovernanceFolder + "/allowed_signers";
            var bytes = _git.Show(_baseCommit, path);
            if (bytes is null)
            {
                TrustRootDescription = "none (no " + path + " in the base commit)";
                return (null, "the base commit has no " + path + " and no --allowed-signers was given, so no signature can be trusted");
            }

            text = Decode(bytes);
            source = _baseCommit[..12] + ":" + path;
        }

        TrustRootDescription = source;
        var parsed = AllowedSigners.Parse(text, source);
        return (parsed.Signers, parsed.Errors.Count > 0 ? "the trust root " + source + " has errors (" + parsed.Errors[0] + ")" : null);
    }

    private void AddIssues(IEnumerable<GovernanceFileIssue> issues, RuleSeverity severity, string where)
    {
        foreach (var issue in issues)
        {
            Findings.Add(new Finding(issue.RuleId, issue.Message + (where.Length == 0 ? string.Empty : " (" + where + ")"), issue.Path, 1, 1, issue.Path, severity));
        }
    }

    private static string Decode(byte[] bytes) => new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(bytes).TrimStart('\uFEFF');

    private static string ReceiptDigest(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}

internal sealed record BaselineLoad(string Path, ProjectBaseline? Baseline, string? Sha256);
