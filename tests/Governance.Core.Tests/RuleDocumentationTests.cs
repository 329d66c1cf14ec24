using Governance.Core.Rules;
using Xunit;

namespace Governance.Core.Tests;

public class RuleDocumentationTests
{
    [Fact]
    public void Every_rule_has_a_page_its_help_link_points_to_and_a_row_in_the_README()
    {
        var root = FindRepoRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        foreach (var rule in RuleCatalog.All)
        {
            var page = Path.Combine(root, "docs", "rules", rule.Id + ".md");
            Assert.True(File.Exists(page), "missing " + page);
            Assert.StartsWith("# " + rule.Id + ": ", File.ReadAllText(page));
            Assert.EndsWith("docs/rules/" + rule.Id + ".md", rule.HelpUri);
            Assert.Contains("[" + rule.Id + "](docs/rules/" + rule.Id + ".md)", readme);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
