using System;
using System.Collections.Generic;
using Governance.Core.Json;
using Governance.Core.Modules;

namespace Governance.Core.Plans;

/// <summary>An entry of a plan with where it stands in the file, so that GOV005 (unused approval) and code fixes can
/// point at it.</summary>
public sealed record PlanEntry<T>(T Value, int Offset, int Length);

/// <param name="Id">The package id.</param>
/// <param name="VersionRange">NuGet range syntax; null approves any version.</param>
public sealed record PackageApproval(string Id, string? VersionRange);

/// <param name="RuleId">The rule the suppression is allowed for.</param>
/// <param name="Target">The module (GOV1xx) or package id / path (GOV2xx) the suppression is allowed for; "*" for any.</param>
/// <param name="Reason">Why, as the plan says.</param>
public sealed record SuppressionApproval(string RuleId, string Target, string Reason);

/// <summary>A dispatch plan as read from <c>.governance/plans/*.json</c>. Whether it approves anything is decided by
/// <see cref="Policy.PlanAssessor"/>, not here: a plan object can be a proposal, expired, or badly signed.</summary>
public sealed class DispatchPlan
{
    internal DispatchPlan(string path, JsonValue root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    /// <summary>The parsed document, kept for canonicalization (signatures) and code fixes.</summary>
    public JsonValue Root { get; }

    public string DispatchId { get; internal set; } = string.Empty;
    public int DispatchIdOffset { get; internal set; }
    public string? Task { get; internal set; }
    public string? Agent { get; internal set; }
    public string? ApprovedBy { get; internal set; }
    public DateTimeOffset? ApprovedAt { get; internal set; }
    public DateTimeOffset? ExpiresAt { get; internal set; }
    public string? Signature { get; internal set; }

    /// <summary>Root-relative project paths the plan is limited to; null means every project.</summary>
    public IReadOnlyList<string>? Projects { get; internal set; }

    public IReadOnlyList<PlanEntry<ModulePattern>> Modules { get; internal set; } = Array.Empty<PlanEntry<ModulePattern>>();
    public IReadOnlyList<PlanEntry<PackageApproval>> Packages { get; internal set; } = Array.Empty<PlanEntry<PackageApproval>>();
    public IReadOnlyList<PlanEntry<string>> ProjectReferences { get; internal set; } = Array.Empty<PlanEntry<string>>();
    public IReadOnlyList<PlanEntry<string>> AssemblyReferences { get; internal set; } = Array.Empty<PlanEntry<string>>();

    /// <summary>Shared frameworks (FrameworkReference names such as Microsoft.AspNetCore.App) the agent may add.</summary>
    public IReadOnlyList<PlanEntry<string>> FrameworkReferences { get; internal set; } = Array.Empty<PlanEntry<string>>();
    public IReadOnlyList<PlanEntry<SuppressionApproval>> Suppressions { get; internal set; } = Array.Empty<PlanEntry<SuppressionApproval>>();

    /// <summary>Module patterns compiled once per plan text; lookups do not grow with the number of patterns.</summary>
    public ModuleMatcher ModuleMatcher { get; internal set; } = ModuleMatcher.Empty;

    public bool HasApprovalFields => !string.IsNullOrWhiteSpace(ApprovedBy) && ApprovedAt.HasValue;

    public bool AppliesTo(string projectRelativePath)
    {
        if (Projects is null)
        {
            return true;
        }

        foreach (var project in Projects)
        {
            if (Files.GovernancePaths.Comparer.Equals(project, projectRelativePath))
            {
                return true;
            }
        }

        return false;
    }
}
