using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Receipts;
using Xunit;

namespace Governance.Core.Tests.Files;

public class DisplayPathsTests
{
    private static readonly DisplayPaths Paths = new("/home/ci/work/repo/", ["/home/ci/.nuget/packages/"], ["/usr/share/dotnet"]);

    [Theory]
    [InlineData("/home/ci/work/repo/src/App/App.csproj", "src/App/App.csproj")]
    [InlineData("/home/ci/work/repo", ".")]
    [InlineData("/HOME/ci/work/repo/Directory.Packages.props", "Directory.Packages.props")]
    [InlineData("/home/ci/.nuget/packages/contoso.vendor/1.0.0/build/Contoso.Vendor.targets", "nuget:contoso.vendor/1.0.0/build/Contoso.Vendor.targets")]
    [InlineData("/usr/share/dotnet/sdk/10.0.401/NuGet.targets", "sdk:sdk/10.0.401/NuGet.targets")]
    [InlineData("/other/cache/.nuget/packages/polly/8.4.2/lib/net8.0/Polly.dll", "nuget:polly/8.4.2/lib/net8.0/Polly.dll")]
    [InlineData("/elsewhere/r/.governance/plans/d-1.json", ".governance/plans/d-1.json")]
    [InlineData("/etc/governance/allowed_signers", "external:allowed_signers")]
    [InlineData("/home/ci/work/repository-two/x.cs", "external:x.cs")]
    [InlineData("src\\App\\App.csproj", "src/App/App.csproj")]
    [InlineData(@"C:\\ci\\x.dll", "external:x.dll")]
    public void A_path_is_shown_root_relative_or_by_a_stable_name_never_as_a_machine_path(string path, string expected) =>
        Assert.Equal(expected, Paths.Display(path));

    [Fact]
    public void Windows_paths_are_shown_the_same_way()
    {
        var paths = new DisplayPaths(@"C:\work\repo\", [@"C:\Users\ci\.nuget\packages"], [@"C:\Program Files\dotnet\"]);

        Assert.Equal("src/App/App.csproj", paths.Display(@"C:\work\repo\src\App\App.csproj"));
        Assert.Equal("nuget:polly/8.4.2/Polly.nuspec", paths.Display(@"c:\users\ci\.nuget\packages\polly\8.4.2\Polly.nuspec"));
        Assert.Equal("the facts src/App/obj/x.g.cs are missing", paths.Scrub(@"the facts C:\work\repo\src/App/obj/x.g.cs are missing"));
    }

    [Fact]
    public void Free_text_loses_every_known_folder_and_keeps_paths_that_only_look_alike()
    {
        var text = "could not read /home/ci/work/repo/src/App/obj/project.assets.json (from /home/ci/.nuget/packages/polly/8.4.2/x.targets, "
            + "imported by /usr/share/dotnet/sdk/10.0.401/Sdk.targets); /home/ci/work/repo-old/a.cs and /x/home/ci/work/repo/b.cs are other files";

        Assert.Equal("could not read src/App/obj/project.assets.json (from nuget:polly/8.4.2/x.targets, imported by sdk:sdk/10.0.401/Sdk.targets); "
            + "/home/ci/work/repo-old/a.cs and /x/home/ci/work/repo/b.cs are other files", Paths.Scrub(text));
    }

    [Fact]
    public void The_innermost_folder_decides()
    {
        // A repository checked out below the SDK's folder is still shown relative to its root.
        var paths = new DisplayPaths("/opt/dotnet/work/repo", null, ["/opt/dotnet"]);

        Assert.Equal("src/A.cs", paths.Display("/opt/dotnet/work/repo/src/A.cs"));
        Assert.Equal("sdk:sdk/x.targets", paths.Display("/opt/dotnet/sdk/x.targets"));
    }

    [Fact]
    public void A_receipt_shows_no_machine_path_in_its_file_message_or_evidence()
    {
        var receipt = new Receipt { Project = "src/App/App.csproj", GovernanceRoot = "/home/ci/work/repo", Paths = Paths };
        receipt.Evidence.Add(new CheckEvidence("dependencies", CheckResult.Error, "/home/ci/work/repo/src/App/obj/project.assets.json is not valid JSON"));
        receipt.Violations.Add(new Finding("GOV204", "Package 'X' came in through /home/ci/.nuget/packages/y/1.0.0/y.nuspec", "/home/ci/.nuget/packages/y/1.0.0/build/y.targets", 3, 5));
        receipt.PlanDigests.Add(new PlanDigest("d-1", "/home/ci/work/repo/.governance/plans/d-1.json", "00", "approved"));

        var json = Json.JsonWriter.Serialize(receipt.ToJson(), indented: false);

        Assert.DoesNotContain("/home/ci", json);
        Assert.DoesNotContain("/usr/share", json);
        Assert.Contains("\"detail\":\"src/App/obj/project.assets.json is not valid JSON\"", json);
        Assert.Contains("\"file\":\"nuget:y/1.0.0/build/y.targets\"", json);
        Assert.Contains("\"path\":\".governance/plans/d-1.json\"", json);
    }
}
