using Xunit;
using static Governance.Analyzers.Tests.GovernanceAnalyzerTest;

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
        var test = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }").Baseline("Contoso.A.One")
            .AdditionalFile("/repo/.governance/allowed_signers", "not a signer line", "AllowedSigners")
            .AdditionalFile(Signers, "{|GOV001:not a signer line either|}", "AllowedSigners");
        test.Properties["GovernanceAllowedSigners"] = Signers;
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_GovernanceAllowedSigners_no_item_becomes_the_trust_root()
    {
        await new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }").Baseline("Contoso.A.One")
            .AdditionalFile("/repo/.governance/allowed_signers", "not a signer line", "AllowedSigners")
            .RunAsync();
    }

    [Fact]
    public async Task A_Baseline_item_at_another_path_approves_nothing()
    {
        var test = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } }\nnamespace Contoso.New { class {|GOV100:X|} { } }")
            .AdditionalFile("/repo/.governance/baseline/aaa.json", BaselineJson(["Contoso.A.One", "Contoso.New.X"]), "Baseline")
            .Baseline("Contoso.A.One");
        await test.RunAsync();
        Assert.Contains("'Contoso.New.X'", Assert.Single(test.Actual).GetMessage());
    }
}
