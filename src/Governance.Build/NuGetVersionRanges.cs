using Governance.Core.Policy;
using Governance.Core.Versioning;
using NuGet.Versioning;

namespace Governance.Build;

/// <summary>NuGet range semantics for Core's dependency check, from NuGet.Versioning itself. Plans are validated by
/// Core's own range syntax in every host (<see cref="VersionRangeSyntax"/>, checked against NuGet.Versioning by the
/// fuzz tests), so the analyzers, the task and the CLI accept the same plans.</summary>
internal sealed class NuGetVersionRanges : IVersionRangeEvaluator
{
    public static readonly NuGetVersionRanges Instance = new();

    public bool Satisfies(string range, string version) =>
        VersionRange.TryParse(range, allowFloating: true, out var parsed) && NuGetVersion.TryParse(version, out var v) && parsed.Satisfies(v);
}
