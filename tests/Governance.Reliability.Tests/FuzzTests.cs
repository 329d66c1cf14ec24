using System.Text;
using Governance.Core.Baselines;
using Governance.Core.Modules;
using Governance.Core.Plans;
using Governance.Core.Versioning;
using Xunit;

namespace Governance.Reliability.Tests;

/// <summary>
/// Seeded random inputs (reproducible: the seed is in the failure message). The readers catch their own exceptions
/// and turn them into a "could not be read (...)" issue so that the compiler never sees one; a fuzz input that
/// reaches that catch is therefore a reader defect, and is what these tests look for, along with issues located
/// outside the text and anything approved by a text that has issues.
/// </summary>
public class FuzzTests
{
    private static int Iterations(int full, int quick) => Reliability.Full ? full : quick;

    private const string ValidPlan = """
        {
          "$schema": "https://example.com/plan.schema.json",
          "dispatchId": "d-2471",
          "task": "Add a retry policy to the payment client",
          "agent": "any text",
          "approvedBy": "alice@example.com",
          "approvedAt": "2026-11-20T10:00:00Z",
          "expiresAt": "2026-12-20T00:00:00Z",
          "projects": ["src/Payments/Payments.csproj"],
          "modules": ["Contoso.Payments.Retry.**", "Contoso.Payments.RetryOptions", "Contoso.*"],
          "packages": [{ "id": "Polly.Core", "version": "[8.4.0,9.0.0)" }, { "id": "Serilog", "version": "3.1.1" }],
          "projectReferences": ["src/Resilience/Resilience.csproj"],
          "assemblyReferences": ["Legacy.Interop"],
          "suppressions": [{ "id": "GOV101", "target": "Contoso.Payments.Retry", "reason": "migration" }]
        }
        """;

    private static readonly string[] Tokens =
    {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\uD800", "null", "true", "false", "-0", "1e999", "0.5", "\u0000", "\uFEFF", "\uD800",
        "\"dispatchId\"", "\"modules\"", "\"packages\"", "\"projects\"", "\"approvedBy\"", "\"approvedAt\"", "\"expiresAt\"", "\"signature\"",
        "\"projectReferences\"", "\"suppressions\"", "\"id\"", "\"version\"", "\"**\"", "\"A.**\"", "\"A.*\"", "\"..\"", "\"../x\"", "\"/etc\"",
        "\"C:\\\\x\"", "\"[1.0,2.0)\"", "\"(,1.0]\"", "\"1.*\"", "\"2026-11-20T10:00:00Z\"", "\"2026-02-30T00:00:00+14:00\"", " ", "\n", "\r\n", "\t",
    };

    [Fact]
    public void Plan_reader_survives_mutations_of_a_valid_plan()
    {
        var seed = 20261125;
        var random = new Random(seed);
        var count = Iterations(200_000, 60_000);
        for (var i = 0; i < count; i++)
        {
            var text = Mutate(ValidPlan, random);
            CheckPlan(text, "mutation " + i + " of seed " + seed);
        }
    }

    [Fact]
    public void Plan_reader_survives_random_token_soup()
    {
        var seed = 6;
        var random = new Random(seed);
        var count = Iterations(100_000, 30_000);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Clear();
            if (random.Next(2) == 0)
            {
                builder.Append('{');
            }

            for (var t = random.Next(1, 40); t > 0; t--)
            {
                builder.Append(Tokens[random.Next(Tokens.Length)]);
            }

            CheckPlan(builder.ToString(), "soup " + i + " of seed " + seed);
        }
    }

    [Fact]
    public void Baseline_reader_survives_mutations_of_a_valid_baseline()
    {
        var valid = AnalyzerHarnessJson();
        Assert.NotNull(BaselineSerializer.Read("/r/b.json", valid).Baseline);
        var seed = 11;
        var random = new Random(seed);
        var count = Iterations(100_000, 20_000);
        for (var i = 0; i < count; i++)
        {
            var text = Mutate(valid, random);
            var result = BaselineSerializer.Read("/r/b.json", text);
            Assert.True(result.Issues.Count == 0 || result.Baseline is null, "a baseline with issues was accepted: " + text);
            foreach (var issue in result.Issues)
            {
                Assert.False(issue.Message.Contains("could not be read (", StringComparison.Ordinal), "reader defect on mutation " + i + " of seed " + seed + ": " + issue.Message + "\n" + text);
                Assert.InRange(issue.Offset, 0, text.Length);
                Assert.InRange(issue.Offset + issue.Length, 0, text.Length);
            }
        }
    }

    [Fact]
    public void Pattern_compiler_survives_random_patterns_and_agrees_with_a_reference_matcher()
    {
        var seed = 3;
        var random = new Random(seed);
        var alphabet = new[] { "A", "b", "_x", "Ü", "1", ".", "*", "**", "..", " ", "@", "global::", "<", "`1", "\u0000", "\uD800" };
        var names = new[] { "A", "A.b", "A.b._x", "A.b.Ü.A", "_x", "Ü.A", "A.A.A.A.A" };
        var count = Iterations(200_000, 60_000);
        var accepted = 0;
        for (var i = 0; i < count; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            var pattern = ModulePattern.TryParse(text, out var error);
            Assert.True(pattern is null == error is not null, "pattern '" + text + "': parse result and error disagree");
            if (pattern is null)
            {
                continue;
            }

            accepted++;
            var matcher = new ModuleMatcher(new[] { pattern });
            foreach (var name in names)
            {
                Assert.True(ReferenceMatch(text, name) == matcher.IsMatch(name), "pattern '" + text + "' vs '" + name + "' (seed " + seed + ", input " + i + ")");
            }
        }

        Assert.True(accepted > 100, "too few valid patterns were generated (" + accepted + ") to compare matchers");
    }

    /// <summary>The pattern semantics of issue 2, written the obvious slow way.</summary>
    private static bool ReferenceMatch(string pattern, string name)
    {
        // The documented extension: "**" alone is every module, "*" every module in the global namespace.
        if (pattern == "**")
        {
            return name.Length > 0;
        }

        if (pattern == "*")
        {
            return name.Length > 0 && !name.Contains('.');
        }

        if (pattern.EndsWith(".**", StringComparison.Ordinal))
        {
            // "A.B.**" is A.B itself and everything below it.
            var prefix = pattern[..^3];
            return name == prefix || (name.StartsWith(prefix + ".", StringComparison.Ordinal) && name.Length > prefix.Length + 1);
        }

        if (pattern.EndsWith(".*", StringComparison.Ordinal))
        {
            var prefix = pattern[..^2];
            return name.StartsWith(prefix + ".", StringComparison.Ordinal) && !name[(prefix.Length + 1)..].Contains('.') && name.Length > prefix.Length + 1;
        }

        return pattern == name;
    }

    [Fact]
    public void Analyzer_range_syntax_agrees_with_NuGet_Versioning_except_for_stray_whitespace_and_empty_ranges()
    {
        var seed = 9;
        var random = new Random(seed);
        var parts = new[] { "1", "0", "2.0", "1.2.3", "1.2.3.4", "1.2.3.4.5", "01", "1.0.0-beta", "1.0.0-beta.1", "1.0.0+meta", "-", "*", "1.*", "1.0.*", "*-*",
            "1.0.0-*", "[", "]", "(", ")", ",", " ", "", "a", "v1", "1..0", ".1", "1.", "-1", "99999999999", "1.0-", "1.0.0-01", "1.0.0-a..b", "*.1" };
        var count = Iterations(200_000, 50_000);
        var disagreements = new List<string>();
        for (var i = 0; i < count && disagreements.Count < 20; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 7)).Select(_ => parts[random.Next(parts.Length)]));
            var ours = VersionRangeSyntax.IsValid(text, out _);
            var nuget = NuGet.Versioning.VersionRange.TryParse(text, allowFloating: true, out _);
            // Documented difference: the analyzer does not accept whitespace inside a range that NuGet would
            // tolerate ("1. 2.0", "[ ]"); that is a located GOV001 asking for the plain form, never an approval. And
            // NuGet parses "(1.0,1.0)", which no version satisfies; Core rejects it with the other empty ranges.
            if (ours != nuget && !(nuget && !ours && (text.Trim().Contains(' ') || VersionRangeSyntax.EmptyRangeError(text) is not null)))
            {
                disagreements.Add("'" + text + "': ours " + ours + ", NuGet " + nuget);
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Distinct()));
    }

    private static void CheckPlan(string text, string where)
    {
        var result = PlanReader.Read("/r/.governance/plans/fuzz.json", text);
        Assert.True(result.Issues.Count == 0 || result.Plan is null, "a plan with issues was accepted (" + where + "): " + text);
        foreach (var issue in result.Issues)
        {
            Assert.False(issue.Message.Contains("could not be read (", StringComparison.Ordinal), "reader defect (" + where + "): " + issue.Message + "\n" + text);
            Assert.InRange(issue.Offset, 0, text.Length);
            Assert.InRange(issue.Offset + issue.Length, 0, text.Length);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var chars = new StringBuilder(text);
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var at = random.Next(chars.Length + 1);
            switch (random.Next(6))
            {
                case 0 when chars.Length > 0 && at < chars.Length:
                    chars.Remove(at, Math.Min(chars.Length - at, random.Next(1, 12)));
                    break;
                case 1:
                    chars.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2 when at < chars.Length:
                    chars[at] = (char)random.Next(0, 0x80);
                    break;
                case 3:
                    chars.Length = Math.Min(chars.Length, at);
                    break;
                case 4 when at < chars.Length:
                    chars[at] = (char)random.Next(0, 0x10000);
                    break;
                default:
                    var from = random.Next(text.Length);
                    chars.Insert(at, text.AsSpan(from, Math.Min(text.Length - from, random.Next(1, 30))));
                    break;
            }
        }

        return chars.ToString();
    }

    private static string AnalyzerHarnessJson() =>
        """
        {
          "schemaVersion": 1,
          "project": "src/Payments/Payments.csproj",
          "targets": {
            "net10.0": {
              "moduleGranularity": "Type",
              "modules": ["Contoso.A.One", "Contoso.A.Two"],
              "packages": [{ "id": "Polly.Core", "version": "8.4.0" }],
              "transitivePackages": [{ "id": "Microsoft.Bcl.TimeProvider", "version": "8.0.0" }],
              "projectReferences": ["src/Resilience/Resilience.csproj"],
              "assemblyReferences": ["Legacy.Interop"]
            }
          }
        }
        """;
}
