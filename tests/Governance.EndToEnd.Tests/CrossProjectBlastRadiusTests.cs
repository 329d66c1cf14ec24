using System.Text.RegularExpressions;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// The cascade across project boundaries: an agent adds a helper module and a package to a library, and the projects
/// that reference it — directly or two levels up — start using them. Every use is a finding located at the use, in
/// the project that has it, naming the module and the project that declares it.
/// </summary>
public sealed class CrossProjectBlastRadiusTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static string Project(params string[] references) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
        {string.Concat(references.Select(r => $"    <ProjectReference Include=\"../{r}/{r}.csproj\" />\n"))}  </ItemGroup>
        </Project>
        """;

    private static string CoreSummary(TempRepo repo) =>
        File.ReadAllText(Path.Combine(repo.Root, "src", "Core", "obj", "Debug", "net10.0", "governance", "module-summary.txt")).Replace("\r\n", "\n");

    private static readonly Regex HelpLink = new(@"\s*\(https://[^)]*\)\s*$");

    [Fact]
    public void Uses_in_referencing_projects_two_levels_deep_are_GOV101_and_GOV110_at_the_use()
    {
        using var repo = new TempRepo(package);
        repo.Write("src/Core/Core.csproj", Project());
        repo.Write("src/Core/Clock.cs", "namespace Contoso.Core;\n\npublic static class Clock\n{\n    public static System.DateTime Now => System.DateTime.UtcNow;\n}\n");
        repo.Write("src/Mid/Mid.csproj", Project("Core"));
        repo.Write("src/Mid/Formatter.cs", "namespace Contoso.Mid;\n\npublic static class Formatter\n{\n    public static string Stamp() => Contoso.Core.Clock.Now.ToString(\"O\");\n}\n");
        repo.Write("src/Api/Api.csproj", Project("Mid"));
        repo.Write("src/Api/Endpoint.cs", "namespace Contoso.Api;\n\npublic static class Endpoint\n{\n    public static string Get() => Contoso.Mid.Formatter.Stamp();\n}\n");
        repo.Dotnet("new sln -n Repo --format sln");
        repo.Dotnet("sln Repo.sln add src/Core/Core.csproj src/Mid/Mid.csproj src/Api/Api.csproj");
        var baseline = repo.Build("-p:GovernanceUpdateBaseline=true");
        Assert.True(baseline.ExitCode == 0, baseline.Output);
        var receiptsBefore = repo.Receipts().Count;
        var clean = repo.Build("-p:GovernanceBuildId=e2e-clean");
        Assert.True(clean.ExitCode == 0, clean.Output);
        // Every receipt of that build names it, so `verify --build e2e-clean` reads exactly these.
        var ofClean = repo.ReceiptsSince(receiptsBefore);
        Assert.Equal(["src/Api/Api.csproj", "src/Core/Core.csproj", "src/Mid/Mid.csproj"], ofClean.Keys.Order());
        Assert.All(ofClean.Values, r => Assert.Equal("e2e-clean", r.GetProperty("buildId").GetString()));
        Assert.DoesNotMatch(@"(warning|error) GOV", clean.Output);
        // Core's build left the referencing projects its own judgement: every module approved, so their builds did not
        // search Core's types. It must say otherwise before they compile again, or the GOV101 below would be missed.
        Assert.Contains("unapprovedModules: 0\n", CoreSummary(repo));

        // The agent's change: a helper module and a package in Core, used from Mid and, two levels up, from Api.
        repo.Write("src/Core/Text/StringHelpers.cs", "namespace Contoso.Core.Text;\n\npublic static class StringHelpers\n{\n    public static string Shout(string s) => s.ToUpperInvariant();\n}\n");
        repo.Write("src/Core/Core.csproj", Project().Replace("  </ItemGroup>", "    <PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.4\" />\n  </ItemGroup>"));
        repo.Write("src/Mid/Formatter.cs", "namespace Contoso.Mid;\n\npublic static class Formatter\n{\n    public static string Stamp() => Contoso.Core.Text.StringHelpers.Shout(Contoso.Core.Clock.Now.ToString(\"O\"));\n}\n");
        repo.Write("src/Api/Endpoint.cs", "namespace Contoso.Api;\n\npublic static class Endpoint\n{\n    public static string Get() => Contoso.Core.Text.StringHelpers.Shout(Contoso.Mid.Formatter.Stamp());\n\n    public static string Json() => Newtonsoft.Json.JsonConvert.ToString(Get());\n}\n");

        // Audit: every project compiles, so every finding shows.
        var build = repo.Build("-p:GovernanceMode=Audit");
        Assert.True(build.ExitCode == 0, build.Output);
        var findings = Regex.Matches(build.Output, @"(src/\S+?)\((\d+),(\d+)\): warning (GOV\d{3}): ([^\[\r\n]*)")
            .Select(m => $"{m.Groups[1].Value}({m.Groups[2].Value}): {m.Groups[4].Value} {HelpLink.Replace(m.Groups[5].Value, string.Empty).Trim()}")
            .Select(f => f.Replace(repo.Root.Replace('\\', '/') + "/", string.Empty))
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Contains("unapprovedModules: 1\n", CoreSummary(repo));
        Assert.Contains(findings, f => f.StartsWith("src/Core/Text/StringHelpers.cs(3): GOV100", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("src/Core/Core.csproj(", StringComparison.Ordinal) && f.Contains("GOV200", StringComparison.Ordinal));
        Assert.Contains("src/Mid/Formatter.cs(5): GOV101 'Contoso.Core.Text.StringHelpers' belongs to module 'Contoso.Core.Text.StringHelpers', which no plan approves (declared in src/Core/Core.csproj). This code is in the blast radius of that GOV100: approve the module or stop depending on it.", findings);
        Assert.Contains("src/Api/Endpoint.cs(5): GOV101 'Contoso.Core.Text.StringHelpers' belongs to module 'Contoso.Core.Text.StringHelpers', which no plan approves (declared in src/Core/Core.csproj). This code is in the blast radius of that GOV100: approve the module or stop depending on it.", findings);
        Assert.Contains(findings, f => f.StartsWith("src/Api/Endpoint.cs(7): GOV110", StringComparison.Ordinal) && f.Contains("newtonsoft.json", StringComparison.OrdinalIgnoreCase));
        // Nothing at the uses of the approved Clock, and nothing in files the change did not touch.
        Assert.DoesNotContain(findings, f => f.Contains("Contoso.Core.Clock", StringComparison.Ordinal));
        Assert.All(findings, f => Assert.Matches(@"^src/(Core/Text/StringHelpers\.cs|Core/Core\.csproj|Mid/Formatter\.cs|Api/Endpoint\.cs|Mid/Mid\.csproj|Api/Api\.csproj)\(", f));
    }
}
