using Governance.Core.Baselines;
using Governance.Core.Findings;
using Governance.Core.Policy;
using Xunit;

namespace Governance.Core.Tests.Policy;

public class DependencyCheckerTests
{
    private static readonly DeclarationSite Csproj = new("/repo/src/Payments/Payments.csproj", 12, 6);

    private static BaselineTarget Baseline() => new(
        "Type",
        [],
        new[] { new PackageVersionRecord("Serilog", "3.1.1") },
        new[] { new PackageVersionRecord("System.Memory", "4.5.5") },
        new[] { "src/Core/Core.csproj" },
        new[] { "Legacy.Interop" },
        new[] { "Microsoft.AspNetCore.App" });

    private static List<Finding> Check(DependencyFacts facts, DateTimeOffset? now = null, string planText = TestPlans.ApprovedPlan)
    {
        var plan = PlanAssessor.Assess(TestPlans.Read(planText), now ?? TestPlans.Now, SignaturePolicy.None);
        return new DependencyChecker("src/Payments/Payments.csproj", Baseline(), new[] { plan }, TestRanges.Instance).Check(facts);
    }

    [Fact]
    public void Baseline_and_plan_approved_dependencies_give_no_findings()
    {
        var facts = new DependencyFacts();
        facts.DirectPackages.Add(new DirectPackageFact("Serilog", "3.1.1", "3.1.1", Csproj));
        facts.DirectPackages.Add(new DirectPackageFact("Polly.Core", "8.4.2", "8.4.2", Csproj));
        facts.ResolvedPackages.Add(new PackageFact("System.Memory", "4.5.5"));
        facts.ProjectReferences.Add(new ReferenceFact("src/Core/Core.csproj", "..\\Core\\Core.csproj", Csproj));
        facts.ProjectReferences.Add(new ReferenceFact("src/Resilience/Resilience.csproj", "..\\Resilience\\Resilience.csproj", Csproj));
        facts.AssemblyReferences.Add(new ReferenceFact("Legacy.Interop", "lib/Legacy.Interop.dll", Csproj));

        Assert.Empty(Check(facts));
    }

    [Fact]
    public void Unapproved_package_is_GOV200_at_its_declaration_with_the_fix()
    {
        var facts = new DependencyFacts();
        facts.DirectPackages.Add(new DirectPackageFact("Newtonsoft.Json", "13.0.3", "13.0.3", Csproj));

        var finding = Assert.Single(Check(facts));
        Assert.Equal("GOV200", finding.RuleId);
        Assert.Equal((Csproj.File, 12, 6), (finding.File, finding.Line, finding.Column));
        Assert.Contains("{ \"id\": \"Newtonsoft.Json\", \"version\": \"[13.0.3]\" }", finding.Message);
    }

    [Fact]
    public void Version_outside_every_approved_range_is_GOV201_naming_the_approved_ranges()
    {
        var facts = new DependencyFacts();
        facts.DirectPackages.Add(new DirectPackageFact("Polly.Core", "9.0.0", "9.0.0", Csproj));
        facts.DirectPackages.Add(new DirectPackageFact("Serilog", "4.0.0", "4.0.0", Csproj));

        var findings = Check(facts);
        Assert.All(findings, f => Assert.Equal("GOV201", f.RuleId));
        Assert.Contains(findings, f => f.Message.Contains("[8.4.0,9.0.0) (plan 'd-2471')"));
        Assert.Contains(findings, f => f.Message.Contains("3.1.1 (baseline)"));
    }

    [Fact]
    public void Expired_plan_approves_nothing_and_the_message_says_so()
    {
        var facts = new DependencyFacts();
        facts.DirectPackages.Add(new DirectPackageFact("Polly.Core", "8.4.2", "8.4.2", Csproj));
        facts.ProjectReferences.Add(new ReferenceFact("src/Resilience/Resilience.csproj", "..\\Resilience\\Resilience.csproj", Csproj));

        var findings = Check(facts, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new[] { "GOV200", "GOV202" }, findings.Select(f => f.RuleId));
        Assert.All(findings, f => Assert.Contains("plan 'd-2471' lists it but expired at", f.Message));
    }

    [Fact]
    public void New_transitive_package_is_a_GOV204_warning()
    {
        var facts = new DependencyFacts();
        facts.ResolvedPackages.Add(new PackageFact("System.Memory", "4.5.5"));
        facts.ResolvedPackages.Add(new PackageFact("Evil.Transitive", "1.0.0"));

        var finding = Assert.Single(Check(facts));
        Assert.Equal("GOV204", finding.RuleId);
        Assert.Equal(Rules.RuleSeverity.Warning, finding.Severity);
    }

    [Fact]
    public void A_new_transitive_package_is_located_at_the_direct_reference_that_brings_it_in()
    {
        var serilog = new DeclarationSite("/repo/src/Payments/Payments.csproj", 9, 6);
        var core = new DeclarationSite("/repo/src/Payments/Payments.csproj", 14, 6);
        var facts = new DependencyFacts();
        facts.DirectPackages.Add(new DirectPackageFact("Serilog", "3.1.1", "3.1.1", serilog));
        facts.ProjectReferences.Add(new ReferenceFact("src/Core/Core.csproj", "..\\Core\\Core.csproj", core) { LibraryName = "Core" });
        facts.ResolvedPackages.Add(new PackageFact("Serilog", "3.1.1"));
        facts.ResolvedPackages.Add(new PackageFact("System.Memory", "4.5.5"));
        facts.ResolvedPackages.Add(new PackageFact("Evil.Middle", "1.0.0"));
        facts.ResolvedPackages.Add(new PackageFact("Evil.Transitive", "1.0.0"));
        facts.ResolvedPackages.Add(new PackageFact("From.Project", "2.0.0"));
        // Serilog → Evil.Middle → Evil.Transitive (two levels down); the project reference brings From.Project.
        facts.Graph.Add("Serilog", ["System.Memory", "Evil.Middle"]);
        facts.Graph.Add("Evil.Middle", ["Evil.Transitive"]);
        facts.Graph.Add("Core", ["From.Project"]);

        var findings = Check(facts).Where(f => f.RuleId == "GOV204").ToDictionary(f => f.Subject!);

        Assert.Equal((serilog.File, 9, 6), (findings["Evil.Transitive"].File, findings["Evil.Transitive"].Line, findings["Evil.Transitive"].Column));
        Assert.Contains("transitively through package 'Serilog' since the baseline", findings["Evil.Transitive"].Message);
        Assert.Equal((serilog.File, 9, 6), (findings["Evil.Middle"].File, findings["Evil.Middle"].Line, findings["Evil.Middle"].Column));
        Assert.Equal((core.File, 14, 6), (findings["From.Project"].File, findings["From.Project"].Line, findings["From.Project"].Column));
        Assert.Contains("through project reference 'src/Core/Core.csproj'", findings["From.Project"].Message);
    }

    [Fact]
    public void A_transitive_package_two_direct_references_bring_in_is_located_at_the_first_declared_in_the_repository_and_names_both()
    {
        var unlocated = new DeclarationSite("/repo/src/Payments/Payments.csproj", 0, 0);
        var located = new DeclarationSite("/repo/Directory.Packages.props", 7, 6);
        var facts = new DependencyFacts();
        facts.DirectPackages.Add(new DirectPackageFact("A.Package", "1.0.0", "1.0.0", unlocated));
        facts.DirectPackages.Add(new DirectPackageFact("B.Package", "1.0.0", "1.0.0", located));
        facts.ResolvedPackages.Add(new PackageFact("Shared.Dependency", "1.0.0"));
        facts.Graph.Add("A.Package", ["Shared.Dependency"]);
        facts.Graph.Add("B.Package", ["Shared.Dependency"]);

        var finding = Assert.Single(Check(facts), f => f.RuleId == "GOV204");

        Assert.Equal((located.File, 7, 6), (finding.File, finding.Line, finding.Column));
        Assert.Contains("through package 'A.Package', package 'B.Package'", finding.Message);
    }

    [Fact]
    public void Unapproved_assembly_reference_is_GOV203()
    {
        var facts = new DependencyFacts();
        facts.AssemblyReferences.Add(new ReferenceFact("Vendor.Blob", "lib/Vendor.Blob.dll", Csproj));
        Assert.Equal("GOV203", Assert.Single(Check(facts)).RuleId);
    }

    [Fact]
    public void Framework_references_are_GOV205_unless_the_target_frameworks_own_the_baseline_or_a_plan_approves_them()
    {
        var facts = new DependencyFacts();
        facts.FrameworkReferences.Add(new ReferenceFact("Microsoft.NETCore.App", "Microsoft.NETCore.App", DeclarationSite.Unknown));
        facts.FrameworkReferences.Add(new ReferenceFact("NETStandard.Library", "NETStandard.Library", DeclarationSite.Unknown));
        facts.FrameworkReferences.Add(new ReferenceFact("Microsoft.AspNetCore.App", "Microsoft.AspNetCore.App", Csproj));
        facts.FrameworkReferences.Add(new ReferenceFact("Microsoft.WindowsDesktop.App", "Microsoft.WindowsDesktop.App", Csproj));

        var finding = Assert.Single(Check(facts));
        Assert.Equal(("GOV205", "Microsoft.WindowsDesktop.App", Csproj.File, 12), (finding.RuleId, finding.Subject, finding.File, finding.Line));
        Assert.Contains("\"frameworkReferences\"", finding.Message);

        var approving = TestPlans.ApprovedPlan.Replace("\"modules\":", "\"frameworkReferences\": [\"Microsoft.WindowsDesktop.App\"],\n  \"modules\":");
        Assert.NotEqual(TestPlans.ApprovedPlan, approving);
        Assert.Empty(Check(facts, planText: approving));
    }

    [Fact]
    public void Copied_binaries_are_GOV120_unless_their_simple_name_is_an_approved_assembly_reference()
    {
        var facts = new DependencyFacts();
        facts.CopiedBinaries.Add(new ReferenceFact("Legacy.Interop", "lib/Legacy.Interop.dll", Csproj));
        facts.CopiedBinaries.Add(new ReferenceFact("Dropped", "tools/Dropped.exe", Csproj));

        var finding = Assert.Single(Check(facts));
        Assert.Equal(("GOV120", "Dropped", 12, 6), (finding.RuleId, finding.Subject, finding.Line, finding.Column));
        Assert.Contains("tools/Dropped.exe", finding.Message);

        var approving = TestPlans.ApprovedPlan.Replace("\"modules\":", "\"assemblyReferences\": [\"Dropped\"],\n  \"modules\":");
        Assert.Empty(Check(facts, planText: approving));
    }
}
