using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Cli;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// `dotnet governance init` on a repository shaped like the real ones it was tried on: multi-targeting, central
/// package management, package source mapping with &lt;clear/&gt;, a nested Directory.Build.props that does not
/// import the root one and a nested NuGet.Config with &lt;clear/&gt;, TreatWarningsAsErrors. One command adopts it;
/// then an unchanged build is quiet and approved, and an agent's change gives exactly its findings.
/// </summary>
public sealed class InitAdoptionTests(PackageFixture package) : IClassFixture<PackageFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gov-init-").FullName;

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, path))!);
        File.WriteAllText(Path.Combine(_root, path), text.Replace("\r\n", "\n"));
    }

    private PackageFixture.ProcessResult Dotnet(string arguments) =>
        PackageFixture.Run(_root, "dotnet", arguments, new Dictionary<string, string> { ["NUGET_PACKAGES"] = package.NuGetCache }, TimeSpan.FromMinutes(10));

    private static List<string> Findings(string output, string root) =>
        Regex.Matches(output.Replace('\\', '/'), @"(\S+?)\((\d+),\d+\): (?:warning|error) (GOV\d{3})")
            .Select(m => m.Groups[1].Value.Replace(root.Replace('\\', '/') + "/", string.Empty) + ":" + m.Groups[2].Value + " " + m.Groups[3].Value)
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private List<JsonElement> Receipts() =>
        File.ReadAllLines(Path.Combine(_root, ".governance", "ledger", "receipts.ndjson")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void Init_adopts_a_real_shaped_repository_in_one_command_then_the_gate_is_quiet_and_exact()
    {
        Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n  </PropertyGroup>\n</Project>\n");
        Write("Directory.Packages.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageVersion Include=\"Newtonsoft.Json\" Version=\"13.0.4\" />\n  </ItemGroup>\n</Project>\n");
        Write("nuget.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />\n  </packageSources>\n  <packageSourceMapping>\n    <packageSource key=\"nuget.org\">\n      <package pattern=\"*\" />\n    </packageSource>\n  </packageSourceMapping>\n</configuration>\n");
        Write("src/Contoso.Core/Contoso.Core.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFrameworks>net8.0;net10.0</TargetFrameworks>\n  </PropertyGroup>\n</Project>\n");
        Write("src/Contoso.Core/Orders/Order.cs", "namespace Contoso.Core.Orders;\n\npublic sealed class Order\n{\n    public string Describe() => \"order\";\n}\n");
        Write("src/Contoso.Core/Orders/Invoice.cs", "namespace Contoso.Core.Orders;\n\npublic sealed class Invoice\n{\n    public string Describe() => \"invoice\";\n}\n");
        Write("tests/Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <IsPackable>false</IsPackable>\n  </PropertyGroup>\n</Project>\n");
        Write("tests/NuGet.Config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />\n  </packageSources>\n</configuration>\n");
        Write("tests/Contoso.Core.Tests/Contoso.Core.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n    <ProjectReference Include=\"../../src/Contoso.Core/Contoso.Core.csproj\" />\n  </ItemGroup>\n</Project>\n");
        Write("tests/Contoso.Core.Tests/OrderChecks.cs", "namespace Contoso.Core.Tests;\n\npublic static class OrderChecks\n{\n    public static bool Ok() => new Contoso.Core.Orders.Order().Describe() == \"order\";\n}\n");
        Assert.Equal(0, Dotnet("new sln -n Contoso --format sln").ExitCode);
        Assert.Equal(0, Dotnet("sln Contoso.sln add src/Contoso.Core/Contoso.Core.csproj tests/Contoso.Core.Tests/Contoso.Core.Tests.csproj").ExitCode);

        var cli = typeof(GovernanceCli).Assembly.Location;
        var init = Dotnet($"\"{cli}\" init --source \"{package.PackageFolder}\"");
        Assert.True(init.ExitCode == 0, init.Output);
        Assert.Contains("GlobalPackageReference Governance.Analyzers", init.Output);
        Assert.Contains("changed tests/NuGet.Config: package source", init.Output);
        Assert.True(File.Exists(Path.Combine(_root, ".governance/baseline/src/Contoso.Core/Contoso.Core.csproj.json")), init.Output);
        Assert.True(File.Exists(Path.Combine(_root, ".governance/baseline/tests/Contoso.Core.Tests/Contoso.Core.Tests.csproj.json")), init.Output);

        var again = Dotnet($"\"{cli}\" init --source \"{package.PackageFolder}\"");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("Nothing to change", again.Output);

        // After the baseline an unchanged build is quiet and approved, in every project and target framework.
        var count = Receipts().Count;
        var clean = Dotnet("build Contoso.sln -nologo");
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.Empty(Findings(clean.Output, _root));
        var receipts = Receipts().Skip(count).ToList();
        Assert.Equal(3, receipts.Count);
        Assert.All(receipts, r => Assert.Equal("approve", r.GetProperty("verdict").GetString()));

        // The planted change: a helper module used from two files, and one new package.
        Write("src/Contoso.Core/Text/TextHelpers.cs", "namespace Contoso.Core.Text;\n\npublic static class TextHelpers\n{\n    public static string Shout(string s) => s.ToUpperInvariant();\n}\n");
        Write("src/Contoso.Core/Orders/Order.cs", "namespace Contoso.Core.Orders;\n\npublic sealed class Order\n{\n    public string Describe() => Contoso.Core.Text.TextHelpers.Shout(\"order\");\n}\n");
        Write("src/Contoso.Core/Orders/Invoice.cs", "namespace Contoso.Core.Orders;\n\npublic sealed class Invoice\n{\n    public string Describe() => Contoso.Core.Text.TextHelpers.Shout(\"invoice\");\n}\n");
        Write("src/Contoso.Core/Contoso.Core.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFrameworks>net8.0;net10.0</TargetFrameworks>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"Newtonsoft.Json\" />\n  </ItemGroup>\n</Project>\n");
        var change = Dotnet("build Contoso.sln -nologo -p:GovernanceMode=Audit");
        Assert.True(change.ExitCode == 0, change.Output);
        // The tests project gets the package transitively through its project reference: a follow-up, not a failure,
        // located at that reference.
        Assert.Matches(@"warning GOV204: Package 'Newtonsoft\.Json' 13\.0\.4 entered the dependency graph of 'tests/Contoso\.Core\.Tests/Contoso\.Core\.Tests\.csproj'", change.Output);
        Assert.Equal(
            new[]
            {
                "src/Contoso.Core/Contoso.Core.csproj:6 GOV200",
                "src/Contoso.Core/Orders/Invoice.cs:5 GOV101",
                "src/Contoso.Core/Orders/Order.cs:5 GOV101",
                "src/Contoso.Core/Text/TextHelpers.cs:3 GOV100",
                "tests/Contoso.Core.Tests/Contoso.Core.Tests.csproj:6 GOV204",
            },
            Findings(change.Output, _root));
    }

    // Found adopting Polly: one project whose restore failed (a package the feed does not serve) stopped init, and
    // every project after it was left without a baseline. Each project is built; the failed ones are named.
    [Fact]
    public void A_project_whose_build_fails_does_not_stop_the_baseline_of_the_others_and_is_named()
    {
        Write("src/A/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");
        Write("src/A/Broken.cs", "namespace A;\n\npublic sealed class Broken {\n");
        Write("src/B/B.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");
        Write("src/B/Fine.cs", "namespace B;\n\npublic sealed class Fine\n{\n}\n");

        var init = Dotnet($"\"{typeof(GovernanceCli).Assembly.Location}\" init --source \"{package.PackageFolder}\"");

        Assert.True(init.ExitCode == 3, init.Output);
        Assert.True(File.Exists(Path.Combine(_root, ".governance/baseline/src/B/B.csproj.json")), init.Output);
        Assert.False(File.Exists(Path.Combine(_root, ".governance/baseline/src/A/A.csproj.json")), init.Output);
        Assert.Contains("init: src/A/A.csproj has no baseline: its build failed", init.Output);
        Assert.DoesNotContain("init: src/B/B.csproj has no baseline", init.Output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
