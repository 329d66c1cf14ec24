using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// The receipt agrees with the build whatever the repository's warning settings do: a build a governance diagnostic
/// failed records hold, governance warnings stay warnings under TreatWarningsAsErrors (a warning never stops a project
/// from compiling), and a project stopped by a failed reference says so once, without an error of its own.
/// </summary>
public sealed class ReceiptTruthTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static string Props(string properties) => $"""
        <Project>
          <PropertyGroup>
        {properties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Governance.Analyzers" Version="1.0.0" PrivateAssets="all" />
          </ItemGroup>
        </Project>
        """;

    private const string ExpiredPlan = """
        {
          "dispatchId": "d-expired",
          "task": "Text helpers",
          "agent": "e2e",
          "approvedBy": "alice@example.com",
          "approvedAt": "2019-11-20T10:00:00Z",
          "expiresAt": "2020-01-01T00:00:00Z",
          "projects": ["src/App/App.csproj"],
          "modules": ["Contoso.App.Text.**"]
        }
        """;

    private static string Verdict(JsonElement receipt) => receipt.GetProperty("verdict").GetString()!;

    private static IEnumerable<string> GovernanceDiagnostics(string output, string level) =>
        Regex.Matches(output, @"(?:warning|error) GOV\d{3}").Select(m => m.Value).Where(m => m.StartsWith(level, StringComparison.Ordinal)).Distinct();

    [Fact]
    public void Under_TreatWarningsAsErrors_governance_warnings_stay_warnings_and_an_expired_plan_does_not_hide_the_GOV100()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        repo.Write("Directory.Build.props", Props("    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>"));
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        // An expired plan is a warning: every project still compiles and the build passes, with no tamper finding for
        // the package's own WarningsNotAsErrors.
        repo.Write(".governance/plans/d-expired.json", ExpiredPlan);
        var count = repo.Receipts().Count;
        var expired = repo.Build();
        Assert.True(expired.ExitCode == 0, expired.Output);
        Assert.Contains("warning GOV003", expired.Output);
        Assert.Empty(GovernanceDiagnostics(expired.Output, "error"));
        var receipts = repo.ReceiptsSince(count);
        Assert.Equal(2, receipts.Count);
        Assert.All(receipts.Values, r => Assert.NotEqual("hold", Verdict(r)));
        Assert.DoesNotContain("GOV301", string.Join("\n", receipts.Values.Select(r => r.GetRawText())));

        // The agent's change under the expired plan: the GOV100 shows, the project holds, the untouched one compiles.
        repo.Write("src/App/Text/TextHelpers.cs", "namespace Contoso.App.Text;\n\npublic static class TextHelpers\n{\n    public static string Trim(string s) => s.Trim();\n}\n");
        count = repo.Receipts().Count;
        var change = repo.Build();
        Assert.NotEqual(0, change.ExitCode);
        Assert.Matches(@"src/App/Text/TextHelpers\.cs\(3,\d+\): error GOV100", change.Output.Replace('\\', '/'));
        Assert.Equal(new[] { "error GOV100" }, GovernanceDiagnostics(change.Output, "error"));
        receipts = repo.ReceiptsSince(count);
        Assert.Equal("hold", Verdict(receipts["src/App/App.csproj"]));
        Assert.NotEqual("hold", Verdict(receipts["src/Lib/Lib.csproj"]));
        Assert.True(File.Exists(Path.Combine(repo.Root, "src/Lib/bin/Debug/net10.0/Lib.dll")), "the untouched project compiled");
    }

    [Fact]
    public void A_governance_warning_the_repository_raises_to_an_error_fails_the_build_and_the_receipt_holds()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        repo.Write("Directory.Build.props", Props("    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n    <WarningsAsErrors>$(WarningsAsErrors);GOV110</WarningsAsErrors>"));
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        // Lib gets a package an approved plan allows for Lib; App starts using it, which no plan allows for App.
        repo.Write(".governance/plans/d-json.json", """
            {
              "dispatchId": "d-json",
              "task": "JSON in Lib",
              "agent": "e2e",
              "approvedBy": "alice@example.com",
              "approvedAt": "2026-11-20T10:00:00Z",
              "expiresAt": "2099-01-01T00:00:00Z",
              "projects": ["src/Lib/Lib.csproj"],
              "packages": [{ "id": "Newtonsoft.Json", "version": "[13.0.0,14.0.0)" }]
            }
            """);
        repo.Write("src/Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json" Version="13.0.4" />
              </ItemGroup>
            </Project>
            """);
        repo.Write("src/App/Service.cs", "namespace Contoso.App;\n\npublic sealed class Service\n{\n    public static string Write(object o) => Newtonsoft.Json.JsonConvert.SerializeObject(o);\n}\n");
        var count = repo.Receipts().Count;
        var build = repo.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(@"src/App/Service\.cs\(5,\d+\): error GOV110", build.Output.Replace('\\', '/'));
        var receipts = repo.ReceiptsSince(count);
        var app = receipts["src/App/App.csproj"];
        Assert.Equal("hold", Verdict(app));
        Assert.DoesNotContain(app.GetProperty("violations").EnumerateArray(), v => v.GetProperty("severity").GetString() == "error");
        Assert.Contains(app.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("check").GetString() == "usage" && e.GetProperty("result").GetString() == "not_run");
        Assert.DoesNotContain("error GOV900", build.Output);
        Assert.Equal("approve", Verdict(receipts["src/Lib/Lib.csproj"]));
    }

    [Fact]
    public void A_project_stopped_by_a_failed_reference_says_so_once_and_holds_without_an_error_of_its_own()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);

        repo.Write("src/Lib/Broken.cs", "namespace Contoso.Lib;\n\npublic static class Broken\n{\n    public static int Value => \"not a number\";\n}\n");
        var count = repo.Receipts().Count;
        var build = repo.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error CS0029", build.Output);
        Assert.DoesNotContain("GOV900", build.Output);
        var receipts = repo.ReceiptsSince(count);
        var app = receipts["src/App/App.csproj"];
        Assert.Equal("hold", Verdict(app));
        var notRun = app.GetProperty("evidence").EnumerateArray().Where(e => e.GetProperty("result").GetString() is "not_run" or "error").ToList();
        var references = Assert.Single(notRun);
        Assert.Equal("references", references.GetProperty("check").GetString());
        Assert.Contains("src/Lib/Lib.csproj", references.GetProperty("detail").GetString());
        Assert.Empty(app.GetProperty("violations").EnumerateArray());
        Assert.Single(Regex.Matches(build.Output, @"Governance verdict is hold for 'src/App/App\.csproj'"));
    }
}
