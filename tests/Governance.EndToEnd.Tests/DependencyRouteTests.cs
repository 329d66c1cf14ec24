using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>Every item kind that brings code into a build is judged, one project per route, each finding at the line
/// of the item that adds it; a baseline update records them, so the unchanged repository is quiet again.</summary>
public sealed class DependencyRouteTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static readonly (string Project, string Item, string Expected)[] s_routes =
    [
        ("Implicit", "<PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.3\" IsImplicitlyDefined=\"true\" />",
            "src/Implicit/Implicit.csproj(6,5): error GOV200: Package 'Newtonsoft.Json' 13.0.3 is not approved"),
        ("FileReference", "<Reference Include=\"../../lib/Vendor.Blob.dll\" />",
            "src/FileReference/FileReference.csproj(6,5): error GOV203: Assembly reference 'Vendor.Blob'"),
        ("Framework", "<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />",
            "src/Framework/Framework.csproj(6,5): error GOV205: Framework reference 'Microsoft.AspNetCore.App' is not approved"),
        ("RawAnalyzer", "<Analyzer Include=\"../../lib/Vendor.Analyzer.dll\" />",
            "src/RawAnalyzer/RawAnalyzer.csproj(6,5): error GOV203: Assembly reference 'Vendor.Analyzer'"),
        ("Copied", "<None Include=\"../../lib/Tool.exe\" CopyToOutputDirectory=\"PreserveNewest\" />",
            "src/Copied/Copied.csproj(6,5): error GOV120: Binary 'Tool'"),
        // No HintPath and no path: MSBuild resolves it through AssemblySearchPaths (@(ReferencePath)).
        ("SearchPath", "<Reference Include=\"Vendor.Search\" />",
            "src/SearchPath/SearchPath.csproj(6,5): error GOV203: Assembly reference 'Vendor.Search'"),
    ];

    private static string Project(string? item) =>
        "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n  "
        + (item is null ? string.Empty : "<ItemGroup>\n    " + item + "\n  </ItemGroup>\n") + "</Project>\n";

    [Fact]
    public void Each_route_is_judged_at_its_item_and_a_baseline_update_records_it()
    {
        using var repo = new TempRepo(package);
        foreach (var (name, _, _) in s_routes)
        {
            repo.Write($"src/{name}/{name}.csproj", Project(null));
            repo.Write($"src/{name}/Service.cs", $"namespace Contoso.{name};\n\npublic sealed class Service {{ }}\n");
        }

        // Any managed assembly serves as the vendor's library and analyzer (Core has no dependencies).
        var core = typeof(Governance.Core.Findings.Finding).Assembly.Location;
        Directory.CreateDirectory(Path.Combine(repo.Root, "lib"));
        File.Copy(core, Path.Combine(repo.Root, "lib/Vendor.Blob.dll"));
        File.Copy(core, Path.Combine(repo.Root, "lib/Vendor.Analyzer.dll"));
        File.Copy(core, Path.Combine(repo.Root, "lib/Tool.exe"));
        File.Copy(core, Path.Combine(repo.Root, "lib/Vendor.Search.dll"));
        // Appended when ResolveAssemblyReferences runs (the SDK sets the default search paths after every import).
        repo.Write("src/SearchPath/Directory.Build.targets", "<Project>\n  <Target Name=\"SearchLib\" BeforeTargets=\"ResolveAssemblyReferences\">\n    <PropertyGroup>\n"
            + "      <AssemblySearchPaths>$(AssemblySearchPaths);$(MSBuildThisFileDirectory)../../lib</AssemblySearchPaths>\n    </PropertyGroup>\n  </Target>\n</Project>\n");
        repo.Dotnet("new sln -n Repo --format sln");
        repo.Dotnet("sln Repo.sln add " + string.Join(" ", s_routes.Select(r => $"src/{r.Project}/{r.Project}.csproj")));
        var first = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(first.ExitCode == 0, first.Output);

        foreach (var (name, item, _) in s_routes)
        {
            repo.Write($"src/{name}/{name}.csproj", Project(item));
        }

        var count = repo.Receipts().Count;
        var gated = repo.Build();
        Assert.NotEqual(0, gated.ExitCode);
        var diagnostics = GateScenarioTests.Diagnostics(gated.Output, repo.Root);
        var receipts = repo.ReceiptsSince(count);
        foreach (var (name, _, expected) in s_routes)
        {
            Assert.True(diagnostics.Contains(expected, StringComparison.Ordinal), "expected " + expected + " in:\n" + diagnostics);
            var receipt = receipts[$"src/{name}/{name}.csproj"];
            Assert.Equal("hold", receipt.GetProperty("verdict").GetString());
            Assert.Equal(expected.Split(": error ")[1].Split(':')[0], Assert.Single(GateScenarioTests.Violations(receipt)));
        }

        // Recorded by an update, each is approved by the baseline: the unchanged repository is quiet.
        var update = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(update.ExitCode == 0, update.Output);
        count = repo.Receipts().Count;
        var plain = repo.Build();
        Assert.True(plain.ExitCode == 0, plain.Output);
        Assert.True(GateScenarioTests.Diagnostics(plain.Output, repo.Root).Length == 0, plain.Output);
        Assert.All(repo.ReceiptsSince(count).Values, r => Assert.Equal("approve", r.GetProperty("verdict").GetString()));
    }
}
