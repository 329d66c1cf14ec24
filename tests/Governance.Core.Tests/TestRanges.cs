using Governance.Core.Policy;
using NuGet.Versioning;

namespace Governance.Core.Tests;

/// <summary>NuGet range semantics for Core's checks in tests, as the task and the CLI supply them.</summary>
internal sealed class TestRanges : IVersionRangeEvaluator
{
    public static readonly TestRanges Instance = new();

    public bool Satisfies(string range, string version) =>
        VersionRange.TryParse(range, out var r) && NuGetVersion.TryParse(version, out var v) && r.Satisfies(v);
}
