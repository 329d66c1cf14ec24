using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>How the package's MSBuild files meet the SDK's (docs/architecture.md, "One build of one project"): the
/// governance root's marker, the private SDK target the receipt hooks and the public targets that also reach it,
/// and a project's own folder for generated files.</summary>
public sealed class MSBuildWiringTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void A_governance_folder_without_its_root_marker_is_named_in_GOV006_and_an_explicit_GovernanceRoot_still_governs()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        repo.Delete(".governance/root");

        var unmarked = repo.Build();
        Assert.True(unmarked.ExitCode == 0, unmarked.Output);
        Assert.Contains("warning GOV006: 'App.csproj' is not governed: " + repo.Root + "/.governance/ has no marker file 'root'", unmarked.Output);
        Assert.False(File.Exists(repo.LedgerPath));

        // Given on the command line, the root needs no marker.
        var root = "-p:GovernanceRoot=" + repo.Root + "/";
        var baseline = repo.Build(root + " -p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);
        var plain = repo.Build(root);
        Assert.True(plain.ExitCode == 0, plain.Output);
        Assert.DoesNotContain("GOV006", plain.Output);
        Assert.All(repo.ReceiptsSince(2).Values, r => Assert.Equal("approve", r.GetProperty("verdict").GetString()));
    }

    /// <summary>The receipt's failure path hooks the SDK's private _CleanRecordFileWrites (CoreBuild's OnError runs
    /// it). CopyRunEnvironmentFiles, which an IDE runs without building, reaches it too; run, publish and clean must
    /// each leave the receipts a build leaves, no more.</summary>
    [Fact]
    public void Public_targets_that_reach_the_hooked_private_target_write_only_the_receipts_of_the_builds_they_run()
    {
        using var repo = new TempRepo(package);
        repo.Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
            </Project>
            """);
        repo.Write("src/App/Program.cs", "System.Console.WriteLine(\"ran \" + nameof(Contoso.App.Greeting));\n\nnamespace Contoso.App\n{\n    public static class Greeting { }\n}\n");
        const string Project = "src/App/App.csproj";
        var baseline = repo.Dotnet("build " + Project + " -nologo -p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        var count = repo.Receipts().Count;
        var copy = repo.Dotnet("msbuild " + Project + " -t:CopyRunEnvironmentFiles -nologo");
        Assert.True(copy.ExitCode == 0, copy.Output);
        Assert.Equal(count, repo.Receipts().Count);

        var run = repo.Dotnet("run --project " + Project);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("ran Greeting", run.Output);
        Assert.Equal("approve", Assert.Single(repo.ReceiptsSince(count).Values).GetProperty("verdict").GetString());
        Assert.Equal(count + 1, repo.Receipts().Count);

        count = repo.Receipts().Count;
        var publish = repo.Dotnet("publish " + Project + " -nologo");
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.Equal("approve", Assert.Single(repo.ReceiptsSince(count).Values).GetProperty("verdict").GetString());
        Assert.Equal(count + 1, repo.Receipts().Count);

        // Without a build, no receipt.
        count = repo.Receipts().Count;
        var publishOnly = repo.Dotnet("publish " + Project + " -nologo --no-build");
        Assert.True(publishOnly.ExitCode == 0, publishOnly.Output);
        var runOnly = repo.Dotnet("run --project " + Project + " --no-build");
        Assert.True(runOnly.ExitCode == 0, runOnly.Output);
        Assert.Equal(count, repo.Receipts().Count);

        var clean = repo.Dotnet("clean " + Project + " -nologo");
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.Equal(count, repo.Receipts().Count);

        // The failure path itself is kept: a compile error leaves exactly one receipt, which holds.
        repo.Write("src/App/Broken.cs", "namespace Contoso.App;\n\npublic static class Broken { int }\n");
        var broken = repo.Dotnet("build " + Project + " -nologo");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Equal("hold", Assert.Single(repo.ReceiptsSince(count).Values).GetProperty("verdict").GetString());
        Assert.Equal(count + 1, repo.Receipts().Count);
        Assert.True(repo.VerifyLedger().IsIntact);
    }

    /// <summary>The build facts travel through the compiler's generated files: a project's own folder for them keeps
    /// them there, and a project without one finds CompilerGeneratedFilesOutputPath as it left it after the compile.</summary>
    [Fact]
    public void A_project_with_its_own_generated_files_folder_keeps_it_and_is_judged_from_the_facts_written_there()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        repo.Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                <CompilerGeneratedFilesOutputPath>Generated</CompilerGeneratedFilesOutputPath>
              </PropertyGroup>
              <ItemGroup>
                <Compile Remove="Generated/**" />
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("Directory.Build.targets", """
            <Project>
              <Target Name="ShowGeneratedPath" AfterTargets="Build">
                <Message Importance="high" Text="$(MSBuildProjectName) generated-path=[$(CompilerGeneratedFilesOutputPath)]" />
              </Target>
            </Project>
            """);
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);
        var plain = repo.Build();
        Assert.True(plain.ExitCode == 0, plain.Output);
        Assert.Contains("App generated-path=[Generated]", plain.Output);
        Assert.Contains("Lib generated-path=[]", plain.Output);
        Assert.True(File.Exists(Path.Combine(repo.Root, "src/App/Generated/Governance.Analyzers/Governance.Analyzers.BuildFactsGenerator/GovernanceBuildFacts.g.cs")));
        Assert.All(repo.ReceiptsSince(2).Values, r => Assert.Equal("approve", r.GetProperty("verdict").GetString()));

        // An unapproved type is held, with the module evidence the facts in the project's folder carry.
        repo.Write("src/App/Audit.cs", "namespace Contoso.App;\n\npublic sealed class Audit { }\n");
        var count = repo.Receipts().Count;
        var held = repo.Build();
        Assert.NotEqual(0, held.ExitCode);
        Assert.Contains("error GOV100: Type 'Contoso.App.Audit'", held.Output);
        var app = repo.ReceiptsSince(count)["src/App/App.csproj"];
        Assert.Equal("hold", app.GetProperty("verdict").GetString());
        Assert.Contains(app.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("check").GetString() == "modules" && e.GetProperty("result").GetString() == "fail");
    }
}
