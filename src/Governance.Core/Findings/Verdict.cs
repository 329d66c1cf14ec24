using System.Collections.Generic;
using Governance.Core.Rules;

namespace Governance.Core.Findings;

public enum Verdict
{
    Approve,
    ApproveWithFollowup,
    Hold,
}

public enum CheckResult
{
    Pass,
    Fail,

    /// <summary>The check was switched off or skipped. Not a pass.</summary>
    NotRun,

    /// <summary>The check failed to run (unreadable input, crash). Not a pass.</summary>
    Error,
}

/// <summary>One check the build ran (or could not run), recorded as evidence in the receipt.</summary>
public sealed record CheckEvidence(string Check, CheckResult Result, string Detail);

public static class VerdictRules
{
    public static string ToWireName(this Verdict verdict) =>
        verdict switch
        {
            Verdict.Approve => "approve",
            Verdict.ApproveWithFollowup => "approve_with_followup",
            _ => "hold",
        };

    public static string ToWireName(this CheckResult result) =>
        result switch
        {
            CheckResult.Pass => "pass",
            CheckResult.Fail => "fail",
            CheckResult.NotRun => "not_run",
            _ => "error",
        };

    /// <summary>hold: any error-level finding, or any check that did not run or errored (fail closed);
    /// approve_with_followup: only warnings; approve: nothing else. Info findings and findings a plan allowed to be
    /// suppressed do not weigh.</summary>
    public static Verdict Decide(IEnumerable<Finding> findings, IEnumerable<CheckEvidence> evidence)
    {
        var verdict = Verdict.Approve;
        foreach (var check in evidence)
        {
            if (check.Result is CheckResult.NotRun or CheckResult.Error)
            {
                return Verdict.Hold;
            }
        }

        foreach (var finding in findings)
        {
            if (finding.SuppressedByDispatchId is not null)
            {
                continue;
            }

            // A warning the build reported as an error (TreatWarningsAsErrors, WarningsAsErrors, a raised severity)
            // failed the build: the receipt must not approve it.
            if (finding.Severity == RuleSeverity.Error || finding.ReportedAsError)
            {
                return Verdict.Hold;
            }

            if (finding.Severity == RuleSeverity.Warning)
            {
                verdict = Verdict.ApproveWithFollowup;
            }
        }

        return verdict;
    }
}
