using System.IO.Compression;
using System.Text.Json;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>A new transitive package (GOV204) is located at the reference the user changes, after a real restore
/// from a local feed: the PackageReference in the project file, or the GlobalPackageReference in
/// Directory.Packages.props; never in a package's files under the NuGet cache or the SDK. And no receipt field
/// carries an absolute path of the machine.</summary>
public sealed class FindingLocationTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private const string Top = "Contoso.Vendor.Top";
    private const string Deep = "Contoso.Vendor.Deep";

    private const string Plan = """
        {
          "dispatchId": "d-vendor",
          "approvedBy": "alice@example.com",
          "approvedAt": "2026-11-20T10:00:00Z",
          "expiresAt": "2099-12-20T00:00:00Z",
          "projects": ["src/App/App.csproj"],
          "packages": [{ "id": "Contoso.Vendor.Top", "version": "[1.0.0]" }]
        }
        """;

    [Fact]
    public void A_new_transitive_package_is_GOV204_at_the_PackageReference_that_brings_it_in()
    {
        using var repo = Repo(centralPackages: false);
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        repo.Write("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n"
            + "  <ItemGroup>\n    <PackageReference Include=\"" + Top + "\" Version=\"1.0.0\" />\n  </ItemGroup>\n</Project>\n");
        repo.Write(".governance/plans/d-vendor.json", Plan);
        var count = repo.Receipts().Count;
        var build = repo.Build();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Equal(
            "src/App/App.csproj(6,5): warning GOV204: Package '" + Deep + "' 1.0.0 entered the dependency graph of 'src/App/App.csproj' transitively through package '" + Top + "' since the baseline",
            GOV204(build.Output, repo.Root));
        AssertNoMachinePaths(repo, count);
    }

    [Fact]
    public void A_new_transitive_package_is_GOV204_at_the_GlobalPackageReference_in_Directory_Packages_props()
    {
        using var repo = Repo(centralPackages: true);
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        repo.Write("Directory.Packages.props", CentralPackages("\n    <GlobalPackageReference Include=\"" + Top + "\" Version=\"1.0.0\" />"));
        repo.Write(".governance/plans/d-vendor.json", Plan);
        var count = repo.Receipts().Count;
        var build = repo.Build();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Equal(
            "Directory.Packages.props(7,5): warning GOV204: Package '" + Deep + "' 1.0.0 entered the dependency graph of 'src/App/App.csproj' transitively through package '" + Top + "' since the baseline",
            GOV204(build.Output, repo.Root));
        AssertNoMachinePaths(repo, count);
    }

    private static string GOV204(string output, string root) =>
        Assert.Single(GateScenarioTests.Diagnostics(output, root).Split('\n'), l => l.Contains("GOV204", StringComparison.Ordinal)).Split(", and no approved plan")[0];

    private static string CentralPackages(string extra) =>
        "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n  <ItemGroup>\n"
        + "    <PackageVersion Include=\"Governance.Analyzers\" Version=\"1.0.0\" />" + extra + "\n  </ItemGroup>\n</Project>\n";

    private TempRepo Repo(bool centralPackages)
    {
        var repo = new TempRepo(package);
        var feed = Path.Combine(repo.Root, "feed");
        Directory.CreateDirectory(feed);
        WritePackage(feed, Top, "\n        <dependency id=\"" + Deep + "\" version=\"1.0.0\" />");
        WritePackage(feed, Deep, string.Empty);
        // The cache is shared by the suite's repositories: a package of an earlier run must not be served stale.
        foreach (var id in new[] { Top, Deep })
        {
            var cached = Path.Combine(repo.NuGetCache, id.ToLowerInvariant());
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }

        var config = File.ReadAllText(Path.Combine(repo.Root, "nuget.config"));
        repo.Write("nuget.config", config.Replace("<packageSources>", "<packageSources>\n    <add key=\"vendor\" value=\"" + feed + "\" />", StringComparison.Ordinal));
        if (centralPackages)
        {
            repo.Write("Directory.Build.props", "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"Governance.Analyzers\" PrivateAssets=\"all\" />\n  </ItemGroup>\n</Project>\n");
            repo.Write("Directory.Packages.props", CentralPackages(string.Empty));
        }

        repo.Write("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");
        repo.Write("src/App/Service.cs", "namespace Contoso.App;\n\npublic sealed class Service { }\n");
        repo.Dotnet("new sln -n Repo --format sln");
        repo.Dotnet("sln Repo.sln add src/App/App.csproj");
        return repo;
    }

    /// <summary>A package with no files but its manifest: enough for restore to put it and its dependency in the graph.</summary>
    private static void WritePackage(string feed, string id, string dependencies)
    {
        using var zip = ZipFile.Open(Path.Combine(feed, id + ".1.0.0.nupkg"), ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry(id + ".nuspec").Open());
        writer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\">\n  <metadata>\n"
            + "    <id>" + id + "</id>\n    <version>1.0.0</version>\n    <authors>Contoso</authors>\n    <description>Test package.</description>\n"
            + "    <dependencies>\n      <group targetFramework=\"net10.0\">" + dependencies + "\n      </group>\n    </dependencies>\n  </metadata>\n</package>\n");
    }

    /// <summary>Every string of every receipt since <paramref name="count"/>: no path of the repository's folder, the
    /// NuGet cache, the SDK or the temporary folder.</summary>
    private static void AssertNoMachinePaths(TempRepo repo, int count)
    {
        var receipts = repo.Receipts().Skip(count).ToList();
        Assert.NotEmpty(receipts);
        var machinePaths = new[] { repo.Root, repo.NuGetCache, Path.GetTempPath().TrimEnd('/'), Path.GetDirectoryName(typeof(object).Assembly.Location)!, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) }
            .Where(p => p.Length > 1).ToList();
        foreach (var text in receipts.SelectMany(Strings))
        {
            Assert.False(machinePaths.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)), "a receipt field holds a machine path: " + text);
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}
