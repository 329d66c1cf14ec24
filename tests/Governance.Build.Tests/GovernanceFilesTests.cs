using Xunit;

namespace Governance.Build.Tests;

public sealed class GovernanceFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gov-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Plan(string name, string project)
    {
        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, "{\n  \"dispatchId\": \"" + name + "\",\n  \"approvedBy\": \"a@b.c\",\n  \"approvedAt\": \"2026-11-20T10:00:00Z\",\n  \"projects\": [\"" + project + "\"],\n  \"modules\": [\"Contoso.X.**\"]\n}\n");
        return path;
    }

    [Fact]
    public void A_rejected_plan_for_other_projects_is_a_GOV004_at_its_dispatchId_and_one_for_this_project_is_left_to_the_analyzer()
    {
        var other = Plan("d-other", "src/Other/Other.csproj");
        var mine = Plan("d-mine", "src/App/App.csproj");

        // Unsigned while signed approvals are required: both signatures are rejected.
        var files = GovernanceFiles.Load([other, mine], null, null, requireSigned: true, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), "src/App/App.csproj", "net10.0", "Type");

        var finding = Assert.Single(files.RejectedSignatureFindings());
        Assert.Equal(("GOV004", other, 2, 17, "d-other"), (finding.RuleId, finding.File, finding.Line, finding.Column, finding.Subject));
        Assert.Contains("is not signed", finding.Message);

        // Not required: nothing is rejected, nothing is reported.
        var unsigned = GovernanceFiles.Load([other, mine], null, null, requireSigned: false, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), "src/App/App.csproj", "net10.0", "Type");
        Assert.Empty(unsigned.RejectedSignatureFindings());
    }
}
