using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// No governance diagnostic without a location in a normal build: a host may drop a project's whole workspace report
/// over one (csharp-ls does), and a located finding opens the file the user fixes.
/// </summary>
public sealed class LocatedDiagnosticsTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void Every_governance_diagnostic_of_a_build_has_a_file_and_a_line()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        Assert.Equal(0, repo.Build("-p:GovernanceUpdateBaseline=true").ExitCode);
        repo.Delete(".governance/baseline/src/App/App.csproj.json"); // GOV002
        repo.Write("src/Lib/Text/StringHelpers.cs", "namespace Contoso.Lib.Text;\n\npublic static class StringHelpers\n{\n    public static string Shout(string s) => s.ToUpperInvariant();\n}\n"); // GOV100
        repo.Write("src/Lib/Greeter.cs", "namespace Contoso.Lib;\n\npublic sealed class Greeter\n{\n    public string Greet() => Contoso.Lib.Text.StringHelpers.Shout(\"hi\");\n}\n"); // GOV100 + GOV101

        // Audit: both projects compile; the compiler's SARIF log holds every analyzer diagnostic, info included.
        var build = repo.Build("-p:GovernanceMode=Audit -p:GovernanceCompilerLog=true");
        Assert.True(build.ExitCode == 0, build.Output);

        var results = new List<(string Project, string RuleId, JsonElement Result)>();
        foreach (var project in new[] { "App", "Lib" })
        {
            var sarif = Path.Combine(repo.Root, "src", project, "obj", "Debug", "net10.0", "governance", "compiler.sarif");
            using var log = JsonDocument.Parse(File.ReadAllText(sarif));
            foreach (var result in log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
            {
                var id = result.GetProperty("ruleId").GetString()!;
                if (id.StartsWith("GOV", StringComparison.Ordinal))
                {
                    results.Add((project, id, result.Clone()));
                }
            }
        }

        var seen = results.Select(r => r.Project + ":" + r.RuleId).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["App:GOV002", "App:GOV191", "Lib:GOV100", "Lib:GOV101", "Lib:GOV191"], seen);
        foreach (var (project, id, result) in results)
        {
            Assert.True(result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0, $"{project} {id} has no location: {result}");
            var physical = locations[0].GetProperty("physicalLocation");
            Assert.False(string.IsNullOrEmpty(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()), $"{project} {id}: {result}");
            Assert.True(physical.GetProperty("region").GetProperty("startLine").GetInt32() >= 1, $"{project} {id}: {result}");
        }

        // The console: every governance line starts with a file and a position.
        var lines = build.Output.Split('\n').Where(l => Regex.IsMatch(l, @"\b(warning|error) GOV\d{3}")).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(@"^\s*\S+\(\d+,\d+\): (warning|error) GOV\d{3}", l));
    }
}
