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
        Assert.Contains("error GOV303: GovernanceMode was changed by the project from 'Enforce' to 'Off'", off.Output);
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
}
