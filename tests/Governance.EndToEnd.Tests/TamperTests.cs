using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>Routes an agent on the branch could take to talk its way past the gate; each must be recorded and hold.</summary>
public sealed class TamperTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static TempRepo Governed(PackageFixture package)
    {
        var repo = new TempRepo(package).WithAppAndLib();
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);
        return repo;
    }

    [Fact]
    public void Suppressions_and_overridden_properties_are_detected_and_hold()
    {
        using var repo = Governed(package);

        // 1. #pragma around an unapproved module: the compiler hides it, the build facts do not, and the receipt
        //    step reports the GOV100 itself; with the SARIF log, the suppression is recorded as GOV300 too.
        repo.Write("src/App/Hidden.cs", "#pragma warning disable GOV100\nnamespace Contoso.Sneaky;\n\npublic class Hidden { }\n");
        var count = repo.Receipts().Count;
        var pragma = repo.Build();
        Assert.NotEqual(0, pragma.ExitCode);
        Assert.Contains("src/App/Hidden.cs(4,14): error GOV100: Type 'Contoso.Sneaky.Hidden'", pragma.Output.Replace(repo.Root + "/", string.Empty));
        var pragmaReceipt = repo.ReceiptsSince(count)["src/App/App.csproj"];
        Assert.Equal("hold", pragmaReceipt.GetProperty("verdict").GetString());
        Assert.Contains("GOV100", GateScenarioTests.Violations(pragmaReceipt));
        count = repo.Receipts().Count;
        var pragmaLogged = repo.Build("-p:GovernanceCompilerLog=true");
        Assert.NotEqual(0, pragmaLogged.ExitCode);
        Assert.Contains("error GOV300: GOV100 is suppressed in source (Pragma Directive)", pragmaLogged.Output);
        Assert.Contains("GOV300", GateScenarioTests.Violations(repo.ReceiptsSince(count)["src/App/App.csproj"]));
        repo.Delete("src/App/Hidden.cs");

        // 2. NoWarn in the project file.
        repo.Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><NoWarn>$(NoWarn);GOV100</NoWarn></PropertyGroup></Project>");
        count = repo.Receipts().Count;
        var noWarn = repo.Build();
        Assert.NotEqual(0, noWarn.ExitCode);
        Assert.Contains("error GOV301: NoWarn contains GOV100", noWarn.Output);
        Assert.Equal("hold", repo.ReceiptsSince(count)["src/Lib/Lib.csproj"].GetProperty("verdict").GetString());

        // 3. The project switches the gate off: it is switched back on and the change is recorded.
        repo.Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><GovernanceMode>Off</GovernanceMode></PropertyGroup></Project>");
        repo.Write("src/Lib/Extra.cs", "namespace Contoso.Unplanned;\n\npublic class Extra { }\n");
        count = repo.Receipts().Count;
        var off = repo.Build();
        Assert.NotEqual(0, off.ExitCode);
        Assert.Contains("error GOV303: GovernanceMode is set to 'Off' by a file of the repository", off.Output);
        Assert.Contains("error GOV100: Type 'Contoso.Unplanned.Extra'", off.Output);

        // 4. Analyzers switched off: recorded (GOV302), and the unapproved module is still found and reported.
        repo.Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><RunAnalyzers>false</RunAnalyzers></PropertyGroup></Project>");
        count = repo.Receipts().Count;
        var noAnalyzers = repo.Build();
        Assert.NotEqual(0, noAnalyzers.ExitCode);
        Assert.Contains("error GOV302", noAnalyzers.Output);
        Assert.Contains("error GOV100: Type 'Contoso.Unplanned.Extra'", noAnalyzers.Output);
        Assert.Equal("hold", repo.ReceiptsSince(count)["src/Lib/Lib.csproj"].GetProperty("verdict").GetString());

        // 5. The package's analyzer assembly removed from the compilation: the compiler ran without the module
        //    check, which is not a pass.
        repo.Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>"
            + "<Target Name=\"DropGovernance\" BeforeTargets=\"CoreCompile\"><ItemGroup><Analyzer Remove=\"@(Analyzer)\" Condition=\"'%(Filename)' == 'Governance.Analyzers'\" /></ItemGroup></Target></Project>");
        count = repo.Receipts().Count;
        var removed = repo.Build();
        Assert.NotEqual(0, removed.ExitCode);
        var receipt = repo.ReceiptsSince(count)["src/Lib/Lib.csproj"];
        Assert.Equal("hold", receipt.GetProperty("verdict").GetString());
        Assert.Contains(receipt.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("check").GetString() == "modules" && e.GetProperty("result").GetString() == "not_run");
        Assert.Contains("error GOV900", removed.Output);

        Assert.True(repo.VerifyLedger().IsIntact);
    }

    [Fact]
    public void Governance_properties_count_only_on_the_command_line()
    {
        using var repo = Governed(package);
        var baselineFile = Path.Combine(repo.Root, ".governance/baseline/src/Lib/Lib.csproj.json");
        var baselineBefore = File.ReadAllText(baselineFile);
        repo.Write("src/Lib/Extra.cs", "namespace Contoso.Unplanned;\n\npublic class Extra { }\n");

        // 1. Directory.Build.props turns the gate soft, moves the clock and asks for a baseline update: none of it
        //    applies (Enforce, the clock, no update), and each is recorded.
        repo.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <GovernanceMode>Audit</GovernanceMode>
                <GovernanceNow>2020-01-01T00:00:00Z</GovernanceNow>
                <GovernanceUpdateBaseline>true</GovernanceUpdateBaseline>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Governance.Analyzers" Version="1.0.0" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        var receipt = Holds(repo, string.Empty,
            "error GOV303: GovernanceMode is set to 'Audit' by a file of the repository",
            "error GOV303: GovernanceNow is set to '2020-01-01T00:00:00Z' by a file of the repository",
            "the build used the clock",
            "error GOV303: GovernanceUpdateBaseline is set to 'true'",
            "error GOV100: Type 'Contoso.Unplanned.Extra'");
        Assert.Equal("Enforce", receipt.GetProperty("mode").GetString());
        Assert.True(DateTimeOffset.Parse(receipt.GetProperty("timestamp").GetString()!) > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(baselineBefore, File.ReadAllText(baselineFile));

        // 2. A command-line value a project overrides with TreatAsLocalProperty.
        repo.Write("Directory.Build.props", """
            <Project>
              <ItemGroup>
                <PackageReference Include="Governance.Analyzers" Version="1.0.0" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" TreatAsLocalProperty=\"GovernanceMode\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><GovernanceMode>Audit</GovernanceMode></PropertyGroup></Project>");
        Holds(repo, "-p:GovernanceMode=Enforce", "error GOV303: GovernanceMode is 'Enforce' on the command line, but the project overrides it with 'Audit'");

        // 3. A .globalconfig that would hand the analyzers other values than the build's.
        repo.Write("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        repo.Write(".globalconfig", "is_global = true\nglobal_level = 1000\nbuild_property.GovernanceUpdateBaseline = true\n");
        var configured = Holds(repo, string.Empty, ".globalconfig(3,1): error GOV303: build_property.GovernanceUpdateBaseline is set in an analyzer config file");
        // The analyzers did take the config's value (update mode, no GOV100): the receipt refuses facts made with
        // other settings than the build's.
        Assert.Contains(configured.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("check").GetString() == "modules" && e.GetProperty("result").GetString() == "error"
            && e.GetProperty("detail").GetString()!.Contains("other governance settings than this build's", StringComparison.Ordinal));

        // Without the tampering, the same repository builds with no GOV303.
        repo.Delete(".globalconfig");
        repo.Delete("src/Lib/Extra.cs");
        var clean = repo.Build("-p:GovernanceMode=Enforce");
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.DoesNotContain("GOV303", clean.Output);
    }

    /// <summary>Builds, expects a failed build with each text in its output and a hold receipt for Lib.</summary>
    private static System.Text.Json.JsonElement Holds(TempRepo repo, string arguments, params string[] expected)
    {
        var count = repo.Receipts().Count;
        var build = repo.Build(arguments);
        Assert.NotEqual(0, build.ExitCode);
        foreach (var text in expected)
        {
            Assert.True(build.Output.Contains(text, StringComparison.Ordinal), "expected '" + text + "' in:\n" + build.Output);
        }

        var receipt = repo.ReceiptsSince(count)["src/Lib/Lib.csproj"];
        Assert.Equal("hold", receipt.GetProperty("verdict").GetString());
        return receipt;
    }
}
