using System.Globalization;
using Governance.Core.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Governance.Analyzers.Tests;

/// <summary>
/// The build facts the receipt step reads instead of the compiler's SARIF log: they must say exactly what the
/// analyzers report on the same compilation, so every test runs both through the harness and compares.
/// </summary>
public class BuildFactsGeneratorTests
{
    private const string Existing = "namespace Contoso.Payments { public class PaymentClient { public class Nested { } } }";

    private static GovernanceAnalyzerTest Harness(bool facts = true)
    {
        var harness = new GovernanceAnalyzerTest().Source("/repo/src/Payments/PaymentClient.cs", Existing).Baseline("Contoso.Payments.PaymentClient");
        if (facts)
        {
            harness.Properties["GovernanceBuildFacts"] = "true";
        }

        return harness;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData("")]
    public async Task Without_GovernanceBuildFacts_true_nothing_is_generated(string? value)
    {
        // The library runs the generator before the analyzers and checks it generated nothing (no GeneratedSources).
        var off = Harness(facts: false).Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class {|GOV100:X|} { } }");
        off.WithBuildFactsGenerator = true;
        if (value is not null)
        {
            off.Properties["GovernanceBuildFacts"] = value;
        }

        await off.RunAsync();

        // The same project with the switch on does get facts (so the absence above is the switch's doing).
        var on = Harness().Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class X { } }");
        var result = await on.RunGeneratorAsync();
        Assert.Null(result.Exception);
        Assert.Equal(BuildFactsGenerator.HintName, Assert.Single(result.GeneratedSources).HintName);
    }

    [Fact]
    public async Task Passing_path_has_no_findings_counts_every_top_level_type_and_no_inventory()
    {
        var harness = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/PaymentClient.cs", Existing)
            .Source("/repo/src/Payments/Ledger.cs",
                "namespace Contoso.Payments.Ledger { public record Entry(int X); internal struct Cursor { } interface IStore { } enum Kind { A } delegate void Done(); file class Hidden { } }")
            .Source("/repo/src/Payments/D.cs", "namespace Contoso.Payments.Ledger { partial class Split { } }")
            .Source("/repo/src/Payments/C.cs", "namespace Contoso.Payments.Ledger { partial class Split { class Inner { } } }\nclass Global { }")
            .BaselineText(GovernanceAnalyzerTest.BaselineJson([
                "Contoso.Payments.PaymentClient", "Contoso.Payments.Ledger.Entry", "Contoso.Payments.Ledger.Cursor", "Contoso.Payments.Ledger.IStore",
                "Contoso.Payments.Ledger.Kind", "Contoso.Payments.Ledger.Done", "Contoso.Payments.Ledger.Hidden", "Contoso.Payments.Ledger.Split", "Global"]));
        harness.Properties["GovernanceBuildFacts"] = "true";

        var facts = await Facts(harness);
        Assert.Empty(facts.Findings);
        Assert.Equal(9, facts.ModulesChecked);
        Assert.Equal(JsonKind.Null, facts.Root["inventory"]!.Kind);
        Assert.Equal(1, facts.Root["schemaVersion"]!.TryGetInt64(out var version) ? version : -1);
        Assert.Equal(GovernanceAnalyzerTest.Project, facts.Root["project"]!.StringValue);
        Assert.Equal("net10.0", facts.Root["targetFramework"]!.StringValue);

        var analyzer = await AnalyzerFindings(harness);
        Assert.Empty(analyzer.Findings);
        Assert.Equal(9, analyzer.Heartbeat);
    }

    [Fact]
    public async Task Unapproved_type_is_one_GOV100_finding_equal_to_the_analyzers_diagnostic()
    {
        var harness = Harness().Source("/repo/src/Payments/Helpers/StringUtil.cs", "namespace Contoso.Payments.Helpers;\n\ninternal static class StringUtil { }\n");

        var facts = await Facts(harness);
        var analyzer = await AnalyzerFindings(harness);

        var finding = Assert.Single(facts.Findings);
        var expected = Assert.Single(analyzer.Findings);
        Assert.Equal("GOV100", expected.Id);
        Assert.Equal(expected, finding);
        Assert.Equal(new Finding("GOV100", "error", expected.Message, "/repo/src/Payments/Helpers/StringUtil.cs", 3, 23, "Contoso.Payments.Helpers.StringUtil"), finding);
        Assert.StartsWith("Type 'Contoso.Payments.Helpers.StringUtil' is not in the baseline of 'src/Payments/Payments.csproj'", finding.Message);
        Assert.Equal(2, facts.ModulesChecked);
        Assert.Equal(analyzer.Heartbeat, facts.ModulesChecked);
    }

    [Fact]
    public async Task Unapproved_partial_type_is_reported_once_at_the_analyzers_declaration()
    {
        // Added in reverse path order, the first part not on the first line: the location must be the analyzer's
        // (path order, then position), not the first tree's or the first declaration's.
        var harness = Harness()
            .Source("/repo/src/Payments/B.cs", "namespace Contoso.Billing { partial class Invoice { } }")
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.Billing\n{\n    internal partial class Invoice { }\n}\n");

        var facts = await Facts(harness);
        var analyzer = await AnalyzerFindings(harness);

        var finding = Assert.Single(facts.Findings);
        Assert.Equal(Assert.Single(analyzer.Findings), finding);
        Assert.Equal(("GOV100", "/repo/src/Payments/A.cs", 3, 28, "Contoso.Billing.Invoice"), (finding.Id, finding.File, finding.Line, finding.Column, finding.Module));
        Assert.Equal(2, facts.ModulesChecked);
    }

    [Fact]
    public async Task Partial_type_in_a_generated_and_a_written_file_is_reported_at_the_written_declaration()
    {
        // A.g.cs sorts first by path, but it is generated: the compiler drops a diagnostic located there, so both the
        // facts and the analyzer must place GOV100 at B.cs, the declaration a person wrote.
        var harness = Harness()
            .Source("/repo/src/Payments/A.g.cs", "namespace Contoso.Billing { partial class Invoice { } }")
            .Source("/repo/src/Payments/B.cs", "namespace Contoso.Billing\n{\n    internal partial class Invoice { }\n}\n");

        var facts = await Facts(harness);
        var analyzer = await AnalyzerFindings(harness);

        var finding = Assert.Single(facts.Findings);
        Assert.Equal(("GOV100", "/repo/src/Payments/B.cs", 3, 28, "Contoso.Billing.Invoice"), (finding.Id, finding.File, finding.Line, finding.Column, finding.Module));
        var reported = Assert.Single(analyzer.Findings);
        Assert.Equal(("GOV100", finding.File, finding.Line, finding.Column), (reported.Id, reported.File, reported.Line, reported.Column));
        Assert.Equal(reported, finding);
        Assert.Equal(analyzer.Heartbeat, facts.ModulesChecked);

        // Baseline-update mode: both inventories list it.
        harness.Properties["GovernanceUpdateBaseline"] = "true";
        var updateFacts = await Facts(harness);
        Assert.Contains("Contoso.Billing.Invoice", updateFacts.Inventory!);
        Assert.Empty(updateFacts.Findings);
        var updateAnalyzer = await AnalyzerFindings(harness);
        Assert.Contains("Contoso.Billing.Invoice", updateAnalyzer.Inventory);
        Assert.Equal(updateFacts.Inventory, updateAnalyzer.Inventory.OrderBy(m => m, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unapproved_type_under_line_hidden_is_a_GOV100_of_the_facts_and_the_analyzer()
    {
        var harness = Harness().Source("/repo/src/Payments/Hidden.cs", "#line hidden\nnamespace Contoso.Hidden { class H { } }\n#line default\n");

        var facts = await Facts(harness);
        var finding = Assert.Single(facts.Findings, f => f.Module == "Contoso.Hidden.H");
        Assert.Equal(("GOV100", "error", "/repo/src/Payments/Hidden.cs"), (finding.Id, finding.Severity, finding.File));

        // The analyzer asks the driver for diagnostics in generated code too (which keeps those under #line hidden),
        // so the compiler shows it; the receipt step would report it from the facts otherwise.
        var analyzer = await AnalyzerFindings(harness);
        Assert.Equal(finding, Assert.Single(analyzer.Findings, f => f.Module == "Contoso.Hidden.H"));
    }

    [Theory]
    [InlineData("/repo/src/Payments/X.g.cs", "namespace Contoso.Gen { class FromFileName { } }", "Contoso.Gen.FromFileName", false)]
    [InlineData("/repo/src/Payments/X.designer.cs", "namespace Contoso.Gen { class FromDesigner { } }", "Contoso.Gen.FromDesigner", false)]
    [InlineData("/repo/src/Payments/Header.cs", "// <auto-generated/>\nnamespace Contoso.Gen { class FromHeader { } }", "Contoso.Gen.FromHeader", false)]
    [InlineData("/repo/src/Payments/Attr.cs", "namespace Contoso.Gen { [System.CodeDom.Compiler.GeneratedCode(\"t\", \"1\")] class FromAttribute { } }", "Contoso.Gen.FromAttribute", false)]
    [InlineData("/repo/src/Payments/Configured.cs", "namespace Contoso.Gen { class FromEditorConfig { } }", "Contoso.Gen.FromEditorConfig", true)]
    public async Task Types_only_in_generated_code_are_modules_and_reported_there(string path, string source, string module, bool editorConfig)
    {
        var harness = Harness().Source(path, source);
        if (editorConfig)
        {
            harness.FileOptions[path] = new() { ["generated_code"] = "true" };
        }

        // Generated code is no exemption: the facts and the analyzer both report the type, in the generated file
        // (there is no written declaration), and the receipt step reports what the compiler would not show.
        var facts = await Facts(harness);
        var finding = Assert.Single(facts.Findings);
        Assert.Equal(("GOV100", path, module), (finding.Id, finding.File, finding.Module));
        var analyzer = await AnalyzerFindings(harness);
        Assert.Equal(facts.Findings, analyzer.Findings);
        Assert.Equal(2, facts.ModulesChecked);
        Assert.Equal(analyzer.Heartbeat, facts.ModulesChecked);

        harness.Properties["GovernanceUpdateBaseline"] = "true";
        Assert.Equal(new[] { module, "Contoso.Payments.PaymentClient" }, (await Facts(harness)).Inventory);
        Assert.Equal(new[] { module, "Contoso.Payments.PaymentClient" }, (await AnalyzerFindings(harness)).Inventory.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Top_level_statements_declare_the_module_Program_and_keyword_namespaces_are_not_escaped()
    {
        // Metadata names them "Program" and "Contoso.class.Parser": the in-build inventory must say the same, or a
        // baseline recorded here would not approve what the metadata check finds (ToDisplayString says "@class").
        var harness = new GovernanceAnalyzerTest { OutputKind = OutputKind.ConsoleApplication }
            .Source("/repo/src/Payments/Program.cs", "System.Console.WriteLine(1);\nnamespace Contoso.@class { class Parser { } }\n")
            .Source("/repo/src/Payments/Partial.cs", "partial class Program { static void Helper() { } }")
            .Baseline();
        harness.Properties["GovernanceBuildFacts"] = "true";

        var facts = await Facts(harness);
        Assert.Equal(new[] { "Contoso.class.Parser", "Program" }, facts.Findings.Select(f => f.Module).Order(StringComparer.Ordinal));
        var analyzer = await AnalyzerFindings(harness);
        Assert.Equal(Sorted(facts.Findings), Sorted(analyzer.Findings));
        Assert.Equal(2, facts.ModulesChecked);
        Assert.Equal(analyzer.Heartbeat, facts.ModulesChecked);

        harness.Properties["GovernanceUpdateBaseline"] = "true";
        Assert.Equal(new[] { "Contoso.class.Parser", "Program" }, (await Facts(harness)).Inventory);
        Assert.Equal(new[] { "Contoso.class.Parser", "Program" }, (await AnalyzerFindings(harness)).Inventory.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Top_level_statements_alone_declare_Program()
    {
        var harness = new GovernanceAnalyzerTest { OutputKind = OutputKind.ConsoleApplication }
            .Source("/repo/src/Payments/Program.cs", "System.Console.WriteLine(1);\n")
            .Baseline();
        harness.Properties["GovernanceBuildFacts"] = "true";

        var facts = await Facts(harness);
        var finding = Assert.Single(facts.Findings);
        Assert.Equal(("Program", "/repo/src/Payments/Program.cs", 1, 1), (finding.Module, finding.File, finding.Line, finding.Column));
        Assert.Equal(facts.Findings, (await AnalyzerFindings(harness)).Findings);
    }

    [Fact]
    public async Task Baseline_update_lists_every_module_generated_ones_included_in_ordinal_order_and_reports_no_GOV100()
    {
        var harness = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { class Nested { } } partial class Two { } }")
            .Source("/repo/src/Payments/B.cs", "namespace Contoso.A { partial class Two { } } class Global { }")
            .Source("/repo/src/Payments/C.cs", "namespace Contoso.a { class lower { } } namespace Contoso.Z { class Zed { } file class Local { } }")
            .Source("/repo/src/Payments/X.g.cs", "namespace Contoso.Gen { class FromFileName { } }")
            .Source("/repo/src/Payments/Attr.cs", "namespace Contoso.Gen { [System.CodeDom.Compiler.GeneratedCode(\"t\", \"1\")] class FromAttribute { } }");
        harness.Properties["GovernanceBuildFacts"] = "true";
        harness.Properties["GovernanceUpdateBaseline"] = "true";

        var facts = await Facts(harness);
        string[] expected = ["Contoso.A.One", "Contoso.A.Two", "Contoso.Gen.FromAttribute", "Contoso.Gen.FromFileName", "Contoso.Z.Local", "Contoso.Z.Zed", "Contoso.a.lower", "Global"];
        Assert.Equal(expected, facts.Inventory);
        Assert.Empty(facts.Findings);
        Assert.Equal(expected.Length, facts.ModulesChecked);

        var analyzer = await AnalyzerFindings(harness);
        Assert.Equal(facts.Inventory, analyzer.Inventory.OrderBy(m => m, StringComparer.Ordinal));
        Assert.Empty(analyzer.Findings);
        Assert.Equal(analyzer.Heartbeat, facts.ModulesChecked);
    }

    [Fact]
    public async Task Missing_baseline_is_one_GOV002_at_the_project_file_as_the_analyzer_reports_it()
    {
        var harness = new GovernanceAnalyzerTest().Source("/repo/src/Payments/A.cs", "namespace Contoso.A { class One { } class Two { } }");
        harness.Properties["GovernanceBuildFacts"] = "true";

        var facts = await Facts(harness);
        var finding = Assert.Single(facts.Findings);
        Assert.Equal("GOV002", finding.Id);
        Assert.Equal("error", finding.Severity);
        Assert.Equal("/repo/src/Payments/Payments.csproj", finding.File);
        Assert.Null(finding.Module);
        Assert.Contains(".governance/baseline/src/Payments/Payments.csproj.json", finding.Message);

        var analyzer = await AnalyzerFindings(harness);
        Assert.Equal(Assert.Single(analyzer.Findings), finding);
        Assert.Equal(analyzer.Heartbeat, facts.ModulesChecked);
    }

    [Fact]
    public async Task Plan_with_a_JSON_error_is_a_GOV001_at_the_analyzers_position_in_the_plan()
    {
        var harness = Harness().Plan("bad.json", "{\n  \"dispatchId\": \"d-1\",\n  \"modules\": [\"A\" \"B\"]\n}");

        var facts = await Facts(harness);
        var finding = Assert.Single(facts.Findings);
        var analyzer = await AnalyzerFindings(harness);
        Assert.Equal(Assert.Single(analyzer.Findings), finding);
        Assert.Equal(("GOV001", "error", GovernanceAnalyzerTest.PlansDir + "bad.json", 3, 19), (finding.Id, finding.Severity, finding.File, finding.Line, finding.Column));
        Assert.Equal("The plan is not valid JSON: Expected ',' or ']' after an array element but found '\"'.", finding.Message);
    }

    [Fact]
    public async Task Audit_mode_records_GOV100_as_a_warning()
    {
        var harness = Harness().Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class X { } }");
        harness.Properties["GovernanceMode"] = "Audit";

        var finding = Assert.Single((await Facts(harness)).Findings);
        Assert.Equal(("GOV100", "warning", "Contoso.New.X"), (finding.Id, finding.Severity, finding.Module));
        Assert.Equal(Assert.Single((await AnalyzerFindings(harness)).Findings), finding);
    }

    [Fact]
    public async Task Characters_that_end_a_CSharp_line_cannot_leave_the_comment()
    {
        // U+2028, U+2029 and U+0085 end a line in C# (not in File.ReadLines): from a plan's value into a GOV001
        // message, and from a source path into a GOV100 file.
        const string breakers = "\u2028\u2029\u0085";
        const string source = "/repo/src/Payments/N" + breakers + ".cs";
        var plan = "{ \"dispatchId\": \"d-9\", \"approvedBy\": \"a@b.c\", \"approvedAt\": \"2026-11-20T10:00:00Z\", \"expiresAt\": \"2026" + breakers
            + "-12-20\", \"projects\": [\"src/Payments/Payments.csproj\"], \"modules\": [\"Contoso.New.**\"] }";
        var harness = Harness().Plan("d-9.json", plan).Source(source, "namespace Contoso.New { class X { } }");

        var facts = await Facts(harness);
        var analyzer = await AnalyzerFindings(harness);
        Assert.Equal(Sorted(analyzer.Findings), Sorted(facts.Findings));
        Assert.Contains(facts.Findings, f => f.Id == "GOV001" && f.Message.Contains("'2026" + breakers + "-12-20' is not an ISO 8601 date-time"));
        Assert.Contains(facts.Findings, f => f.Id == "GOV100" && f.File == source);

        // The generated file is comments only: as C#, no members, no directives, no diagnostics, and every line (as
        // the compiler breaks lines) a comment.
        Assert.DoesNotContain(facts.Text, c => breakers.Contains(c));
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(facts.Text, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot();
        Assert.Empty(root.Members);
        Assert.Empty(root.Usings);
        Assert.Empty(root.AttributeLists);
        Assert.Empty(root.Externs);
        Assert.Empty(root.GetDiagnostics());
        Assert.All(SourceText.From(facts.Text).Lines.Select(l => l.ToString()).Where(l => l.Length > 0), l => Assert.StartsWith("//", l));
    }

    [Fact]
    public async Task Facts_of_a_compilation_with_every_kind_of_finding_equal_the_analyzers_diagnostics()
    {
        // GOV001, GOV003, GOV005 and GOV100 together, in one comparison.
        const string approved = "{ \"dispatchId\": \"d-1\", \"approvedBy\": \"a@b.c\", \"approvedAt\": \"2026-11-20T10:00:00Z\", \"projects\": [\"src/Payments/Payments.csproj\"], "
            + "\"modules\": [\"Contoso.Used.**\", \"Contoso.Unused.**\"] }";
        const string proposal = "{ \"dispatchId\": \"d-2\", \"projects\": [\"src/Payments/Payments.csproj\"], \"modules\": [\"Contoso.New.**\"] }";
        var harness = Harness()
            .Plan("d-1.json", approved)
            .Plan("d-2.json", proposal)
            .Plan("bad.json", "{ \"dispatchId\": 7 }")
            .Source("/repo/src/Payments/U.cs", "namespace Contoso.Used { class A { } }")
            .Source("/repo/src/Payments/N.cs", "namespace Contoso.New { class B { } class C { } }");

        var facts = await Facts(harness);
        var analyzer = await AnalyzerFindings(harness);
        Assert.Equal(new[] { "GOV001", "GOV003", "GOV005", "GOV100", "GOV100" }, facts.Findings.Select(f => f.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.Equal(Sorted(analyzer.Findings), Sorted(facts.Findings));
        Assert.Equal(analyzer.Heartbeat, facts.ModulesChecked);
    }

    internal sealed record Finding(string Id, string Severity, string Message, string? File, int Line, int Column, string? Module);

    internal sealed record GeneratedFacts(string Text, JsonValue Root, int ModulesChecked, List<string>? Inventory, List<Finding> Findings);

    internal sealed record AnalyzerResults(List<Finding> Findings, List<string> Inventory, int? Heartbeat);

    private static List<Finding> Sorted(IEnumerable<Finding> findings) =>
        findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal).ToList();

    /// <summary>Runs the generator and reads its file field by field, and through the receipt step's reader.</summary>
    internal static async Task<GeneratedFacts> Facts(GovernanceAnalyzerTest harness)
    {
        var result = await harness.RunGeneratorAsync();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        var generated = Assert.Single(result.GeneratedSources);
        Assert.Equal(BuildFactsGenerator.HintName, generated.HintName);
        var text = generated.SourceText.ToString();

        string? line = null;
        using (var reader = new StringReader(text))
        {
            for (var candidate = reader.ReadLine(); candidate is not null; candidate = reader.ReadLine())
            {
                if (candidate.StartsWith(Governance.Core.Findings.ModuleCheckFacts.LinePrefix, StringComparison.Ordinal))
                {
                    Assert.Null(line);
                    line = candidate.Substring(Governance.Core.Findings.ModuleCheckFacts.LinePrefix.Length);
                }
            }
        }

        Assert.NotNull(line);
        var parsed = JsonParser.Parse(line);
        Assert.True(parsed.Success, "The facts line is not valid JSON: " + parsed.Error + "\n" + line);
        var root = parsed.Root!;
        Assert.Equal(JsonKind.Object, root.Kind);
        Assert.Null(root["error"]);
        Assert.True(root["modulesChecked"]!.TryGetInt64(out var modulesChecked));

        var inventory = root["inventory"]!;
        List<string>? names = inventory.Kind == JsonKind.Null ? null : inventory.Items.Select(i => i.StringValue!).ToList();
        var findings = root["findings"]!.Items.Select(f => new Finding(
            f["id"]!.StringValue!,
            f["severity"]!.StringValue!,
            f["message"]!.StringValue!,
            f["file"]!.StringValue,
            f["line"]!.TryGetInt64(out var l) ? (int)l : throw new InvalidOperationException("line is not a number"),
            f["column"]!.TryGetInt64(out var c) ? (int)c : throw new InvalidOperationException("column is not a number"),
            f["module"]!.StringValue)).ToList();

        // The receipt step's reader (Core) sees the same facts.
        var read = Governance.Core.Findings.ModuleCheckFacts.Parse("GovernanceBuildFacts.g.cs", text.Split('\n'));
        Assert.Equal((int)modulesChecked, read.ModulesChecked);
        Assert.Equal(names, read.Inventory);
        Assert.Equal(findings, read.Findings.Select(f => new Finding(f.RuleId, f.ReportedSeverity.ToString().ToLowerInvariant(), f.Message, f.File, f.Line, f.Column, f.Module)));
        return new GeneratedFacts(text, root, (int)modulesChecked, names, findings);
    }

    /// <summary>What the real analyzers report on the same compilation, as the facts would record it: every GOV
    /// finding (GOV005 included), the GOV190 inventory and the GOV191 heartbeat's count.</summary>
    internal static async Task<AnalyzerResults> AnalyzerFindings(GovernanceAnalyzerTest harness)
    {
        harness.Ignored.Clear();
        var diagnostics = await harness.DiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        var findings = new List<Finding>();
        var inventory = new List<string>();
        int? heartbeat = null;
        foreach (var d in diagnostics)
        {
            if (d.Id == "GOV191")
            {
                Assert.Null(heartbeat);
                heartbeat = int.Parse(d.GetMessage(CultureInfo.InvariantCulture).Split(' ')[3], CultureInfo.InvariantCulture);
                continue;
            }

            if (d.Id == "GOV190")
            {
                inventory.Add(d.GetMessage(CultureInfo.InvariantCulture));
                continue;
            }

            var span = d.Location.GetLineSpan();
            var located = d.Location != Location.None;
            findings.Add(new Finding(
                d.Id,
                d.Severity.ToString().ToLowerInvariant(),
                d.GetMessage(CultureInfo.InvariantCulture),
                located ? span.Path : null,
                located ? span.StartLinePosition.Line + 1 : 0,
                located ? span.StartLinePosition.Character + 1 : 0,
                d.Properties.TryGetValue(ModuleAnalyzer.ModuleProperty, out var module) ? module : null));
        }

        return new AnalyzerResults(findings, inventory, heartbeat);
    }
}
