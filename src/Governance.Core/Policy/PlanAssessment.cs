using System;
using System.Collections.Generic;
using System.Globalization;
using Governance.Core.Files;
using Governance.Core.Json;
using Governance.Core.Plans;
using Governance.Core.Signing;

namespace Governance.Core.Policy;

public enum PlanState
{
    /// <summary>Approved, not expired, and (where required) signed by a trusted key. Only this state approves.</summary>
    Approved,

    /// <summary>No approvedBy/approvedAt: a proposal, which approves nothing.</summary>
    Proposal,

    /// <summary>expiresAt is in the past.</summary>
    Expired,

    /// <summary>The approval signature is missing (when required), invalid, or from an untrusted key.</summary>
    SignatureRejected,
}

public static class PlanStates
{
    /// <summary>The state as receipts write it.</summary>
    public static string ToWireName(this PlanState state) =>
        state switch
        {
            PlanState.Approved => "approved",
            PlanState.Proposal => "proposal",
            PlanState.Expired => "expired",
            _ => "signature_rejected",
        };

    /// <summary>A plan file's state as receipts write it: "invalid" when it could not be read as a plan (no assessment).</summary>
    public static string WireStateOf(PlanAssessment? assessment) => assessment is null ? "invalid" : assessment.State.ToWireName();
}

public sealed class PlanAssessment
{
    public PlanAssessment(DispatchPlan plan, PlanState state, string reason, SignatureVerification? signature)
    {
        Plan = plan;
        State = state;
        Reason = reason;
        Signature = signature;
    }

    public DispatchPlan Plan { get; }
    public PlanState State { get; }

    /// <summary>Why the plan does or does not approve, phrased to complete "plan 'd-1' ...".</summary>
    public string Reason { get; }

    public SignatureVerification? Signature { get; }

    public bool Approves => State == PlanState.Approved;

    /// <summary>
    /// The text (offset, length) in the plan file where the state is fixed: <c>expiresAt</c>'s value for an expired
    /// plan; for a proposal the approval fields that are there (<c>approvedBy</c>, else <c>approvedAt</c>), or the
    /// object's <c>{</c> when it has neither; the <c>dispatchId</c> otherwise.
    /// </summary>
    public (int Offset, int Length) FixSpan
    {
        get
        {
            var root = Plan.Root;
            JsonValue? at = State switch
            {
                PlanState.Expired => root["expiresAt"],
                PlanState.Proposal => root["approvedBy"] ?? root["approvedAt"] ?? root,
                _ => null,
            };
            if (at is null || at.Start < 0)
            {
                return (Plan.DispatchIdOffset, Plan.DispatchId.Length + 2);
            }

            // The object itself: its opening brace, not the whole plan.
            return ReferenceEquals(at, root) ? (root.Start, 1) : (at.Start, at.Length);
        }
    }
}

/// <summary>How approvals must be signed. The trust root comes from outside the branch under test
/// (GovernanceAllowedSigners), so an agent that edits the branch cannot add its own key.</summary>
public sealed class SignaturePolicy
{
    public static readonly SignaturePolicy None = new(false, null, null);

    public SignaturePolicy(bool requireSignedPlans, AllowedSigners? trustRoot, string? trustRootProblem)
    {
        RequireSignedPlans = requireSignedPlans;
        TrustRoot = trustRoot;
        TrustRootProblem = trustRootProblem;
    }

    public bool RequireSignedPlans { get; }
    public AllowedSigners? TrustRoot { get; }

    /// <summary>Set when a trust root was configured but could not be read: every signature then fails.</summary>
    public string? TrustRootProblem { get; }
}

public static class PlanAssessor
{
    public static PlanAssessment Assess(DispatchPlan plan, DateTimeOffset now, SignaturePolicy signatures)
    {
        if (!plan.HasApprovalFields)
        {
            return new PlanAssessment(plan, PlanState.Proposal,
                "is a proposal: it has no " + (string.IsNullOrWhiteSpace(plan.ApprovedBy) ? "'approvedBy'" : "'approvedAt'")
                + ", so it approves nothing until someone approves it", null);
        }

        if (plan.ExpiresAt is { } expires && expires <= now)
        {
            return new PlanAssessment(plan, PlanState.Expired,
                "expired at " + Timestamps.Format(expires) + ", so it approves nothing; renew it with a new approval", null);
        }

        var mustVerify = signatures.RequireSignedPlans || (plan.Signature is not null && (signatures.TrustRoot is not null || signatures.TrustRootProblem is not null));
        if (mustVerify)
        {
            if (plan.Signature is null)
            {
                return new PlanAssessment(plan, PlanState.SignatureRejected,
                    "is not signed, and signed approvals are required (GovernanceRequireSignedPlans); sign it with 'dotnet governance plan approve --key'", null);
            }

            if (signatures.TrustRootProblem is not null || signatures.TrustRoot is null)
            {
                return new PlanAssessment(plan, PlanState.SignatureRejected,
                    "cannot be verified: " + (signatures.TrustRootProblem ?? "no trust root is configured; set GovernanceAllowedSigners to an allowed_signers file from the protected base branch"), null);
            }

            var verification = SshSignatureVerifier.Verify(
                CanonicalContent(plan), plan.Signature, signatures.TrustRoot, plan.ApprovedBy!, SshSignatureVerifier.PlanNamespace, now);
            if (!verification.IsValid)
            {
                return new PlanAssessment(plan, PlanState.SignatureRejected, "has an approval signature that does not verify: " + verification.Message, verification);
            }

            return new PlanAssessment(plan, PlanState.Approved,
                "is approved by " + plan.ApprovedBy + " (signature " + verification.KeyFingerprint + ")", verification);
        }

        return new PlanAssessment(plan, PlanState.Approved, "is approved by " + plan.ApprovedBy + " at " + Timestamps.Format(plan.ApprovedAt!.Value), null);
    }

    public static List<PlanAssessment> AssessAll(IEnumerable<DispatchPlan> plans, DateTimeOffset now, SignaturePolicy signatures)
    {
        var list = new List<PlanAssessment>();
        foreach (var plan in plans)
        {
            list.Add(Assess(plan, now, signatures));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Plan.DispatchId, b.Plan.DispatchId));
        return list;
    }

    /// <summary>The signed bytes: the RFC 8785 canonical form of the plan without its approval fields
    /// (approvedBy, approvedAt, signature). The scope, the projects and expiresAt are all covered, so changing any of
    /// them after signing invalidates the approval.</summary>
    public static byte[] CanonicalContent(DispatchPlan plan) => CanonicalContent(plan.Root);

    public static byte[] CanonicalContent(JsonValue root)
    {
        var kept = new List<KeyValuePair<string, JsonValue>>();
        foreach (var property in root.Properties)
        {
            if (Array.IndexOf(PlanReader.ApprovalProperties, property.Name) < 0)
            {
                kept.Add(new KeyValuePair<string, JsonValue>(property.Name, property.Value));
            }
        }

        return JsonCanonicalizer.SerializeToUtf8(JsonValue.Object(kept));
    }

    /// <summary>True when an approving plan lists <paramref name="value"/> among the entries <paramref name="entries"/>
    /// selects (project, assembly or framework references).</summary>
    public static bool AnyApproves(IEnumerable<PlanAssessment> plans, Func<DispatchPlan, IReadOnlyList<PlanEntry<string>>> entries, string value, StringComparer comparer)
    {
        foreach (var plan in plans)
        {
            if (plan.Approves)
            {
                foreach (var entry in entries(plan.Plan))
                {
                    if (comparer.Equals(entry.Value, value))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Names the plans that list an item but do not approve, and why: " (plan 'd-1' lists it but ...)".</summary>
    public static string ExplainInactive(IEnumerable<PlanAssessment> plans, Func<DispatchPlan, bool> lists)
    {
        var reasons = new List<string>();
        foreach (var plan in plans)
        {
            if (!plan.Approves && lists(plan.Plan))
            {
                reasons.Add("plan '" + plan.Plan.DispatchId + "' lists it but " + plan.Reason);
            }
        }

        return reasons.Count == 0 ? string.Empty : " (" + string.Join("; ", reasons) + ")";
    }

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
