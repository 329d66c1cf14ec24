using System.Xml.Linq;
using Xunit;

namespace Governance.Cli.Tests;

/// <summary>`init` edits the files MSBuild and NuGet actually use for each project, and nothing twice. The baseline
/// build is left out here (--no-baseline); the end-to-end InitAdoptionTests build real repositories.</summary>
public sealed class InitCommandTests : CliTestBase
{
    private const string SdkProject = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n";

    private string Source => Directory.CreateDirectory(Path.Combine(Dir, "feed")).FullName;

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Dir, path))!);
        File.WriteAllText(Path.Combine(Dir, path), text);
    }

    private string Read(string path) => File.ReadAllText(Path.Combine(Dir, path));

    private (int Code, string Out, string Err) Init(params string[] extra) => Cli(["init", "--repo", Dir, "--no-baseline", .. extra]);

    private static IEnumerable<XElement> Items(string text, string type) => XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName == type);

    [Fact]
    public void Without_shared_props_it_creates_them_at_the_root_with_a_private_reference_and_the_governance_folder()
    {
        Write("src/A/A.csproj", SdkProject);
        var (code, output, _) = Init();

        Assert.Equal(0, code);
        var reference = Assert.Single(Items(Read("Directory.Build.props"), "PackageReference"));
        Assert.Equal("Governance.Analyzers", (string?)reference.Attribute("Include"));
        Assert.Equal("all", (string?)reference.Attribute("PrivateAssets"));
        Assert.NotNull(reference.Attribute("Version"));
        Assert.True(Directory.Exists(Path.Combine(Dir, ".governance", "plans")));
        // The build finds the governance root by this file (GetDirectoryNameOfFileAbove), not by the folder.
        Assert.True(File.Exists(Path.Combine(Dir, ".governance", "root")));
        Assert.Contains("created Directory.Build.props", output);
    }

    [Fact]
    public void Under_central_package_management_it_adds_a_GlobalPackageReference_and_no_versioned_reference()
    {
        Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n  </PropertyGroup>\n</Project>\n");
        Write("Directory.Packages.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageVersion Include=\"Newtonsoft.Json\" Version=\"13.0.4\" />\n  </ItemGroup>\n</Project>\n");
        Write("src/A/A.csproj", SdkProject);
        Assert.Equal(0, Init().Code);

        var global = Assert.Single(Items(Read("Directory.Packages.props"), "GlobalPackageReference"));
        Assert.Equal("Governance.Analyzers", (string?)global.Attribute("Include"));
        Assert.Empty(Items(Read("Directory.Build.props"), "PackageReference"));
        // The rest of the file is as it was: the new group goes before </Project>, indented like the others.
        Assert.StartsWith("<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageVersion Include=\"Newtonsoft.Json\" Version=\"13.0.4\" />\n  </ItemGroup>\n  <ItemGroup>\n    <GlobalPackageReference", Read("Directory.Packages.props"));
        Assert.EndsWith("</ItemGroup>\n</Project>\n", Read("Directory.Packages.props"));
    }

    // Found adopting Polly: central package management switched on in Directory.Build.props, not in
    // Directory.Packages.props. A versioned PackageReference there failed every restore with NU1008.
    [Theory]
    [InlineData("Directory.Build.props")]
    [InlineData("src/A/A.csproj")]
    public void Central_package_management_switched_on_outside_Directory_Packages_props_is_seen_too(string where)
    {
        const string On = "  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n";
        Write("Directory.Build.props", "<Project>\n" + (where == "Directory.Build.props" ? On : "") + "</Project>\n");
        Write("Directory.Packages.props", "<Project>\n  <ItemGroup>\n    <PackageVersion Include=\"Newtonsoft.Json\" Version=\"13.0.4\" />\n  </ItemGroup>\n</Project>\n");
        Write("src/A/A.csproj", where == "src/A/A.csproj" ? SdkProject.Replace("  </PropertyGroup>\n", "    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n") : SdkProject);
        Assert.Equal(0, Init().Code);

        Assert.Equal("Governance.Analyzers", (string?)Assert.Single(Items(Read("Directory.Packages.props"), "GlobalPackageReference")).Attribute("Include"));
        Assert.Empty(Items(Read("Directory.Build.props"), "PackageReference"));
    }

    [Fact]
    public void A_nested_props_that_does_not_import_the_root_one_gets_the_reference_too_one_that_imports_it_does_not()
    {
        Write("Directory.Build.props", "<Project>\n</Project>\n");
        Write("tests/Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <IsTestProject>true</IsTestProject>\n  </PropertyGroup>\n</Project>\n");
        Write("tests/T/T.csproj", SdkProject);
        Write("samples/Directory.Build.props", "<Project>\n  <Import Project=\"$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))\" />\n</Project>\n");
        Write("samples/S/S.csproj", SdkProject);
        Write("src/A/A.csproj", SdkProject);
        Assert.Equal(0, Init().Code);

        Assert.Single(Items(Read("Directory.Build.props"), "PackageReference"));
        Assert.Single(Items(Read("tests/Directory.Build.props"), "PackageReference"));
        Assert.Empty(Items(Read("samples/Directory.Build.props"), "PackageReference"));
    }

    [Fact]
    public void The_source_goes_into_every_NuGet_configuration_in_use_with_a_mapping_where_mapping_is_on()
    {
        Write("nuget.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />\n  </packageSources>\n  <packageSourceMapping>\n    <packageSource key=\"nuget.org\">\n      <package pattern=\"*\" />\n    </packageSource>\n  </packageSourceMapping>\n</configuration>\n");
        Write("tests/NuGet.Config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n  </packageSources>\n</configuration>\n");
        Write("src/A/A.csproj", SdkProject);
        Write("tests/T/T.csproj", SdkProject);
        Assert.Equal(0, Init("--source", Source).Code);

        var root = XDocument.Parse(Read("nuget.config"));
        Assert.Contains(root.Descendants("add"), a => (string?)a.Attribute("value") == Source);
        var mapped = root.Descendants("packageSource").Single(p => p.Parent!.Name == "packageSourceMapping" && (string?)p.Attribute("key") == "governance-analyzers");
        Assert.Equal("Governance.Analyzers", (string?)mapped.Element("package")!.Attribute("pattern"));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"nuget.org\"", Read("nuget.config"));

        var nested = XDocument.Parse(Read("tests/NuGet.Config"));
        Assert.Contains(nested.Descendants("add"), a => (string?)a.Attribute("value") == Source);
        Assert.Null(nested.Root!.Element("packageSourceMapping"));
    }

    [Fact]
    public void A_second_run_changes_nothing_and_a_dry_run_writes_nothing()
    {
        Write("src/A/A.csproj", SdkProject);
        var (code, output, _) = Init("--dry-run", "--source", Source);
        Assert.Equal(0, code);
        Assert.Contains("created Directory.Build.props", output);
        Assert.Contains("Dry run: nothing was written.", output);
        Assert.False(File.Exists(Path.Combine(Dir, "Directory.Build.props")));
        Assert.False(Directory.Exists(Path.Combine(Dir, ".governance")));

        Assert.Equal(0, Init("--source", Source).Code);
        var files = Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        (code, output, _) = Init("--source", Source);
        Assert.Equal(0, code);
        Assert.Contains("Nothing to change", output);
        Assert.Equal(files, Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public void A_governance_folder_made_before_the_root_marker_gets_the_marker_and_keeps_its_plans()
    {
        Write("src/A/A.csproj", SdkProject);
        Write(".governance/plans/d-1.json", "{}\n");
        var (code, output, _) = Init();
        Assert.Equal(0, code);
        Assert.Contains("created .governance/root", output);
        Assert.True(File.Exists(Path.Combine(Dir, ".governance", "root")));
        Assert.Equal("{}\n", Read(".governance/plans/d-1.json"));
        Assert.False(File.Exists(Path.Combine(Dir, ".governance", "plans", ".gitkeep")));
    }

    [Fact]
    public void Projects_it_cannot_adopt_are_named_with_the_reason_and_none_adoptable_is_an_error()
    {
        Write("legacy/Old.csproj", "<?xml version=\"1.0\"?>\n<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n</Project>\n");
        Write("fs/F.fsproj", SdkProject);
        var (code, output, error) = Init();
        Assert.Equal(1, code);
        Assert.Contains("cannot adopt legacy/Old.csproj: not an SDK-style project", output);
        Assert.Contains("cannot adopt fs/F.fsproj: not a C# project", output);
        Assert.Contains("no project under", error);

        Write("src/A/A.csproj", SdkProject);
        (code, output, _) = Init();
        Assert.Equal(0, code);
        Assert.Contains("cannot adopt legacy/Old.csproj", output);
    }

    [Fact]
    public void A_missing_source_folder_is_a_usage_error_before_anything_is_written()
    {
        Write("src/A/A.csproj", SdkProject);
        var (code, _, error) = Init("--source", Path.Combine(Dir, "no-such-feed"));
        Assert.Equal(1, code);
        Assert.Contains("does not exist", error);
        Assert.False(File.Exists(Path.Combine(Dir, "Directory.Build.props")));
    }
}
