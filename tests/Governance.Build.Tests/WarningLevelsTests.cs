using System.Text.RegularExpressions;
using Governance.Core.Rules;
using Xunit;

namespace Governance.Build.Tests;

/// <summary>The package keeps its warnings out of TreatWarningsAsErrors by id (the targets cannot read the rule
/// catalog): the lists in the targets must be the catalog's warning and error rules, or a new warning would fail
/// builds under TreatWarningsAsErrors and a new error would not be kept a warning in Audit mode.</summary>
public sealed class WarningLevelsTests
{
    [Theory]
    [InlineData("_GovernanceWarningIds", RuleSeverity.Warning)]
    [InlineData("_GovernanceErrorIds", RuleSeverity.Error)]
    public void The_targets_list_every_rule_of_the_level(string property, RuleSeverity severity)
    {
        var targets = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Governance.Analyzers.Package", "build", "Governance.Analyzers.targets"));
        var listed = Regex.Match(targets, "<" + property + ">([^<]*)</" + property + ">").Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries);
        var expected = RuleCatalog.All.Where(r => r.Severity == severity).Select(r => r.Id);
        Assert.Equal(expected.Order(), listed.Order());
    }

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
