using Xunit;

using Governance.Core.Findings;

namespace Governance.Core.Tests.Findings;

public sealed class CompilerLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gov-compilerlog-").FullName;

    private string LogPath => Path.Combine(_dir, "compiler.sarif");

    private string SummaryPath => Path.Combine(_dir, "governance", "compiler-log.summary.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The shape the compiler writes with ErrorLog=path,version=2.1: a finding, a suppressed finding, the
    /// heartbeat, another analyzer's result, a severity override, and rule metadata.</summary>
    private static string Sarif(string module = "Contoso.Retry.Policy") => $$"""
        {
          "$schema": "http://json.schemastore.org/sarif-2.1.0",
          "version": "2.1.0",
          "runs": [
            {
              "results": [
                {
                  "ruleId": "GOV100",
                  "level": "error",
                  "message": { "text": "Type '{{module}}' is not in the baseline" },
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/Payments/Retry.cs" }, "region": { "startLine": 3, "startColumn": 18 } } } ],
                  "properties": { "customProperties": { "Module": "{{module}}" } }
                },
                {
                  "ruleId": "GOV100",
                  "level": "error",
                  "message": { "text": "Type 'Contoso.Hidden' is not in the baseline" },
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/Payments/Hidden.cs" }, "region": { "startLine": 1, "startColumn": 7 } } } ],
                  "suppressions": [ { "kind": "inSource", "properties": { "suppressionType": "Pragma Directive" } } ]
                },
                { "ruleId": "GOV191", "level": "note", "message": { "text": "Governance analyzers checked 2 module(s) of 'src/Payments/Payments.csproj'" } },
                { "ruleId": "CA1822", "level": "note", "message": { "text": "Member 'X' does not access instance data" } }
              ],
              "invocations": [ { "executionSuccessful": true, "ruleConfigurationOverrides": [ { "descriptor": { "id": "GOV101" }, "configuration": { "level": "none" } } ] } ],
              "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler", "rules": [ { "id": "CA1822", "shortDescription": { "text": "Mark members as static" } } ] } }
            }
          ]
        }
        """;

    private static string Describe(CompilerLog log) =>
        string.Join("\n", log.Results.Select(r => string.Join("|", r.RuleId, r.Level, r.Message, r.File, r.Line, r.Column, r.Suppression, r.Module)))
        + "\n" + string.Join(",", log.ConfiguredLevels.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value));

    [Fact]
    public void A_build_that_did_not_recompile_gets_exactly_the_results_of_the_log()
    {
        File.WriteAllText(LogPath, Sarif());
        var parsed = CompilerLog.Read(LogPath);

        var first = CompilerLog.ReadWithSummary(LogPath, SummaryPath);
        Assert.True(File.Exists(SummaryPath));
        var replayed = CompilerLog.ReadWithSummary(LogPath, SummaryPath);

        Assert.Equal(Describe(parsed), Describe(first));
        Assert.Equal(Describe(parsed), Describe(replayed));
        Assert.Equal(3, replayed.Results.Count); // the GOV results only, suppression and module kept
        Assert.Equal("Pragma Directive", replayed.Results[1].Suppression);
        Assert.Equal("none", replayed.ConfiguredLevels["GOV101"]);
    }

    [Fact]
    public void A_summary_is_replayed_only_for_the_bytes_it_was_made_from()
    {
        File.WriteAllText(LogPath, Sarif());
        CompilerLog.ReadWithSummary(LogPath, SummaryPath);

        // The compiler ran again and wrote a different log, with the same length: the summary must not stand in.
        File.WriteAllText(LogPath, Sarif("Contoso.Retry.Polic2"));
        var log = CompilerLog.ReadWithSummary(LogPath, SummaryPath);

        Assert.Equal("Contoso.Retry.Polic2", log.Results[0].Module);
        Assert.Equal(Describe(CompilerLog.Read(LogPath)), Describe(CompilerLog.ReadWithSummary(LogPath, SummaryPath)));
    }

    [Fact]
    public void A_summary_made_from_the_same_bytes_is_what_a_no_op_build_replays()
    {
        File.WriteAllText(LogPath, Sarif());
        CompilerLog.ReadWithSummary(LogPath, SummaryPath);
        var summary = File.ReadAllText(SummaryPath);
        Assert.Contains("\"logSha256\"", summary);

        // Proof that the log is not parsed again: an edit of the summary (same hash) shows through.
        File.WriteAllText(SummaryPath, summary.Replace("Contoso.Retry.Policy", "Contoso.FromSummary"));
        Assert.Equal("Contoso.FromSummary", CompilerLog.ReadWithSummary(LogPath, SummaryPath).Results[0].Module);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("{ \"logSha256\": \"00\", \"results\": [], \"configuredLevels\": {} }")]
    [InlineData("[1, 2, 3]")]
    public void A_damaged_or_foreign_summary_is_rebuilt_from_the_log(string summary)
    {
        File.WriteAllText(LogPath, Sarif());
        Directory.CreateDirectory(Path.GetDirectoryName(SummaryPath)!);
        File.WriteAllText(SummaryPath, summary);

        Assert.Equal(Describe(CompilerLog.Read(LogPath)), Describe(CompilerLog.ReadWithSummary(LogPath, SummaryPath)));
        Assert.Equal(Describe(CompilerLog.Read(LogPath)), Describe(CompilerLog.ReadWithSummary(LogPath, SummaryPath)));
        Assert.Contains("\"logSha256\"", File.ReadAllText(SummaryPath));
    }

    [Fact]
    public void An_unreadable_log_is_still_an_error_whatever_summary_an_earlier_build_left()
    {
        File.WriteAllText(LogPath, Sarif());
        CompilerLog.ReadWithSummary(LogPath, SummaryPath);

        File.WriteAllText(LogPath, Sarif()[..200]); // a torn log
        var error = Assert.Throws<InvalidDataException>(() => CompilerLog.ReadWithSummary(LogPath, SummaryPath));
        Assert.Contains(LogPath, error.Message);
    }

    [Fact]
    public void A_summary_that_cannot_be_written_costs_time_not_the_result()
    {
        File.WriteAllText(LogPath, Sarif());
        var blocked = Path.Combine(_dir, "file-not-folder");
        File.WriteAllText(blocked, "x");

        var log = CompilerLog.ReadWithSummary(LogPath, Path.Combine(blocked, "compiler-log.summary.json"));
        Assert.Equal(Describe(CompilerLog.Read(LogPath)), Describe(log));
    }
}
