using Governance.Analyzers;
using Governance.Analyzers.Tests;
using Governance.Core.Files;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Governance.Reliability.Tests;

/// <summary>The bad-input corpus compiled through the real analyzers (all of them, concurrently): no AD0001, a
/// GOV001 inside each bad file, and nothing the bad file would have approved counts.</summary>
public class NoAnalyzerCrashTests
{
    private const string Source = "namespace Contoso.A { public class One { } }\nnamespace Contoso.New { public class Added { public Contoso.A.One Use() => new Contoso.A.One(); } }";

    [Theory]
    [MemberData(nameof(CorpusTests.Cases), MemberType = typeof(CorpusTests))]
    public async Task Each_corpus_file_through_the_real_analyzers_gives_GOV001_and_no_AD0001(string file, string kind, string fragment)
    {
        var text = GovernanceFileSource.Read(Path.Combine(AppContext.BaseDirectory, "Corpus", file), kind).Text!;
        var harness = new GovernanceAnalyzerTest().Source("/repo/src/Payments/A.cs", Source);
        harness.Ignored.Clear();
        if (kind == "plan")
        {
            harness.Baseline("Contoso.A.One").Plan(file, text);
        }
        else
        {
            harness.BaselineText(text);
        }

        var diagnostics = await harness.DiagnosticsAsync(new ModuleAnalyzer(), new GovernanceFileAnalyzer(), new UsageAnalyzer());

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        // An error located in the bad file: the build fails there, whatever else the file says.
        var located = kind == "plan" ? GovernanceAnalyzerTest.PlansDir + file : GovernanceAnalyzerTest.BaselinePath;
        Assert.Contains(diagnostics, d => d.Id == "GOV001" && d.Severity == DiagnosticSeverity.Error
            && d.Location.GetLineSpan().Path == located && d.GetMessage().Contains(fragment, StringComparison.Ordinal));
        if (kind == "plan")
        {
            // A bad plan approves nothing, whatever its modules say.
            Assert.Contains(diagnostics, d => d.Id == "GOV100" && d.GetMessage().Contains("Contoso.New.Added", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Generated_hostile_files_through_the_real_analyzers_give_GOV001_and_no_AD0001()
    {
        var hostile = new Dictionary<string, string>
        {
            ["many.json"] = "{ \"dispatchId\": \"d-1\", \"approvedBy\": \"a@b.c\", \"approvedAt\": \"2026-11-20T10:00:00Z\", \"modules\": ["
                + string.Join(",", Enumerable.Range(0, 100_000).Select(i => "\"Contoso.M" + i + "\"")) + ", \"Contoso.New.**\"] }",
            ["deep.json"] = "{ \"dispatchId\": \"d-2\", \"notes\": " + new string('[', 100_000) + new string(']', 100_000) + " }",
            ["big.json"] = "{ \"dispatchId\": \"d-3\", \"notes\": \"" + new string('x', GovernanceFileSource.MaxFileChars) + "\" }",
        };
        foreach (var (name, text) in hostile)
        {
            var diagnostics = await new GovernanceAnalyzerTest().Source("/repo/src/Payments/A.cs", Source).Baseline("Contoso.A.One").Plan(name, text)
                .DiagnosticsAsync(new ModuleAnalyzer(), new GovernanceFileAnalyzer(), new UsageAnalyzer());
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            Assert.Contains(diagnostics, d => d.Id == "GOV001" && d.Location.GetLineSpan().Path.EndsWith(name, StringComparison.Ordinal));
            Assert.Contains(diagnostics, d => d.Id == "GOV100" && d.GetMessage().Contains("Contoso.New.Added", StringComparison.Ordinal));
        }
    }
}
