using Xunit;

namespace Governance.Analyzers.Tests;

/// <summary>The incident that started the product: one agent invents a helper module, others lean on it.
/// The reviewer must see every link of the chain, not only the first.</summary>
public class GOV101_BlastRadiusTests
{
    [Fact]
    public async Task Cascade_reports_GOV100_at_the_helper_and_GOV101_at_every_reference_in_other_files()
    {
        var diagnostics = await new AnalyzerHarness()
            .Baseline("Contoso.Payments.PaymentClient", "Contoso.Payments.Ledger")
            .Source("/repo/src/Payments/Helpers/StringUtil.cs", """
                namespace Contoso.Payments.Helpers;

                public static class StringUtil
                {
                    public static string Mask(string s) => s;
                    public static string Trim(string s) => Mask(s).Trim();
                }
                """)
            .Source("/repo/src/Payments/PaymentClient.cs", """
                using Contoso.Payments.Helpers;

                namespace Contoso.Payments;

                public sealed class PaymentClient
                {
                    public string Describe(string merchant) => StringUtil.Mask(merchant);
                }
                """)
            .Source("/repo/src/Payments/Ledger.cs", """
                namespace Contoso.Payments;

                public sealed class Ledger
                {
                    public string Key(string id) => Helpers.StringUtil.Trim(id) + Helpers.StringUtil.Mask(id);
                }
                """)
            .RunAsync(new ModuleAnalyzer(), new UsageAnalyzer());

        Assert.Equal(
        [
            "Ledger.cs(5,37): warning GOV101",
            "Ledger.cs(5,67): warning GOV101",
            "PaymentClient.cs(7,48): warning GOV101",
            "StringUtil.cs(3,21): error GOV100",
        ], diagnostics.Select(d => System.Text.RegularExpressions.Regex.Match(AnalyzerHarness.Describe(d), @"^.*?GOV\d{3}").Value).Order(StringComparer.Ordinal));
        var gov101 = diagnostics.First(d => d.Id == "GOV101");
        Assert.Equal("'Contoso.Payments.Helpers.StringUtil' belongs to module 'Contoso.Payments.Helpers.StringUtil', which no plan approves (declared in /repo/src/Payments/Helpers/StringUtil.cs). "
            + "This code is in the blast radius of that GOV100: approve the module or stop depending on it.", gov101.GetMessage());
    }

    [Fact]
    public async Task Member_types_and_base_types_are_references_too()
    {
        var diagnostics = await new AnalyzerHarness()
            .Baseline("Contoso.A.User")
            .Source("/repo/src/Payments/New.cs", "namespace Contoso.New { public class Thing { } }")
            .Source("/repo/src/Payments/User.cs", "namespace Contoso.A { public class User : Contoso.New.Thing { public Contoso.New.Thing? Field; public Contoso.New.Thing[] Make(Contoso.New.Thing t) => new[] { t }; } }")
            .RunAsync(new UsageAnalyzer());
        Assert.True(diagnostics.Count(d => d.Id == "GOV101") >= 4, string.Join("\n", diagnostics.Select(AnalyzerHarness.Describe)));
    }

    [Fact]
    public async Task Approved_modules_and_code_inside_the_unapproved_module_itself_are_not_reported()
    {
        var diagnostics = await new AnalyzerHarness()
            .Baseline("Contoso.A.User", "Contoso.A.Old")
            .Source("/repo/src/Payments/Old.cs", "namespace Contoso.A { public static class Old { public static int X() => 1; } }")
            .Source("/repo/src/Payments/User.cs", "namespace Contoso.A { public class User { int Y() => Old.X(); } }")
            .RunAsync(new UsageAnalyzer());
        Assert.Empty(diagnostics);
    }
}
