using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Governance.Analyzers.Tests.GovernanceAnalyzerTest;

namespace Governance.Analyzers.Tests;

/// <summary>The incident that started the product: one agent invents a helper module, others lean on it.
/// The reviewer must see every link of the chain, not only the first.</summary>
public class GOV101_BlastRadiusTests
{
    [Fact]
    public async Task Cascade_reports_GOV100_at_the_helper_and_GOV101_at_every_reference_in_other_files()
    {
        const string blastRadius = "'Contoso.Payments.Helpers.StringUtil' belongs to module 'Contoso.Payments.Helpers.StringUtil', which no plan approves (declared in /repo/src/Payments/Helpers/StringUtil.cs). "
            + "This code is in the blast radius of that GOV100: approve the module or stop depending on it.";
        await new GovernanceAnalyzerTest(new ModuleAnalyzer(), new UsageAnalyzer())
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
            .Expect(
                Diagnostic("GOV101").WithLocation("/repo/src/Payments/Ledger.cs", 5, 37).WithMessage(blastRadius),
                Diagnostic("GOV101").WithLocation("/repo/src/Payments/Ledger.cs", 5, 67).WithMessage(blastRadius),
                Diagnostic("GOV101").WithLocation("/repo/src/Payments/PaymentClient.cs", 7, 48).WithMessage(blastRadius),
                Diagnostic("GOV100").WithLocation("/repo/src/Payments/Helpers/StringUtil.cs", 3, 21))
            .RunAsync();
    }

    [Fact]
    public async Task Member_types_and_base_types_are_references_too()
    {
        // The base type, the field's type, the return type and the parameter's type.
        await new GovernanceAnalyzerTest(new UsageAnalyzer())
            .Baseline("Contoso.A.User")
            .Source("/repo/src/Payments/New.cs", "namespace Contoso.New { public class Thing { } }")
            .Source("/repo/src/Payments/User.cs", "namespace Contoso.A { public class User : Contoso.New.Thing { public Contoso.New.Thing? Field; public Contoso.New.Thing[] Make(Contoso.New.Thing t) => new[] { t }; } }")
            .Expect(
                Diagnostic("GOV101").WithLocation("/repo/src/Payments/User.cs", 1, 36),
                Diagnostic("GOV101").WithLocation("/repo/src/Payments/User.cs", 1, 89),
                Diagnostic("GOV101").WithLocation("/repo/src/Payments/User.cs", 1, 123),
                Diagnostic("GOV101").WithLocation("/repo/src/Payments/User.cs", 1, 146))
            .RunAsync();
    }

    [Fact]
    public async Task Approved_modules_and_code_inside_the_unapproved_module_itself_are_not_reported()
    {
        await new GovernanceAnalyzerTest(new UsageAnalyzer())
            .Baseline("Contoso.A.User", "Contoso.A.Old")
            .Source("/repo/src/Payments/Old.cs", "namespace Contoso.A { public static class Old { public static int X() => 1; } }")
            .Source("/repo/src/Payments/User.cs", "namespace Contoso.A { public class User { int Y() => Old.X(); } }")
            .RunAsync();
    }

    // Across projects: an agent adds a helper module to a library (src/Core) and the application that references it
    // starts using it. The application learns the library's approvals from the library's baseline, which the package's
    // targets pass in as an additional file; the library's types come from its compilation in the IDE, from its
    // metadata in a build.
    private const string CoreSource = """
        namespace Contoso.Core { public sealed class Clock { public static System.DateTime Now => System.DateTime.UtcNow; } }
        namespace Contoso.Core.Text { public static class StringHelpers { public static string Shout(string s) => s.ToUpperInvariant(); } }
        """;

    private const string ApiSource = """
        namespace Contoso.Payments
        {
            public sealed class Endpoint
            {
                public System.DateTime When() => Contoso.Core.Clock.Now;
                public string Name(string s) => Contoso.Core.Text.StringHelpers.Shout(s);
            }
        }
        """;

    public static TheoryData<string> ReferenceKinds => new() { "compilation (IDE)", "metadata (build)" };

    private static GovernanceAnalyzerTest ApiUsingCore(string kind)
    {
        var test = new GovernanceAnalyzerTest(new UsageAnalyzer())
            .Baseline("Contoso.Payments.Endpoint")
            .Source("/repo/src/Payments/Endpoint.cs", ApiSource);
        return kind == "compilation (IDE)"
            ? test.ProjectReference("Contoso.Core", CoreSource)
            : test.Reference(BuiltReference("Contoso.Core", CoreSource, "/repo/src/Core/obj/Debug/net10.0/ref/Contoso.Core.dll"));
    }

    /// <summary>The one GOV101 these projects have when Core's StringHelpers is not approved, at its use in Endpoint.cs.</summary>
    private static DiagnosticResult StringHelpersUse() => Diagnostic("GOV101").WithLocation("/repo/src/Payments/Endpoint.cs", 6, 41);

    [Theory]
    [MemberData(nameof(ReferenceKinds))]
    public async Task A_use_of_a_referenced_projects_unapproved_module_is_GOV101_at_the_use_naming_the_module_and_its_project(string kind)
    {
        await ApiUsingCore(kind)
            .ReferencedBaseline("src/Core/Core.csproj", "Contoso.Core", ["Contoso.Core.Clock"])
            .Expect(StringHelpersUse().WithMessage(
                "'Contoso.Core.Text.StringHelpers' belongs to module 'Contoso.Core.Text.StringHelpers', which no plan approves (declared in src/Core/Core.csproj). "
                + "This code is in the blast radius of that GOV100: approve the module or stop depending on it."))
            .RunAsync();
    }

    [Theory]
    [MemberData(nameof(ReferenceKinds))]
    public async Task A_plan_for_the_declaring_project_approves_the_uses_a_plan_for_the_using_project_does_not(string kind)
    {
        static string Plan(string id, string project) => "{ \"dispatchId\": \"" + id + "\", \"approvedBy\": \"a@b\", \"approvedAt\": \"2026-11-20T00:00:00Z\", "
            + "\"projects\": [\"" + project + "\"], \"modules\": [\"Contoso.Core.Text.**\"] }";

        await ApiUsingCore(kind)
            .ReferencedBaseline("src/Core/Core.csproj", "Contoso.Core", ["Contoso.Core.Clock"])
            .Plan("for-api.json", Plan("d-api", Project))
            .Expect(StringHelpersUse())
            .RunAsync();

        await ApiUsingCore(kind)
            .ReferencedBaseline("src/Core/Core.csproj", "Contoso.Core", ["Contoso.Core.Clock"])
            .Plan("for-core.json", Plan("d-core", "src/Core/Core.csproj"))
            .RunAsync();
    }

    // The walk over a referenced assembly skips a namespace a plan approves whole and judges the rest type by type:
    // what it skips must never hide an unapproved module (a near miss still finds the GOV101).
    [Theory]
    [InlineData("Contoso.Core.Text.**", 0)]
    [InlineData("Contoso.**", 0)]
    [InlineData("**", 0)]
    [InlineData("Contoso.Core.Text.*", 0)]
    [InlineData("Contoso.Core.Text.StringHelpers", 0)]
    [InlineData("Contoso.Core.Texts.**", 1)]
    [InlineData("Contoso.Core.Text.StringHelper", 1)]
    [InlineData("Contoso.Core.*", 1)]
    public async Task A_plan_for_the_declaring_project_approves_exactly_what_its_pattern_covers(string pattern, int expected)
    {
        var plan = "{ \"dispatchId\": \"d-core\", \"approvedBy\": \"a@b\", \"approvedAt\": \"2026-11-20T00:00:00Z\", "
            + "\"projects\": [\"src/Core/Core.csproj\"], \"modules\": [\"" + pattern + "\"] }";
        await ApiUsingCore("metadata (build)")
            .ReferencedBaseline("src/Core/Core.csproj", "Contoso.Core", ["Contoso.Core.Clock"])
            .Plan("for-core.json", plan)
            .Expect(expected == 1 ? [StringHelpersUse()] : [])
            .RunAsync();
    }

    [Fact]
    public async Task A_referenced_baseline_from_anywhere_but_the_baseline_folder_approves_and_judges_nothing()
    {
        // Not at .governance/baseline/<project>.json: the item is not that project's baseline, so Core's types are
        // not judged here at all (its own build still reports its GOV100).
        await ApiUsingCore("metadata (build)")
            .ReferencedBaseline("src/Core/Core.csproj", "Contoso.Core", ["Contoso.Core.Clock"], path: "/repo/src/Core/forged-baseline.json")
            .RunAsync();
    }

    private static string Summary(string unapproved, string project = "src/Core/Core.csproj", string granularity = "Type") =>
        new Governance.Core.Findings.ModuleSummary(project, granularity, int.TryParse(unapproved, out var n) ? n : null, unapproved).ToText();

    // In a build, a referenced project whose own compile just found none of its modules unapproved is not searched for
    // unapproved types: the walk over its namespaces was the whole cost of cross-project GOV101 (docs/performance.md).
    // A summary that says so while Core does have an unapproved module makes the skip visible: the build takes its
    // referenced project's word, so GOV101 is not reported.
    [Fact]
    public async Task In_a_build_a_referenced_project_whose_own_compile_found_every_module_approved_is_not_searched()
    {
        var test = ApiUsingCore("metadata (build)")
            .ReferencedBaseline("src/Core/Core.csproj", "Contoso.Core", ["Contoso.Core.Clock"])
            .ReferencedModuleSummary("Contoso.Core", Summary("0"));
        test.Properties["GovernanceBuildFacts"] = "true";
        await test.RunAsync();
    }

    // Anything but "0 unapproved, this project, this granularity", from the summary that names that assembly, and the
    // build searches the referenced types itself and finds the GOV101 (fail closed).
    [Theory]
    [InlineData("1 unapproved", "governance-module-summary 1\nproject: src/Core/Core.csproj\ngranularity: Type\nunapprovedModules: 1\n", "Contoso.Core")]
    [InlineData("unknown", "governance-module-summary 1\nproject: src/Core/Core.csproj\ngranularity: Type\nunapprovedModules: unknown (the compile did not complete)\n", "Contoso.Core")]
    [InlineData("another project", "governance-module-summary 1\nproject: src/Other/Other.csproj\ngranularity: Type\nunapprovedModules: 0\n", "Contoso.Core")]
    [InlineData("another granularity", "governance-module-summary 1\nproject: src/Core/Core.csproj\ngranularity: Namespace\nunapprovedModules: 0\n", "Contoso.Core")]
    [InlineData("another assembly", "governance-module-summary 1\nproject: src/Core/Core.csproj\ngranularity: Type\nunapprovedModules: 0\n", "Contoso.Other")]
    [InlineData("another format version", "governance-module-summary 2\nproject: src/Core/Core.csproj\ngranularity: Type\nunapprovedModules: 0\n", "Contoso.Core")]
    [InlineData("a negative count", "governance-module-summary 1\nproject: src/Core/Core.csproj\ngranularity: Type\nunapprovedModules: -0\n", "Contoso.Core")]
    [InlineData("a line more", "governance-module-summary 1\nproject: src/Core/Core.csproj\ngranularity: Type\nunapprovedModules: 0\nunapprovedModules: 0\n", "Contoso.Core")]
    [InlineData("empty", "", "Contoso.Core")]
    public async Task A_summary_that_does_not_vouch_for_every_module_of_that_project_leaves_the_search_on(string why, string text, string assembly)
    {
        _ = why; // names the case in the test's display name
        var test = ApiUsingCore("metadata (build)")
            .ReferencedBaseline("src/Core/Core.csproj", "Contoso.Core", ["Contoso.Core.Clock"])
            .ReferencedModuleSummary(assembly, text)
            .Expect(StringHelpersUse());
        test.Properties["GovernanceBuildFacts"] = "true";
        await test.RunAsync();
    }

    // The IDE judges the other project's live compilation, whatever its last build left behind.
    [Theory]
    [MemberData(nameof(ReferenceKinds))]
    public async Task Outside_a_build_the_summary_is_not_used(string kind)
    {
        await ApiUsingCore(kind)
            .ReferencedBaseline("src/Core/Core.csproj", "Contoso.Core", ["Contoso.Core.Clock"])
            .ReferencedModuleSummary("Contoso.Core", Summary("0"))
            .Expect(StringHelpersUse())
            .RunAsync();
    }

    [Fact]
    public async Task Without_a_referenced_baseline_nothing_of_the_other_project_is_judged()
    {
        await ApiUsingCore("metadata (build)").RunAsync();
    }
}
