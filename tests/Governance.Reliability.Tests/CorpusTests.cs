using System.Text;
using Governance.Core.Baselines;
using Governance.Core.Files;
using Governance.Core.Plans;
using Xunit;

namespace Governance.Reliability.Tests;

/// <summary>
/// The bad-input corpus (Corpus/, listed in expectations.tsv): every file gives a located GOV001 with the expected
/// message, approves nothing, and is read by both range validators (the analyzer's and NuGet.Versioning's).
/// </summary>
public class CorpusTests
{
    private static string CorpusDir => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(CorpusDir, "expectations.tsv")).Where(l => l.Length > 0))
        {
            var parts = line.Split('\t');
            data.Add(parts[0], parts[1], parts[2]);
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_fifty_files_and_each_has_an_expectation()
    {
        var files = Directory.GetFiles(CorpusDir, "*.json").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        var listed = Cases().Select(c => (string)c[0]).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 50, files.Count + " corpus files");
        Assert.Equal(files, listed);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_corpus_file_gives_a_located_issue_and_approves_nothing(string file, string kind, string fragment)
    {
        var path = Path.Combine(CorpusDir, file);
        var content = GovernanceFileSource.Read(path, kind);
        Assert.Null(content.Rejection);
        var text = content.Text!;

        var issues = new List<GovernanceFileIssue>();
        if (kind == "plan")
        {
            foreach (var validator in new Func<string, string?>[] { PlanReader.DefaultRangeValidator, NuGetRange })
            {
                var result = PlanReader.Read(path, text, validator);
                Assert.Null(result.Plan);
                issues.AddRange(result.Issues);
            }

            Assert.Empty(PlanSet.Create(new[] { PlanReader.Read(path, text) }).Plans);
        }
        else
        {
            var result = BaselineSerializer.Read(path, text);
            Assert.Null(result.Baseline);
            issues.AddRange(result.Issues);
        }

        Assert.NotEmpty(issues);
        Assert.All(issues, issue =>
        {
            Assert.Equal("GOV001", issue.RuleId);
            Assert.Equal(path, issue.Path);
            Assert.InRange(issue.Offset, 0, text.Length);
            Assert.InRange(issue.Offset + issue.Length, issue.Offset, text.Length);
            Assert.DoesNotContain("could not be read (", issue.Message);
        });
        Assert.Contains(issues, issue => issue.Message.Contains(fragment, StringComparison.Ordinal));
    }

    private static string? NuGetRange(string range) =>
        NuGet.Versioning.VersionRange.TryParse(range, out _) ? null : "'" + range + "' is not a valid NuGet version range.";

    [Fact]
    [Trait(Reliability.Category, Reliability.Long)]
    public void A_50_MB_plan_is_rejected_by_its_size_without_being_loaded()
    {
        var dir = Directory.CreateTempSubdirectory("gov-big-").FullName;
        try
        {
            var path = Path.Combine(dir, "huge.json");
            using (var stream = File.Create(path))
            {
                var head = Encoding.UTF8.GetBytes("{ \"dispatchId\": \"d-1\", \"modules\": [");
                stream.Write(head);
                var entry = Encoding.UTF8.GetBytes("\"Contoso.Module.Name.Pattern\",");
                while (stream.Length < 50_000_000)
                {
                    stream.Write(entry);
                }

                stream.Write("\"Z\"] }"u8);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var content = GovernanceFileSource.Read(path, "plan");
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Null(content.Text);
            Assert.Contains("limited to 16777216 bytes (16 MiB)", content.Rejection!.Message);
            Assert.Equal(64, content.Sha256.Length);
            Assert.True(allocated < 4 * 1024 * 1024, "reading a rejected 50 MB plan allocated " + allocated + " bytes");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_plan_text_over_the_character_limit_is_one_issue_at_its_start_and_no_parse()
    {
        var text = "{ \"dispatchId\": \"d-1\", \"notes\": \"" + new string('x', GovernanceFileSource.MaxFileChars) + "\" }";
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = PlanReader.Read("/r/.governance/plans/big.json", text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var issue = Assert.Single(result.Issues);
        Assert.Null(result.Plan);
        Assert.Equal(0, issue.Offset);
        Assert.Contains("governance files are limited to 16777216", issue.Message);
        Assert.True(allocated < 64 * 1024, "rejecting an oversized text allocated " + allocated + " bytes");
    }

    [Fact]
    public void A_plan_with_100000_patterns_is_one_issue_at_the_list_and_no_approval()
    {
        var text = "{ \"dispatchId\": \"d-1\", \"modules\": [" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => "\"Contoso.M" + i + "\"")) + "] }";
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = PlanReader.Read("/r/.governance/plans/many.json", text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(result.Plan);
        var issue = Assert.Single(result.Issues);
        Assert.Contains("'modules' has 100000 entries; the limit is 50000", issue.Message);
        Assert.Equal(text.IndexOf('['), issue.Offset);
        // Bounded: a small multiple of the 2 MB text, not quadratic growth.
        Assert.True(allocated < 200L * 1024 * 1024, "reading 100,000 patterns allocated " + allocated + " bytes");
    }

    [Fact]
    public void Fifty_thousand_patterns_are_accepted_and_match_in_constant_lookups()
    {
        var text = "{ \"dispatchId\": \"d-1\", \"modules\": [" + string.Join(",", Enumerable.Range(0, GovernanceFileSource.MaxListEntries).Select(i => "\"Contoso.M" + i + ".**\"")) + "] }";
        var result = PlanReader.Read("/r/.governance/plans/many.json", text);
        Assert.Empty(result.Issues);
        Assert.True(result.Plan!.ModuleMatcher.IsMatch("Contoso.M49999.Deep.Type"));
        Assert.False(result.Plan.ModuleMatcher.IsMatch("Contoso.M50000.Type"));
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Deeply_nested_json_is_a_nesting_error_not_a_stack_overflow(char open, char close)
    {
        const int depth = 100_000;
        var inner = open == '[' ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        var text = "{ \"dispatchId\": \"d-1\", \"notes\": " + inner + " }";
        var result = PlanReader.Read("/r/.governance/plans/deep.json", text);
        Assert.Null(result.Plan);
        var issue = Assert.Single(result.Issues);
        Assert.Contains("nest", issue.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(issue.Offset, 0, text.Length);
        _ = close;
    }

    [Fact]
    public void A_plan_that_is_a_symbolic_link_is_rejected_before_it_is_read()
    {
        var dir = Directory.CreateTempSubdirectory("gov-link-").FullName;
        try
        {
            var outside = Path.Combine(dir, "outside.json");
            File.WriteAllText(outside, "{ \"dispatchId\": \"d-1\", \"approvedBy\": \"a@b.c\", \"approvedAt\": \"2026-11-20T10:00:00Z\", \"modules\": [\"**\"] }");
            var link = Path.Combine(dir, "plan.json");
            File.CreateSymbolicLink(link, outside);
            var dangling = Path.Combine(dir, "dangling.json");
            File.CreateSymbolicLink(dangling, Path.Combine(dir, "missing.json"));

            foreach (var path in new[] { link, dangling })
            {
                var content = GovernanceFileSource.Read(path, "plan");
                Assert.Null(content.Text);
                Assert.Contains("is a symbolic link", content.Rejection!.Message);
                Assert.Equal(path, content.Rejection.Path);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
