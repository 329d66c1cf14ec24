using Xunit;

namespace Governance.Analyzers.Tests;

/// <summary>The analyzers read the trust root and the baseline only from the paths the properties name: an
/// AdditionalFiles item the branch adds with the same GovernanceKind neither replaces nor adds to them.</summary>
public class TrustedInputsTests
{
    private const string Signers = "/trusted/allowed_signers";

    [Fact]
    public async Task An_AllowedSigners_item_the_branch_adds_is_not_read()
    {
        // A rogue file that sorts before the trusted one; its garbage would be a GOV001 if it were read at all.
        var harness = new AnalyzerHarness()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }").Baseline("Contoso.A.One")
            .AdditionalFile("/repo/.governance/allowed_signers", "not a signer line", "AllowedSigners")
            .AdditionalFile(Signers, "not a signer line either", "AllowedSigners");
        harness.Properties["GovernanceAllowedSigners"] = Signers;

        var diagnostics = await harness.RunAsync();

        var d = Assert.Single(diagnostics);
        Assert.Equal(("GOV001", Signers), (d.Id, d.Location.GetLineSpan().Path));
    }

    [Fact]
    public async Task Without_GovernanceAllowedSigners_no_item_becomes_the_trust_root()
    {
        var diagnostics = await new AnalyzerHarness()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }").Baseline("Contoso.A.One")
            .AdditionalFile("/repo/.governance/allowed_signers", "not a signer line", "AllowedSigners")
            .RunAsync();

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_Baseline_item_at_another_path_approves_nothing()
    {
        var diagnostics = await new AnalyzerHarness()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }\nnamespace Contoso.New { class X { } }")
            .AdditionalFile("/repo/.governance/baseline/aaa.json", AnalyzerHarness.BaselineJson(["Contoso.A.One", "Contoso.New.X"]), "Baseline")
            .Baseline("Contoso.A.One")
            .RunAsync();

        var d = Assert.Single(diagnostics);
        Assert.Equal("GOV100", d.Id);
        Assert.Contains("'Contoso.New.X'", d.GetMessage());
    }
}
