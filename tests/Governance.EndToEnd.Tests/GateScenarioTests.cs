using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Tests.Shared;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>The "Done when" scenario of the v1 issue, in a temporary repository with two projects (App references
/// Lib), set up only through the README's instructions.</summary>
public sealed class GateScenarioTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private const string ApprovedPlan = """
        {
          "dispatchId": "d-3001",
          "task": "Add text helpers with JSON support",
          "agent": "e2e",
          "approvedBy": "alice@example.com",
          "approvedAt": "2026-11-20T10:00:00Z",
          "expiresAt": "2099-01-01T00:00:00Z",
          "projects": ["src/App/App.csproj"],
          "modules": ["Contoso.App.Text.**"],
          "packages": [{ "id": "Newtonsoft.Json", "version": "[13.0.0,14.0.0)" }]
        }
        """;

    private const string AppWithPackage = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="../Lib/Lib.csproj" />
            <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void Baseline_then_approve_then_agent_change_holds_until_an_approved_plan_covers_it()
    {
        using var repo = new TempRepo(package).WithAppAndLib();

        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);
        Assert.True(File.Exists(Path.Combine(repo.Root, ".governance/baseline/src/App/App.csproj.json")));
        Assert.True(File.Exists(Path.Combine(repo.Root, ".governance/baseline/src/Lib/Lib.csproj.json")));
        // No lock file among the committed governance files (the ledger's folder, which git ignores, has the ledger's).
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(repo.Root, ".governance"), "*.lock", SearchOption.AllDirectories),
            f => !f.StartsWith(Path.GetDirectoryName(repo.LedgerPath)!, StringComparison.Ordinal));

        // A plain build of the unchanged repository: approve, zero findings.
        var count = repo.Receipts().Count;
        var plain = repo.Build();
        Assert.True(plain.ExitCode == 0, plain.Output);
        Assert.DoesNotContain("GOV", Diagnostics(plain.Output, repo.Root));
        var receipts = repo.ReceiptsSince(count);
        Assert.Equal(new[] { "src/App/App.csproj", "src/Lib/Lib.csproj" }, receipts.Keys.Order());
        Assert.All(receipts.Values, r => Assert.Equal("approve", r.GetProperty("verdict").GetString()));

        // A no-op build (the compiler does not run) judges the facts kept from the last compile: approve again.
        count = repo.Receipts().Count;
        var noop = repo.Build();
        Assert.True(noop.ExitCode == 0, noop.Output);
        receipts = repo.ReceiptsSince(count);
        Assert.All(receipts.Values, r =>
        {
            Assert.Equal("approve", r.GetProperty("verdict").GetString());
            Assert.Contains(r.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("check").GetString() == "modules" && e.GetProperty("result").GetString() == "pass");
        });

        // The agent adds a type in a new namespace and an unapproved package.
        repo.Write("src/App/Text/Slug.cs", "namespace Contoso.App.Text;\n\npublic static class Slug\n{\n    public static string Of(string s) => Newtonsoft.Json.JsonConvert.SerializeObject(s);\n}\n");
        repo.Write("src/App/App.csproj", AppWithPackage);
        count = repo.Receipts().Count;
        var hold = repo.Build();
        Assert.NotEqual(0, hold.ExitCode);
        var diagnostics = Diagnostics(hold.Output, repo.Root);
        Assert.Contains("src/App/Text/Slug.cs(3,21): error GOV100: Type 'Contoso.App.Text.Slug' is not in the baseline", diagnostics);
        Assert.Contains("src/App/App.csproj(7,5): error GOV200: Package 'Newtonsoft.Json' 13.0.3 is not approved", diagnostics);
        Snapshot.Verify(diagnostics, "hold-diagnostics");
        receipts = repo.ReceiptsSince(count);
        Assert.Equal("hold", receipts["src/App/App.csproj"].GetProperty("verdict").GetString());
        // The receipt records what decides the verdict; the package-use sites (GOV110) are the compiler's output.
        Assert.Equal(new[] { "GOV100", "GOV200" }, Violations(receipts["src/App/App.csproj"]).Order());
        var gov100 = receipts["src/App/App.csproj"].GetProperty("violations").EnumerateArray().Single(v => v.GetProperty("id").GetString() == "GOV100");
        Assert.Equal("src/App/Text/Slug.cs", gov100.GetProperty("file").GetString());
        Assert.Equal(3, gov100.GetProperty("line").GetInt32());

        // With the compiler's SARIF log asked for (the CI gate's choice), the receipt records GOV110 as well.
        count = repo.Receipts().Count;
        var withLog = repo.Build("-p:GovernanceCompilerLog=true");
        Assert.NotEqual(0, withLog.ExitCode);
        // (GOV110 once per use site.)
        Assert.Equal(new[] { "GOV100", "GOV110", "GOV200" }, Violations(repo.ReceiptsSince(count)["src/App/App.csproj"]).Distinct().Order());

        // A second build of the failing repository still fails: findings are not lost on incremental builds.
        var again = repo.Build();
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("error GOV200", again.Output);

        // An approved plan covering both: approve, with the plan's dispatchId in the receipt.
        repo.Write(".governance/plans/d-3001.json", ApprovedPlan);
        count = repo.Receipts().Count;
        var approved = repo.Build();
        Assert.True(approved.ExitCode == 0, approved.Output);
        receipts = repo.ReceiptsSince(count);
        Assert.Equal("approve", receipts["src/App/App.csproj"].GetProperty("verdict").GetString());
        Assert.Equal(new[] { "d-3001" }, receipts["src/App/App.csproj"].GetProperty("dispatchIds").EnumerateArray().Select(e => e.GetString()));

        // The same plan, expired: fails again, and the message says which plan and why.
        count = repo.Receipts().Count;
        var expired = repo.Build("-p:GovernanceNow=2099-06-01T00:00:00Z");
        Assert.NotEqual(0, expired.ExitCode);
        Assert.Contains("plan 'd-3001' would cover it (\"Contoso.App.Text.**\") but expired at 2099-01-01T00:00:00.000Z", expired.Output);
        Assert.Contains("warning GOV003", expired.Output);
        Assert.Equal("hold", repo.ReceiptsSince(count)["src/App/App.csproj"].GetProperty("verdict").GetString());

        // Without approvedBy it is a proposal: fails again.
        repo.Write(".governance/plans/d-3001.json", ApprovedPlan.Replace("\"approvedBy\": \"alice@example.com\",", string.Empty));
        var proposal = repo.Build();
        Assert.NotEqual(0, proposal.ExitCode);
        Assert.Contains("is a proposal: it has no 'approvedBy'", proposal.Output);

        var verification = repo.VerifyLedger();
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
    }

    [Fact]
    public void Parallel_build_of_20_projects_appends_exactly_20_intact_chained_lines_per_build()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        var libs = Enumerable.Range(0, 18).Select(i => $"src/Lib{i}/Lib{i}.csproj").ToList();
        for (var i = 0; i < libs.Count; i++)
        {
            // A chain of references, so that -m builds have real ordering constraints, not 20 independent projects.
            var reference = i == 0 ? "../Lib/Lib.csproj" : $"../Lib{i - 1}/Lib{i - 1}.csproj";
            repo.Write(libs[i], $"<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup><ProjectReference Include=\"{reference}\" /></ItemGroup></Project>");
            repo.Write($"src/Lib{i}/C.cs", $"namespace Contoso.Lib{i}; public class C {{ }}");
        }

        repo.Dotnet("sln Repo.sln add " + string.Join(" ", libs));
        var expected = libs.Append("src/App/App.csproj").Append("src/Lib/Lib.csproj").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(20, expected.Count);

        // Two builds with all nodes: the baseline build and a plain one; each appends one line per project.
        foreach (var arguments in new[] { "-m -p:GovernanceUpdateBaseline=true", "-m --no-incremental" })
        {
            var count = repo.Receipts().Count;
            var build = repo.Build(arguments);
            Assert.True(build.ExitCode == 0, build.Output);

            Assert.EndsWith("\n", File.ReadAllText(repo.LedgerPath));
            var appended = repo.Receipts().Skip(count).ToList();
            Assert.Equal(expected, appended.Select(r => r.GetProperty("project").GetString()!).Order(StringComparer.Ordinal));
            // A baseline update records without checking: hold (it does not fail the build); the plain build approves.
            var verdict = arguments.Contains("GovernanceUpdateBaseline", StringComparison.Ordinal) ? "hold" : "approve";
            Assert.All(appended, r => Assert.Equal(verdict, r.GetProperty("verdict").GetString()));
            var verification = repo.VerifyLedger();
            Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
            Assert.Equal(count + 20, verification.Records.Count);
        }

        var baselines = Directory.GetFiles(Path.Combine(repo.Root, ".governance", "baseline"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(repo.Root, ".governance", "baseline"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected.Select(p => p + ".json").Order(StringComparer.Ordinal), baselines);
    }

    internal static string Diagnostics(string output, string root) =>
        string.Join("\n", output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => Regex.IsMatch(l, @": (error|warning) GOV\d{3}:"))
            .Select(l => Regex.Replace(l.Replace(root + "/", string.Empty), @" \[[^\]]*\]$", string.Empty))
            .Distinct()
            .Order(StringComparer.Ordinal));

    internal static IEnumerable<string> Violations(JsonElement receipt) =>
        receipt.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("id").GetString()!);
}
