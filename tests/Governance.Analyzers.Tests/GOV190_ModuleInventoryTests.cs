using Xunit;
using static Governance.Analyzers.Tests.GovernanceAnalyzerTest;

namespace Governance.Analyzers.Tests;

public class GOV190_ModuleInventoryTests
{
    [Fact]
    public async Task Update_mode_lists_every_module_and_reports_no_GOV100_or_GOV002()
    {
        var test = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class {|#0:One|} { class Nested { } } partial class {|#1:Two|} { } }")
            .Source("/repo/src/Payments/B.cs", "namespace Contoso.A { partial class Two { } } class {|#2:Global|} { }")
            .Expect(
                Diagnostic("GOV190").WithLocation(0).WithMessage("Contoso.A.One"),
                Diagnostic("GOV190").WithLocation(1).WithMessage("Contoso.A.Two").WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations),
                Diagnostic("GOV190").WithLocation(2).WithMessage("Global"));
        test.Properties["GovernanceUpdateBaseline"] = "true";
        await test.RunAsync();
    }
}
