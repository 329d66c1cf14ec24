using Governance.Core.Baselines;
using Governance.Core.Policy;
using Xunit;

namespace Governance.Core.Tests.Policy;

public class OutputCheckerTests
{
    private const string PlanWithReferences = """
        {
          "dispatchId": "d-9",
          "task": "interop",
          "approvedBy": "alice@example.com",
          "approvedAt": "2026-11-20T10:00:00Z",
          "modules": [],
          "assemblyReferences": ["Legacy.Interop"],
          "frameworkReferences": ["Microsoft.AspNetCore.App"]
        }
        """;

    private static OutputChecker Checker(string plan = PlanWithReferences, DateTimeOffset? now = null) =>
        new("src/App/App.csproj", "net8.0", new BaselineTarget("Type", [], [], [], [], ["Vendor.Old"], ["Microsoft.WindowsDesktop.App"]),
            [PlanAssessor.Assess(TestPlans.Read(plan), now ?? TestPlans.Now, SignaturePolicy.None)]);

    [Fact]
    public void Framework_references_need_the_baseline_a_plan_or_the_target_frameworks_own()
    {
        var findings = Checker().CheckFrameworkReferences(["Microsoft.NETCore.App", "Microsoft.AspNetCore.App", "Microsoft.WindowsDesktop.App", "Contoso.Framework"], "/repo/src/App/App.csproj").ToList();
        Assert.Equal(new[] { "Contoso.Framework" }, findings.Select(f => f.Subject));
        Assert.Equal("GOV205", findings[0].RuleId);
    }

    [Fact]
    public void Only_unknown_binaries_that_nothing_approves_are_findings()
    {
        var findings = Checker().CheckBinaries([
            new OutputBinaryFact("/o/App.dll", "App", BinaryOrigin.ProjectOutput),
            new OutputBinaryFact("/o/Newtonsoft.Json.dll", "Newtonsoft.Json", BinaryOrigin.PackageAsset),
            new OutputBinaryFact("/o/Legacy.Interop.dll", "Legacy.Interop", BinaryOrigin.Unknown),
            new OutputBinaryFact("/o/Vendor.Old.dll", "Vendor.Old", BinaryOrigin.Unknown),
            new OutputBinaryFact("/o/Evil.dll", "Evil", BinaryOrigin.Unknown),
        ]).ToList();
        Assert.Equal(new[] { "Evil" }, findings.Select(f => f.Subject));
        Assert.Equal("GOV120", findings[0].RuleId);
        Assert.Equal("/o/Evil.dll", findings[0].File);
    }

    [Fact]
    public void A_plan_that_does_not_approve_explains_why_it_does_not_cover_a_reference()
    {
        var expired = PlanWithReferences.Replace("\"modules\": []", "\"expiresAt\": \"2026-11-21T00:00:00Z\", \"modules\": []");
        var findings = Checker(expired).CheckReferencedAssemblies(["Legacy.Interop", "Vendor.Old"], "/o/App.dll").ToList();
        var finding = Assert.Single(findings);
        Assert.Equal("GOV203", finding.RuleId);
        Assert.Contains("plan 'd-9' lists it but expired", finding.Message);
    }
}
