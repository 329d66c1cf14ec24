using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>`dotnet format analyzers` is a real client of the code fixes: it must edit the plan (an additional
/// document) for a GOV100 in source, and clear the approval.</summary>
public sealed class DotnetFormatTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void Dotnet_format_adds_the_module_to_the_plan_and_clears_the_approval()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        repo.Write(".governance/plans/d-4001.json", """
            {
              "dispatchId": "d-4001",
              "task": "Add helpers",
              "approvedBy": "alice@example.com",
              "approvedAt": "2026-11-20T10:00:00Z",
              "projects": ["src/App/App.csproj"],
              "modules": [
                "Contoso.App.Retry.**"
              ]
            }

            """);
        Assert.Equal(0, repo.Build("-p:GovernanceUpdateBaseline=true").ExitCode);
        repo.Write("src/App/Helpers/StringUtil.cs", "namespace Contoso.App.Helpers;\n\npublic static class StringUtil\n{\n}\n");

        var format = repo.Dotnet("format analyzers src/App/App.csproj --diagnostics GOV100 --severity error");
        Assert.True(format.ExitCode == 0, format.Output);

        var plan = File.ReadAllText(Path.Combine(repo.Root, ".governance/plans/d-4001.json"));
        Assert.Equal("""
            {
              "dispatchId": "d-4001",
              "task": "Add helpers",
              "projects": ["src/App/App.csproj"],
              "modules": [
                "Contoso.App.Helpers.StringUtil",
                "Contoso.App.Retry.**"
              ]
            }

            """, plan);
        Assert.Equal("namespace Contoso.App.Helpers;\n\npublic static class StringUtil\n{\n}\n", File.ReadAllText(Path.Combine(repo.Root, "src/App/Helpers/StringUtil.cs")));

        // The plan now covers the module but is a proposal again: the build still holds until someone approves it.
        var build = repo.Build();
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("Plan 'd-4001' is a proposal", build.Output);
    }
}
