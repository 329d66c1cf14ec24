using Governance.Core.Baselines;
using Governance.Core.Policy;
using Xunit;

namespace Governance.Core.Tests.Policy;

public class BaselineChangeCheckerTests
{
    private const string Project = "src/Payments/Payments.csproj";

    private static ProjectBaseline Baseline(BaselineTarget target) =>
        new(Project, new Dictionary<string, BaselineTarget>(StringComparer.OrdinalIgnoreCase) { ["net8.0"] = target });

    private static BaselineTarget Target(string[] modules, PackageVersionRecord[]? packages = null, PackageVersionRecord[]? transitive = null, string[]? projects = null,
        string[]? assemblies = null, string[]? frameworks = null, string granularity = "Type") =>
        new(granularity, modules, packages ?? [], transitive ?? [], projects ?? [], assemblies ?? [], frameworks ?? []);

    private static List<Core.Findings.Finding> Check(ProjectBaseline? trusted, ProjectBaseline branch, bool withPlan = true)
    {
        var plans = withPlan ? new[] { PlanAssessor.Assess(TestPlans.Read(TestPlans.ApprovedPlan), TestPlans.Now, SignaturePolicy.None) } : [];
        return BaselineChangeChecker.Check(Project, trusted, branch, plans, TestRanges.Instance, "/repo/.governance/baseline/src/Payments/Payments.csproj.json");
    }

    [Fact]
    public void Additions_a_trusted_plan_covers_and_unchanged_entries_pass()
    {
        var trusted = Baseline(Target(["Contoso.Payments.Client"], [new("Serilog", "3.1.1")]));
        var branch = Baseline(Target(["Contoso.Payments.Client", "Contoso.Payments.Retry.Policy"], [new("Serilog", "3.1.1"), new("Polly.Core", "8.4.2")],
            projects: ["src/Resilience/Resilience.csproj"]));
        Assert.Empty(Check(trusted, branch));
    }

    [Fact]
    public void Every_addition_without_a_trusted_approval_is_named()
    {
        var trusted = Baseline(Target(["Contoso.Payments.Client"], [new("Serilog", "3.1.1")]));
        var branch = Baseline(Target(
            ["Contoso.Payments.Client", "Contoso.Payments.Helpers.StringUtil"],
            [new("Serilog", "4.0.0"), new("Newtonsoft.Json", "13.0.3")],
            [new("System.Buffers", "4.5.1")],
            ["src/Evil/Evil.csproj"], ["Vendor.Blob"], ["Microsoft.AspNetCore.App"]));
        var findings = Check(trusted, branch);
        Assert.Equal(
            new[] { "Contoso.Payments.Helpers.StringUtil", "Microsoft.AspNetCore.App", "Newtonsoft.Json", "Serilog", "System.Buffers", "Vendor.Blob", "src/Evil/Evil.csproj" },
            findings.Select(f => f.Subject!).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal("GOV007", f.RuleId));
        // A new transitive package is a follow-up, as GOV204 is in the build; everything else holds.
        Assert.Equal(Core.Rules.RuleSeverity.Warning, findings.Single(f => f.Subject == "System.Buffers").Severity);
        Assert.All(findings.Where(f => f.Subject != "System.Buffers"), f => Assert.Equal(Core.Rules.RuleSeverity.Error, f.Severity));
    }

    [Fact]
    public void A_new_baseline_approves_nothing_by_itself_and_a_granularity_change_is_named()
    {
        var branch = Baseline(Target(["Contoso.Payments.Retry.Policy", "Contoso.Other"]));
        Assert.Equal(new[] { "Contoso.Other" }, Check(null, branch).Select(f => f.Subject));
        Assert.Equal(2, Check(null, branch, withPlan: false).Count);

        var coarser = Check(Baseline(Target(["Contoso.Payments.Client"])), Baseline(Target(["Contoso.Payments"], granularity: "Namespace")), withPlan: false);
        Assert.Contains(coarser, f => f.Subject == "Namespace");
    }
}
