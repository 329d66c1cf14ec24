using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// Issue 5: a real build by the .NET SDK loads the analyzer assemblies compiled ahead of time for the SDK's runtime
/// identifier (readytorun/&lt;rid&gt;/), tasks included, and they judge exactly as the IL does; GovernanceReadyToRun=false and
/// runtime identifiers without images keep the IL from analyzers/dotnet/cs/.
/// </summary>
public sealed partial class ReadyToRunTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static readonly string[] s_shippedRuntimeIdentifiers = ["linux-x64", "linux-arm64", "win-x64", "osx-arm64"];

    [GeneratedRegex(@"/analyzer:(""[^""]+""|\S+)")]
    private static partial Regex AnalyzerArgument();

    /// <summary>The governance assemblies on the compiler's command line of App (normal verbosity logs it).</summary>
    private static List<string> GovernanceAnalyzers(string output) =>
        AnalyzerArgument().Matches(output).Select(m => m.Groups[1].Value.Trim('"').Replace('\\', '/'))
            .Where(p => Path.GetFileName(p).StartsWith("Governance.", StringComparison.Ordinal) && p.Contains("/governance.analyzers/", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void A_real_build_uses_the_ahead_of_time_images_and_reports_what_the_IL_reports()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);
        repo.Write("src/App/Helpers/StringUtil.cs", "namespace Contoso.App.Helpers;\n\ninternal static class StringUtil\n{\n    public static Contoso.Lib.Clock Make() => new();\n}\n");
        repo.Write("src/App/Uses.cs", "namespace Contoso.App;\n\ninternal static class Uses\n{\n    public static object Run() => Contoso.App.Helpers.StringUtil.Make();\n}\n");

        var count = repo.Receipts().Count;
        var aheadOfTime = repo.Build("-v:n");
        var il = repo.Build("-v:n --no-incremental -p:GovernanceReadyToRun=false");

        var rid = RuntimeInformation.RuntimeIdentifier;
        var expected = s_shippedRuntimeIdentifiers.Contains(rid)
            ? new[] { "readytorun/" + rid + "/Governance.Analyzers.dll", "readytorun/" + rid + "/Governance.Core.dll" }
            : new[] { "analyzers/dotnet/cs/Governance.Analyzers.dll", "analyzers/dotnet/cs/Governance.CodeFixes.dll", "analyzers/dotnet/cs/Governance.Core.dll" };
        var used = GovernanceAnalyzers(aheadOfTime.Output);
        Assert.Equal(expected.Length, used.Count);
        Assert.All(used, p => Assert.Contains(expected, e => p.EndsWith(e, StringComparison.Ordinal)));
        var ilUsed = GovernanceAnalyzers(il.Output);
        Assert.Equal(3, ilUsed.Count);
        Assert.All(ilUsed, p => Assert.Contains("/analyzers/dotnet/cs/", p, StringComparison.Ordinal));

        // The tasks too (MSBuild loads them from the path this property names).
        var taskAssembly = (string arguments) =>
        {
            var result = repo.Dotnet("msbuild src/App/App.csproj -nologo -getProperty:GovernanceTaskAssembly " + arguments);
            Assert.True(result.ExitCode == 0, result.Output);
            return result.Output.Trim().Replace('\\', '/');
        };
        Assert.EndsWith(s_shippedRuntimeIdentifiers.Contains(rid) ? "readytorun/" + rid + "/Governance.Build.dll" : "tools/net8.0/Governance.Build.dll", taskAssembly(string.Empty), StringComparison.Ordinal);
        Assert.EndsWith("tools/net8.0/Governance.Build.dll", taskAssembly("-p:GovernanceReadyToRun=false"), StringComparison.Ordinal);

        // The same findings, from the same IL: GOV100 at the new type, and the receipts hold.
        Assert.NotEqual(0, aheadOfTime.ExitCode);
        Assert.NotEqual(0, il.ExitCode);
        var findings = (string output) => output.Split('\n').Where(l => l.Contains(": error GOV", StringComparison.Ordinal)).Select(l => l.Trim())
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains(findings(aheadOfTime.Output), l => l.Contains("StringUtil.cs(3,23): error GOV100: Type 'Contoso.App.Helpers.StringUtil'", StringComparison.Ordinal));
        Assert.Equal(findings(il.Output), findings(aheadOfTime.Output));
        var receipts = repo.Receipts().Skip(count).Where(r => r.GetProperty("project").GetString() == "src/App/App.csproj").ToList();
        Assert.Equal(["hold", "hold"], receipts.Select(r => r.GetProperty("verdict").GetString()));
    }
}
