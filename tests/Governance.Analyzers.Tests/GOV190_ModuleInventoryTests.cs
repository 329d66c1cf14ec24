using Xunit;

namespace Governance.Analyzers.Tests;

public class GOV190_ModuleInventoryTests
{
    [Fact]
    public async Task Update_mode_lists_every_module_and_reports_no_GOV100_or_GOV002()
    {
        var harness = new AnalyzerHarness()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { class Nested { } } partial class Two { } }")
            .Source("/repo/src/Payments/B.cs", "namespace Contoso.A { partial class Two { } } class Global { }");
        harness.Properties["GovernanceUpdateBaseline"] = "true";

        var diagnostics = await harness.RunAsync();
        Assert.All(diagnostics, d => Assert.Equal("GOV190", d.Id));
        Assert.Equal(new[] { "Contoso.A.One", "Contoso.A.Two", "Global" }, diagnostics.Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal));
    }
}
