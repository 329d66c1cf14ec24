using System.Text.RegularExpressions;
using Governance.Core.Rules;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Governance.Analyzers.Tests;

/// <summary>
/// Every rule end to end, one case per entry of Core's rule catalog: what a newcomer adding a rule must touch, each
/// checked against the catalog. (The targets' warning and error id lists are checked by Governance.Build.Tests'
/// WarningLevelsTests.)
/// </summary>
public sealed class RuleCatalogTests
{
    private static readonly string Root = RepoRoot();

    public static TheoryData<string> RuleIds => new(RuleCatalog.All.Select(r => r.Id));

    /// <summary>Rules no test names yet, and why. The test fails once one is named, so the list cannot go stale.</summary>
    private static readonly Dictionary<string, string> s_untested = new()
    {
        ["GOV901"] = "WriteGovernanceReceipt logs it on a torn ledger tail; LedgerConcurrencyTests covers the recovery, not the warning",
    };

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void The_rule_has_its_descriptor_release_entry_doc_page_README_row_and_a_test(string id)
    {
        var rule = RuleCatalog.Get(id);
        Assert.Equal(RuleCatalog.HelpBaseUri + id + ".md", rule.HelpUri);
        Assert.Equal(RuleCatalog.Category, rule.Category);

        var analyzerRule = rule.Host.Split(", ").Contains("analyzer");
        var descriptor = DiagnosticDescriptors.All.SingleOrDefault(d => d.Id == id);
        var release = ReleaseEntries().SingleOrDefault(e => e.Id == id);
        if (analyzerRule)
        {
            Assert.NotNull(descriptor);
            Assert.Equal(
                (rule.Title, rule.MessageFormat, GovernanceAnalyzerTest.SeverityOf(rule.Severity), rule.Category, rule.HelpUri, true),
                (descriptor.Title.ToString(), descriptor.MessageFormat.ToString(), descriptor.DefaultSeverity, descriptor.Category, descriptor.HelpLinkUri, descriptor.IsEnabledByDefault));

            // Release tracking (RS2000-RS2008) as Microsoft.CodeAnalysis.Analyzers reads it, and the analyzer the entry
            // names does report the id.
            Assert.NotNull(release);
            Assert.Equal((rule.Category, rule.Severity.ToString()), (release.Category, release.Severity));
            var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(typeof(ModuleAnalyzer).Assembly.GetType("Governance.Analyzers." + release.Notes, throwOnError: true)!)!;
            Assert.Contains(analyzer.SupportedDiagnostics, d => ReferenceEquals(d, descriptor));
        }
        else
        {
            Assert.Null(descriptor);
            Assert.Null(release);
            Assert.Null(rule.MessageFormat);
        }

        var page = Path.Combine(Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), "missing " + page);
        var lines = File.ReadAllLines(page);
        Assert.Equal("# " + id + ": " + rule.Title, lines[0]);
        Assert.Matches(@"^\| Severity \| " + rule.Severity + @"( \(not configurable\))? \|$", lines.Single(l => l.StartsWith("| Severity |", StringComparison.Ordinal)));
        Assert.Equal("| Category | " + rule.Category + " |", lines.Single(l => l.StartsWith("| Category |", StringComparison.Ordinal)));

        var readme = File.ReadAllLines(Path.Combine(Root, "README.md"));
        Assert.Contains("| [" + id + "](docs/rules/" + id + ".md) | " + rule.Severity.ToString().ToLowerInvariant() + " | " + rule.Host + " | ",
            readme.Single(l => l.StartsWith("| [" + id + "]", StringComparison.Ordinal)));

        // A test of the rule's host or an end-to-end test names the id (not only this file).
        var named = TestFiles().Any(f => File.ReadAllText(f).Contains(id, StringComparison.Ordinal));
        Assert.True(named != s_untested.ContainsKey(id), named
            ? id + " is tested now: remove it from s_untested"
            : "no test under tests/ names " + id);
    }

    [Fact]
    public void Every_descriptor_and_release_entry_is_a_catalog_rule_of_the_analyzers()
    {
        Assert.Equal(
            RuleCatalog.All.Where(r => r.Host.Split(", ").Contains("analyzer")).Select(r => r.Id).Order(StringComparer.Ordinal),
            DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal),
            ReleaseEntries().Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    private sealed record ReleaseEntry(string Id, string Category, string Severity, string Notes);

    /// <summary>The rows of both release tracking files ("Rule ID | Category | Severity | Notes").</summary>
    private static List<ReleaseEntry> ReleaseEntries() =>
        new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(f => File.ReadAllLines(Path.Combine(Root, "src", "Governance.Analyzers", f)))
            .Select(l => Regex.Match(l, @"^(GOV\d{3}) *\| *(\S+) *\| *(\S+) *\| *(\S+)"))
            .Where(m => m.Success)
            .Select(m => new ReleaseEntry(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value))
            .ToList();

    private static IEnumerable<string> TestFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && Path.GetFileName(f) != nameof(RuleCatalogTests) + ".cs");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Governance.Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
