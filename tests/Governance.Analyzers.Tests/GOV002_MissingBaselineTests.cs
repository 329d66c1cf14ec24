using Xunit;
using static Governance.Analyzers.Tests.GovernanceAnalyzerTest;

namespace Governance.Analyzers.Tests;

public class GOV002_MissingBaselineTests
{
    [Fact]
    public async Task Missing_baseline_gives_one_diagnostic_with_the_command_instead_of_one_per_type()
    {
        // At the project file: there is no baseline file to point at, and a diagnostic without a location makes some
        // hosts drop the project's whole workspace report.
        var test = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } class Two { } }")
            .Expect(Diagnostic("GOV002").WithLocation("/repo/src/Payments/Payments.csproj", 1, 1));
        await test.RunAsync();

        var message = Assert.Single(test.Actual).GetMessage();
        Assert.Contains("dotnet build -p:GovernanceUpdateBaseline=true", message);
        Assert.Contains(".governance/baseline/src/Payments/Payments.csproj.json", message);
    }

    [Fact]
    public async Task Baseline_without_the_current_target_framework_is_GOV002()
    {
        var test = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }")
            .BaselineText(BaselineJson(["Contoso.A.One"], tfm: "net8.0"))
            .Expect(Diagnostic("GOV002").WithLocation("/repo/src/Payments/Payments.csproj", 1, 1));
        await test.RunAsync();
        Assert.Contains("no entry for target framework 'net10.0'", Assert.Single(test.Actual).GetMessage());
    }

    [Fact]
    public async Task Baseline_of_another_granularity_is_GOV002()
    {
        var test = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }")
            .Baseline("Contoso.A.One")
            .Expect(Diagnostic("GOV002").WithLocation("/repo/src/Payments/Payments.csproj", 1, 1));
        test.Properties["GovernanceModuleGranularity"] = "Namespace";
        await test.RunAsync();
    }
}
