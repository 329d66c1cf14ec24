using Governance.Core.Baselines;
using Xunit;

namespace Governance.Core.Tests.Baselines;

public class BaselineSerializerTests
{
    private static ProjectBaseline Sample() =>
        new ProjectBaseline("src/App/App.csproj", new Dictionary<string, BaselineTarget>())
            .WithTarget("net8.0", new BaselineTarget(
                "Type",
                new[] { "Contoso.B", "Contoso.A", "Contoso.A" },
                new[] { new PackageVersionRecord("zeta", "1.0.0"), new PackageVersionRecord("Alpha", "2.0.0") },
                new[] { new PackageVersionRecord("System.Memory", "4.5.5") },
                new[] { "src/Lib/Lib.csproj" },
                []));

    [Fact]
    public void Writes_sorted_deterministic_text_with_a_final_newline()
    {
        var text = BaselineSerializer.Write(Sample());

        Assert.EndsWith("}\n", text);
        Assert.DoesNotContain("\r", text);
        Assert.True(text.IndexOf("Contoso.A", StringComparison.Ordinal) < text.IndexOf("Contoso.B", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Alpha", StringComparison.Ordinal) < text.IndexOf("zeta", StringComparison.Ordinal));
        Assert.Equal(1, CountOf(text, "\"Contoso.A\""));
        Assert.Equal(text, BaselineSerializer.Write(Sample()));
    }

    [Fact]
    public void Round_trips()
    {
        var text = BaselineSerializer.Write(Sample());
        var read = BaselineSerializer.Read("b.json", text);

        Assert.Empty(read.Issues);
        var target = read.Baseline!.GetTarget("NET8.0")!;
        Assert.Equal(new[] { "Contoso.A", "Contoso.B" }, target.Modules);
        Assert.Equal("2.0.0", target.FindPackage("alpha")!.Version);
        Assert.Equal(text, BaselineSerializer.Write(read.Baseline));
    }

    [Fact]
    public void Updating_one_target_keeps_the_others()
    {
        var updated = Sample().WithTarget("net472", new BaselineTarget("Type", new[] { "Contoso.Old" }, [], [], [], []));
        var read = BaselineSerializer.Read("b.json", BaselineSerializer.Write(updated)).Baseline!;
        Assert.NotNull(read.GetTarget("net8.0"));
        Assert.Equal(new[] { "Contoso.Old" }, read.GetTarget("net472")!.Modules);
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": 2, \"project\": \"a\", \"targets\": {} }", "'schemaVersion' must be 1")]
    [InlineData("{ \"schemaVersion\": 1, \"project\": \"a\", \"targets\": [] }", "'targets' must be an object")]
    [InlineData("{ \"schemaVersion\": 1, \"project\": \"a\", \"targets\": { \"net8.0\": { \"modules\": [1] } } }", "Entries of 'modules' must be strings")]
    public void Bad_baselines_are_located_issues(string text, string fragment)
    {
        var read = BaselineSerializer.Read("b.json", text);
        Assert.Null(read.Baseline);
        Assert.Contains(read.Issues, i => i.Message.Contains(fragment, StringComparison.Ordinal));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
