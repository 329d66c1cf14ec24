using Microsoft.CodeAnalysis;
using Xunit;

namespace Governance.Analyzers.Tests;

public class GOV002_MissingBaselineTests
{
    [Fact]
    public async Task Missing_baseline_gives_one_diagnostic_with_the_command_instead_of_one_per_type()
    {
        var diagnostics = await new AnalyzerHarness()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } class Two { } }")
            .RunAsync();

        var d = Assert.Single(diagnostics);
        Assert.Equal("GOV002", d.Id);
        // At the project file: there is no baseline file to point at, and a diagnostic without a location makes some
        // hosts drop the project's whole workspace report.
        Assert.Equal("/repo/src/Payments/Payments.csproj", d.Location.GetLineSpan().Path);
        Assert.Equal(0, d.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("dotnet build -p:GovernanceUpdateBaseline=true", d.GetMessage());
        Assert.Contains(".governance/baseline/src/Payments/Payments.csproj.json", d.GetMessage());
    }

    [Fact]
    public async Task Baseline_without_the_current_target_framework_is_GOV002()
    {
        var diagnostics = await new AnalyzerHarness()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }")
            .BaselineText(AnalyzerHarness.BaselineJson(["Contoso.A.One"], tfm: "net8.0"))
            .RunAsync();
        Assert.Contains("no entry for target framework 'net10.0'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task Baseline_of_another_granularity_is_GOV002()
    {
        var harness = new AnalyzerHarness()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }")
            .Baseline("Contoso.A.One");
        harness.Properties["GovernanceModuleGranularity"] = "Namespace";
        Assert.Equal("GOV002", Assert.Single(await harness.RunAsync()).Id);
    }
}
