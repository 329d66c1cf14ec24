using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Governance.Core.Findings;
using Governance.Core.Receipts;
using Xunit;

namespace Governance.Cli.Tests;

public class ReportCommandTests : CliTestBase
{
    private const string Hostile = "| <script>alert(1)</script> `x` **bold** [link](http://evil)\n| injected | row |";

    [Fact]
    public void Markdown_escapes_agent_written_text_so_it_cannot_inject_markup()
    {
        Append("src/A/A.csproj", Verdict.Hold, "abc123", new Finding("GOV100", Hostile, "/x/src/A/Evil.cs", 3, 5, "Evil"));
        var (code, output, _) = Cli("report", "--ledger", Ledger, "--commit", "abc123", "--format", "markdown");

        Assert.Equal(0, code);
        Assert.Contains("## Governance: ⛔ hold", output);
        Assert.DoesNotContain("<script>", output);
        Assert.Contains("&lt;script&gt;", output);
        Assert.Contains("\\| &lt;script&gt;alert(1)&lt;/script&gt; \\`x\\` \\*\\*bold\\*\\* \\[link\\](http://evil) \\| injected \\| row \\|", output);
        var findingRows = output.Split('\n').Where(l => l.StartsWith("| GOV100", StringComparison.Ordinal)).ToList();
        Assert.Single(findingRows);
    }

    [Fact]
    public void A_finding_every_target_framework_has_is_one_row_and_one_SARIF_result_naming_the_frameworks()
    {
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            var receipt = new Receipt { Project = "src/A/A.csproj", TargetFramework = framework, Commit = "abc123", Timestamp = DateTimeOffset.UtcNow, ToolVersion = "1.0.0", Verdict = Verdict.Hold, GovernanceRoot = Dir };
            receipt.Violations.Add(new Finding("GOV100", "Type 'Contoso.A.Helpers' is not approved", Path.Combine(Dir, "src/A/Helpers.cs"), 3, 14, "Contoso.A.Helpers"));
            if (framework == "net8.0")
            {
                receipt.Violations.Add(new Finding("GOV100", "Type 'Contoso.A.Polyfill' is not approved", Path.Combine(Dir, "src/A/Polyfill.cs"), 1, 1, "Contoso.A.Polyfill"));
            }

            ReceiptLedger.Append(Ledger, _ => receipt.ToJson());
        }

        var (code, output, _) = Cli("report", "--ledger", Ledger, "--commit", "abc123", "--format", "markdown");
        Assert.Equal(0, code);
        var rows = output.Split('\n').Where(l => l.StartsWith("| GOV100", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("src/A/Helpers.cs:3 (net8.0, net10.0)", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("src/A/Polyfill.cs:1 |", StringComparison.Ordinal));

        var sarif = Path.Combine(Dir, "report.sarif");
        Assert.Equal(0, Cli("report", "--ledger", Ledger, "--format", "sarif", "--output", sarif).Code);
        var results = JsonDocument.Parse(File.ReadAllText(sarif)).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        var helpers = results.Single(r => r.GetProperty("message").GetProperty("text").GetString()!.Contains("Helpers", StringComparison.Ordinal));
        Assert.Equal(["net8.0", "net10.0"], helpers.GetProperty("properties").GetProperty("targetFrameworks").EnumerateArray().Select(f => f.GetString()!));
    }

    [Fact]
    public void Markdown_stays_under_the_1_MiB_step_summary_limit_and_says_what_was_cut()
    {
        var big = new string('x', 2000);
        var findings = Enumerable.Range(0, 700).Select(i => new Finding("GOV100", big + i, "/x/F" + i + ".cs", i + 1, 1)).ToArray();
        Append("src/A/A.csproj", Verdict.Hold, "abc123", findings);
        var (_, output, _) = Cli("report", "--ledger", Ledger, "--format", "markdown");

        Assert.True(Encoding.UTF8.GetByteCount(output) <= 1024 * 1024, "size " + Encoding.UTF8.GetByteCount(output));
        Assert.Matches(@"_\d+ rows were cut to stay under the 1 MiB job-summary limit; see the SARIF report for all of them\._", output);
    }

    [Fact]
    public void Sarif_passes_the_SARIF_Multitool_validator()
    {
        Append("src/A/A.csproj", Verdict.Hold, "abc123", new Finding("GOV100", Hostile, Path.Combine(Dir, "src/A/Evil.cs"), 3, 5, "Evil"), new Finding("GOV204", "new transitive", subject: "X"));
        var sarif = Path.Combine(Dir, "governance.sarif");
        Assert.Equal(0, Cli("report", "--ledger", Ledger, "--format", "sarif", "--output", sarif).Code);

        var document = JsonDocument.Parse(File.ReadAllText(sarif)).RootElement;
        Assert.Equal("2.1.0", document.GetProperty("version").GetString());
        var result = document.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("src/A/Evil.cs", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(64, result.GetProperty("partialFingerprints").GetProperty("governance/v1").GetString()!.Length);

        var (exit, log) = Multitool.Validate(sarif);
        Assert.True(exit == 0, log);
        Assert.DoesNotMatch(@"(?m)\): error ", log);
        Assert.Contains("Analysis completed successfully", log);
    }

    [Fact]
    public void Intoto_statement_has_the_v1_layout()
    {
        Append("src/A/A.csproj");
        Append("src/B/B.csproj");
        var (code, output, _) = Cli("report", "--ledger", Ledger, "--commit", "abc123", "--format", "intoto");
        Assert.Equal(0, code);

        var statement = JsonDocument.Parse(output).RootElement;
        Assert.Equal("https://in-toto.io/Statement/v1", statement.GetProperty("_type").GetString());
        Assert.Equal("https://governance-analyzers.dev/receipt/v1", statement.GetProperty("predicateType").GetString());
        var subjects = statement.GetProperty("subject").EnumerateArray().ToList();
        Assert.Equal("abc123", subjects[0].GetProperty("digest").GetProperty("gitCommit").GetString());
        Assert.Equal(new string('a', 64), subjects[1].GetProperty("digest").GetProperty("sha256").GetString());
        Assert.All(subjects, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("name").GetString())));
        Assert.Equal(2, statement.GetProperty("predicate").GetProperty("receipts").GetArrayLength());
        Assert.True(statement.GetProperty("predicate").GetProperty("ledgerIntact").GetBoolean());
    }
}

/// <summary>The SARIF Multitool from npm (@microsoft/sarif-multitool), installed once under artifacts/tools.</summary>
internal static class Multitool
{
    private static readonly object s_lock = new();

    public static (int Exit, string Log) Validate(string sarif)
    {
        var tool = Install();
        return Run(tool, "validate \"" + sarif + "\"", TimeSpan.FromMinutes(2));
    }

    private static string Install()
    {
        lock (s_lock)
        {
            var root = RepoRoot();
            var prefix = Path.Combine(root, "artifacts", "tools");
            var binary = Path.Combine(prefix, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
            if (!File.Exists(binary))
            {
                Directory.CreateDirectory(prefix);
                var (exit, log) = Run("npm", "install --no-audit --no-fund --prefix \"" + prefix + "\" @microsoft/sarif-multitool@5.7.0", TimeSpan.FromMinutes(5));
                Assert.True(exit == 0 && File.Exists(binary), "npm install @microsoft/sarif-multitool failed: " + log);
            }

            // npm 11 does not run the package's postinstall (chmod u+x) unless approved.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute);
            }
            return binary;
        }
    }

    private static (int, string) Run(string file, string arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit((int)timeout.TotalMilliseconds), file + " timed out");
        return (process.ExitCode, output.Result + error.Result);
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

        throw new InvalidOperationException("repository root not found");
    }
}
