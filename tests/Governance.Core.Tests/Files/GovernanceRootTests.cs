using Governance.Core.Files;
using Xunit;

namespace Governance.Core.Tests.Files;

/// <summary>The CLI finds the governance root as the build does: the nearest folder holding the marker
/// <c>.governance/root</c>, never a <c>.governance/</c> folder without it.</summary>
public sealed class GovernanceRootTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gov-root-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_nearest_folder_with_the_marker_is_the_root()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_dir, "src", "App", "obj")).FullName;
        Assert.Null(GovernancePaths.FindRootAbove(nested));

        // A .governance folder without the marker governs nothing, for the CLI as for the build (GOV006).
        Directory.CreateDirectory(Path.Combine(_dir, "src", ".governance", "plans"));
        Assert.Null(GovernancePaths.FindRootAbove(nested));

        Directory.CreateDirectory(Path.Combine(_dir, ".governance"));
        File.WriteAllText(Path.Combine(_dir, ".governance", "root"), "marker");
        Assert.Equal(_dir, GovernancePaths.FindRootAbove(nested));
        Assert.Equal(_dir, GovernancePaths.FindRootAbove(_dir));

        File.WriteAllText(Path.Combine(_dir, "src", ".governance", "root"), "marker");
        Assert.Equal(Path.Combine(_dir, "src"), GovernancePaths.FindRootAbove(nested));
    }
}
