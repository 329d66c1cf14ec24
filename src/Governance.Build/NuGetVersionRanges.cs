using Governance.Core.Policy;
using Governance.Core.Versioning;
using NuGet.Versioning;

namespace Governance.Build;

/// <summary>NuGet range semantics for Core's dependency check, from NuGet.Versioning itself.</summary>
internal sealed class NuGetVersionRanges : IVersionRangeEvaluator
{
    public static readonly NuGetVersionRanges Instance = new();

    public bool Satisfies(string range, string version) =>
        VersionRange.TryParse(range, allowFloating: true, out var parsed) && NuGetVersion.TryParse(version, out var v) && parsed.Satisfies(v);

    /// <summary>Plan validation for the task: the exact parser NuGet restore uses.</summary>
    public static string? Validate(string range) =>
        !VersionRange.TryParse(range, allowFloating: true, out _)
            ? VersionRangeSyntax.EmptyRangeError(range) ?? "'" + range + "' is not a valid NuGet version range. Examples: \"8.4.0\" (8.4.0 or newer), \"[8.4.0]\" (exactly), \"[8.4.0,9.0.0)\"."
            // Core's check also where NuGet would parse it, so that every host says the same about an empty range.
            : VersionRangeSyntax.EmptyRangeError(range);
}
