using Governance.Core.Baselines;
using Governance.Core.Policy;
using Governance.Core.Rules;
using Microsoft.Build.Utilities;
using Xunit;

namespace Governance.Build.Tests;

/// <summary>
/// The dependency check on a test build engine: what it writes for the receipt step (read back with the same
/// <see cref="DependencyCheckOutput"/> the receipt step uses), when it reuses its last result, and that it fails closed
/// (status error, never an empty pass) when it cannot read what it needs.
/// </summary>
public sealed class CheckGovernanceDependenciesTests : IDisposable
{
    private const string Project = "src/App/App.csproj";
    private readonly string _root = Directory.CreateTempSubdirectory("gov-deps-task-").FullName;
    private readonly TestBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string OutputFile => Path.Combine(_root, "src", "App", "obj", "governance", "dependencies.json");
    private string BaselineFile => Path.Combine(_root, ".governance", "baseline", "src", "App", "App.csproj.json");
    private string PlansDir => Path.Combine(_root, ".governance", "plans");

    private CheckGovernanceDependencies Task(Action<CheckGovernanceDependencies>? configure = null)
    {
        var task = new CheckGovernanceDependencies
        {
            BuildEngine = _engine,
            GovernanceRoot = _root + Path.DirectorySeparatorChar,
            ProjectPath = Project,
            TargetFramework = "net10.0",
            OutputFile = OutputFile,
            BaselineFile = BaselineFile,
            Now = "2026-12-04T00:00:00Z",
            PlanFiles = Directory.Exists(PlansDir) ? Directory.GetFiles(PlansDir, "*.json").Select(p => new TaskItem(p)).ToArray() : [],
        };
        configure?.Invoke(task);
        return task;
    }

    private DependencyCheckOutput Output()
    {
        var output = DependencyCheckOutput.Parse(File.ReadAllText(OutputFile), out var problem);
        Assert.True(output is not null, problem);
        return output!;
    }

    private void Baseline(params string[] projectReferences) => BaselineOf("Type", projectReferences);

    private void BaselineOf(string granularity, params string[] projectReferences)
    {
        var target = new BaselineTarget(granularity, [], [], [], projectReferences, [], []);
        Directory.CreateDirectory(Path.GetDirectoryName(BaselineFile)!);
        File.WriteAllText(BaselineFile, BaselineSerializer.Write(new ProjectBaseline(Project, new Dictionary<string, BaselineTarget> { ["net10.0"] = target })));
    }

    /// <summary>A ProjectReference as MSBuild passes it: the Include as written, its full path, and the project file that declares it.</summary>
    private BuildItem ProjectReference(string include, string fullRelative) => new(include, new Dictionary<string, string>
    {
        ["FullPath"] = Path.Combine(_root, fullRelative.Replace('/', Path.DirectorySeparatorChar)),
        ["DefiningProjectFullPath"] = Path.Combine(_root, Project.Replace('/', Path.DirectorySeparatorChar)),
    });

    [Fact]
    public void Without_a_baseline_it_says_so_and_records_the_facts()
    {
        Assert.True(Task(t => t.ProjectReferences = [ProjectReference("../Core/Core.csproj", "src/Core/Core.csproj")]).Execute(), _engine.Describe());

        var output = Output();
        Assert.Equal(DependencyCheckStatus.NoBaseline, output.Status);
        Assert.Equal(["src/Core/Core.csproj"], output.Facts.ProjectReferences);
        Assert.Empty(output.Findings);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void A_project_reference_the_baseline_does_not_have_is_a_finding_located_where_it_is_declared()
    {
        Baseline();
        Directory.CreateDirectory(Path.Combine(_root, "src", "App"));
        File.WriteAllText(Path.Combine(_root, Project.Replace('/', Path.DirectorySeparatorChar)),
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"../Core/Core.csproj\" />\n  </ItemGroup>\n</Project>\n");
        Assert.True(Task(t => t.ProjectReferences = [ProjectReference("../Core/Core.csproj", "src/Core/Core.csproj")]).Execute(), _engine.Describe());

        var finding = Assert.Single(Output().Findings);
        Assert.Equal((RuleIds.UnapprovedProjectReference, 3), (finding.RuleId, finding.Line));
        Assert.Empty(_engine.Errors); // the receipt step prints it, with the module findings
    }

    [Fact]
    public void Packages_without_a_restore_output_are_an_error_not_a_pass()
    {
        Baseline();

        Assert.True(Task(t =>
        {
            t.PackageReferences = [new TaskItem("Newtonsoft.Json", new Dictionary<string, string> { ["Version"] = "13.0.3" })];
            t.ProjectAssetsFile = Path.Combine(_root, "src", "App", "obj", "project.assets.json");
        }).Execute());

        var output = Output();
        Assert.Equal(DependencyCheckStatus.Error, output.Status);
        Assert.Contains("does not exist, so the resolved packages cannot be checked", output.Error);
    }

    [Fact]
    public void Unchanged_inputs_reuse_the_last_result_and_a_changed_baseline_does_not()
    {
        Baseline();
        var first = Task();
        Assert.True(first.Execute());
        Assert.False(first.Reused);

        var second = Task();
        Assert.True(second.Execute());
        Assert.True(second.Reused);

        Baseline("src/Core/Core.csproj");
        File.SetLastWriteTimeUtc(BaselineFile, DateTime.UtcNow.AddMinutes(1));
        var third = Task();
        Assert.True(third.Execute());
        Assert.False(third.Reused);
    }

    // On the real clock (no GovernanceNow, which is part of the inputs hash): a result is reused until the first
    // approving plan expires, never after.
    [Fact]
    public void A_result_is_not_reused_after_an_approving_plan_expired()
    {
        Baseline();
        Directory.CreateDirectory(PlansDir);
        var expires = DateTimeOffset.UtcNow.AddSeconds(3);
        File.WriteAllText(Path.Combine(PlansDir, "d-1.json"), "{ \"dispatchId\": \"d-1\", \"approvedBy\": \"a@b\", \"approvedAt\": \"2026-11-20T00:00:00Z\", "
            + "\"expiresAt\": \"" + expires.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) + "\", \"projects\": [\"" + Project + "\"], \"modules\": [\"Contoso.**\"] }");
        Assert.True(Task(t => t.Now = null).Execute());
        Assert.Equal("approved", Assert.Single(Output().Plans).State);
        var before = Task(t => t.Now = null);
        Assert.True(before.Execute());
        Assert.True(before.Reused);

        while (DateTimeOffset.UtcNow <= expires.AddSeconds(1))
        {
            Thread.Sleep(200);
        }

        var after = Task(t => t.Now = null);
        Assert.True(after.Execute());
        Assert.False(after.Reused);
        Assert.Equal("expired", Assert.Single(Output().Plans).State);
    }

    // One assessment of the governance files for every host: a baseline of another granularity approves nothing here
    // either (the analyzers report it as GOV002).
    [Theory]
    [InlineData("Type", "Type", DependencyCheckStatus.Ok)]
    [InlineData("Namespace", "Type", DependencyCheckStatus.NoBaseline)]
    [InlineData("Type", "Namespace", DependencyCheckStatus.NoBaseline)]
    [InlineData("Namespace", "Namespace", DependencyCheckStatus.Ok)]
    public void A_baseline_of_another_granularity_approves_nothing(string baseline, string build, DependencyCheckStatus expected)
    {
        BaselineOf(baseline);
        Assert.True(Task(t => t.ModuleGranularity = build).Execute(), _engine.Describe());
        Assert.Equal(expected, Output().Status);
    }

    [Fact]
    public void A_bad_GovernanceNow_fails_the_task()
    {
        Assert.False(Task(t => t.Now = "yesterday").Execute());
        Assert.Contains(_engine.Errors, e => e.Code == RuleIds.CheckDidNotRun && e.Message!.StartsWith("GovernanceNow:", StringComparison.Ordinal));
    }
}
