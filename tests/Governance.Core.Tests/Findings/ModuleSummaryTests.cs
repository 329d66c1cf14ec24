using Governance.Core.Findings;
using Xunit;

namespace Governance.Core.Tests.Findings;

/// <summary>The module summary a project's build leaves for the projects that reference it: read back as written,
/// vouching for a referenced project only when it says "0 unapproved" about that project and granularity, and never
/// rewritten unchanged (it is an input of every referencing compile).</summary>
public sealed class ModuleSummaryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_count_reads_back_as_written(int unapproved)
    {
        var read = ModuleSummary.Parse(new ModuleSummary("src/Core/Core.csproj", "Namespace", unapproved).ToText());

        Assert.NotNull(read);
        Assert.Equal("src/Core/Core.csproj", read!.Project);
        Assert.Equal("Namespace", read.Granularity);
        Assert.Equal(unapproved, read.UnapprovedModules);
    }

    [Fact]
    public void An_unknown_count_reads_back_with_its_reason_and_vouches_for_nothing()
    {
        var read = ModuleSummary.Parse(new ModuleSummary("src/Core/Core.csproj", "Type", null, "the compile did not complete").ToText());

        Assert.NotNull(read);
        Assert.Null(read!.UnapprovedModules);
        Assert.Contains("the compile did not complete", read.UnknownBecause);
        Assert.False(read.ApprovesEverything("src/Core/Core.csproj", "Type"));
    }

    [Theory]
    [InlineData("src/Core/Core.csproj", "Type", 0, true)]
    [InlineData("src/Core/Core.csproj", "type", 0, true)]
    [InlineData("src/Core/Core.csproj", "Type", 1, false)]
    [InlineData("src/Core/core.csproj", "Type", 0, false)]
    [InlineData("src/Other/Other.csproj", "Type", 0, false)]
    [InlineData("src/Core/Core.csproj", "Namespace", 0, false)]
    public void It_vouches_only_for_its_own_project_and_granularity_and_only_with_none_unapproved(string project, string granularity, int unapproved, bool vouches)
    {
        var summary = new ModuleSummary("src/Core/Core.csproj", "Type", unapproved);
        Assert.Equal(vouches, summary.ApprovesEverything(project, granularity));
    }

    [Theory]
    [InlineData("")]
    [InlineData("governance-module-summary 2\nproject: p\ngranularity: Type\nunapprovedModules: 0\n")]
    [InlineData("governance-module-summary 1\nproject: \ngranularity: Type\nunapprovedModules: 0\n")]
    [InlineData("governance-module-summary 1\nproject: p\ngranularity: Module\nunapprovedModules: 0\n")]
    [InlineData("governance-module-summary 1\nproject: p\ngranularity: Type\nunapprovedModules: -1\n")]
    [InlineData("governance-module-summary 1\nproject: p\ngranularity: Type\nunapprovedModules: 0x0\n")]
    [InlineData("governance-module-summary 1\nproject: p\ngranularity: Type\nunapprovedModules:0\n")]
    [InlineData("governance-module-summary 1\nproject: p\ngranularity: Type\n")]
    [InlineData("governance-module-summary 1\nproject: p\ngranularity: Type\nunapprovedModules: 0\nextra: 1\n")]
    [InlineData("governance-module-summary 1\ngranularity: Type\nproject: p\nunapprovedModules: 0\n")]
    public void Anything_but_exactly_the_format_is_no_summary(string text)
    {
        Assert.Null(ModuleSummary.Parse(text));
    }

    [Fact]
    public void Windows_line_ends_read_the_same()
    {
        var text = new ModuleSummary("src/Core/Core.csproj", "Type", 0).ToText().Replace("\n", "\r\n");
        Assert.True(ModuleSummary.Parse(text)!.ApprovesEverything("src/Core/Core.csproj", "Type"));
    }

    [Fact]
    public void Written_only_when_its_text_changes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gov-summary-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "obj", "governance", "module-summary.txt");
        try
        {
            new ModuleSummary("src/Core/Core.csproj", "Type", 0).WriteIfChanged(path);
            var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, old);

            new ModuleSummary("src/Core/Core.csproj", "Type", 0).WriteIfChanged(path);
            Assert.Equal(old, File.GetLastWriteTimeUtc(path));

            new ModuleSummary("src/Core/Core.csproj", "Type", 1).WriteIfChanged(path);
            Assert.NotEqual(old, File.GetLastWriteTimeUtc(path));
            Assert.Equal(1, ModuleSummary.Parse(File.ReadAllText(path))!.UnapprovedModules);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
