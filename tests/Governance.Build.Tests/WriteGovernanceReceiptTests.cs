using Governance.Core.Findings;
using Governance.Core.Json;
using Governance.Core.Policy;
using Governance.Core.Receipts;
using Governance.Core.Rules;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace Governance.Build.Tests;

/// <summary>
/// The receipt step on a test build engine: every way its inputs can be (present, missing, unreadable, of another
/// build), what it appends to the ledger and what it logs and returns. The judgement itself is Core's
/// (<see cref="ReceiptJudgement"/>); these tests hold the task to translating it faithfully.
/// </summary>
public sealed class WriteGovernanceReceiptTests : IDisposable
{
    private const string Project = "src/App/App.csproj";
    private readonly string _root = Directory.CreateTempSubdirectory("gov-receipt-task-").FullName;
    private readonly TestBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Governance => Path.Combine(_root, "src", "App", "obj", "Debug", "net10.0", "governance");
    private string Ledger => Path.Combine(_root, ".governance", "ledger", "receipts.ndjson");
    private string DependenciesFile => Path.Combine(Governance, "dependencies.json");
    private string FactsFile => Path.Combine(Governance, "generated", "Governance.Analyzers", "Governance.Analyzers.BuildFactsGenerator", "GovernanceBuildFacts.g.cs");
    private string LastFactsFile => Path.Combine(Governance, "build-facts.last.txt");
    private string SummaryFile => Path.Combine(Governance, "module-summary.txt");

    private WriteGovernanceReceipt Task(Action<WriteGovernanceReceipt>? configure = null)
    {
        var task = new WriteGovernanceReceipt
        {
            BuildEngine = _engine,
            GovernanceRoot = _root + Path.DirectorySeparatorChar,
            ProjectPath = Project,
            ReceiptsPath = Ledger,
            DependenciesFile = DependenciesFile,
            TargetFramework = "net10.0",
            Configuration = "Debug",
            BuildFactsFile = FactsFile,
            LastBuildFactsFile = LastFactsFile,
            CompileRan = true,
            CompileCompleted = true,
            CompileReached = true,
            Commit = "abc123",
            ModuleSummaryFile = SummaryFile,
            Now = "2026-12-04T00:00:00Z",
        };
        configure?.Invoke(task);
        return task;
    }

    private void Dependencies(Action<DependencyCheckOutput>? configure = null, params Finding[] findings)
    {
        var output = new DependencyCheckOutput { Status = DependencyCheckStatus.Ok, Project = Project, TargetFramework = "net10.0", InputsHash = "h" };
        foreach (var finding in findings)
        {
            output.Findings.Add(finding);
        }

        configure?.Invoke(output);
        Write(DependenciesFile, output.ToText());
    }

    private void Facts(params ModuleCheckFinding[] findings) => FactsAt(FactsFile, Project, findings);

    private void FactsAt(string path, string project, params ModuleCheckFinding[] findings) =>
        Write(path, new ModuleCheckFacts(project, "net10.0", 3, null, findings, unapprovedModules: findings.Count(f => f.RuleId == RuleIds.UnapprovedModule), syntaxTrees: 2).ToSourceFile());

    private static ModuleCheckFinding Gov100(RuleSeverity reported = RuleSeverity.Error) =>
        new(RuleIds.UnapprovedModule, reported, "Type 'Contoso.App.Helpers' belongs to module 'Contoso.App.Helpers', which no plan approves", "/repo/src/App/Helpers.cs", 3, 14, "Contoso.App.Helpers");

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private JsonValue LastReceipt()
    {
        var verification = LedgerVerifier.VerifyFile(Ledger);
        Assert.Empty(verification.Problems);
        return verification.Records[^1].Value;
    }

    private static string Evidence(JsonValue receipt, string check) =>
        receipt["evidence"]!.Items.Where(e => e["check"]!.StringValue == check).Select(e => e["result"]!.StringValue + ": " + e["detail"]!.StringValue).SingleOrDefault() ?? "(none)";

    private static IEnumerable<string> ViolationIds(JsonValue receipt) => receipt["violations"]!.Items.Select(v => v["id"]!.StringValue!);

    [Fact]
    public void A_clean_build_approves_and_logs_nothing()
    {
        Dependencies();
        Facts();

        Assert.True(Task().Execute(), _engine.Describe());

        var receipt = LastReceipt();
        Assert.Equal("approve", receipt["verdict"]!.StringValue);
        Assert.StartsWith("pass: 0 finding(s), 0 error(s)", Evidence(receipt, "dependencies"));
        Assert.Equal("pass: 3 module(s) checked, 0 finding(s)", Evidence(receipt, "modules"));
        Assert.Equal("pass: 0 finding(s)", Evidence(receipt, "tamper"));
        Assert.Equal("abc123", receipt["commit"]!.StringValue);
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
        Assert.Equal(0, ModuleSummary.Parse(File.ReadAllText(SummaryFile))!.UnapprovedModules);
    }

    [Theory]
    [InlineData("Enforce", false)]
    [InlineData("Audit", true)]
    public void A_dependency_error_is_printed_by_the_step_and_holds(string mode, bool buildSucceeds)
    {
        Dependencies(null, new Finding(RuleIds.UnapprovedPackage, "Package 'Newtonsoft.Json' is not approved", "/repo/src/App/App.csproj", 12, 5, "Newtonsoft.Json"));
        Facts();

        Assert.Equal(buildSucceeds, Task(t => t.Mode = mode).Execute());

        var receipt = LastReceipt();
        Assert.Equal("hold", receipt["verdict"]!.StringValue);
        Assert.StartsWith("fail: 1 finding(s), 1 error(s)", Evidence(receipt, "dependencies"));
        var printed = mode == "Enforce" ? _engine.Errors.Select(e => (e.Code, e.LineNumber)) : _engine.Warnings.Select(w => (w.Code, w.LineNumber));
        Assert.Equal([(RuleIds.UnapprovedPackage, 12)], printed);
    }

    [Fact]
    public void A_warning_is_a_follow_up_unless_the_build_turns_it_into_an_error()
    {
        Dependencies(null, new Finding(RuleIds.NewTransitivePackage, "Package 'X' entered the dependency graph transitively", subject: "X"));
        Facts();
        Assert.True(Task().Execute(), _engine.Describe());
        Assert.Equal("approve_with_followup", LastReceipt()["verdict"]!.StringValue);

        _engine.PromotedWarnings.Add(RuleIds.NewTransitivePackage);
        Task().Execute();
        var promoted = LastReceipt();
        Assert.Equal("hold", promoted["verdict"]!.StringValue);
        Assert.Equal("error", promoted["violations"]!.Items.Single()["reportedAs"]?.StringValue);
    }

    [Fact]
    public void A_missing_dependency_check_holds_with_an_error()
    {
        Facts();

        Assert.False(Task().Execute());

        var receipt = LastReceipt();
        Assert.Equal("hold", receipt["verdict"]!.StringValue);
        Assert.StartsWith("not_run: the dependency check did not run", Evidence(receipt, "dependencies"));
        Assert.Contains(_engine.Errors, e => e.Code == RuleIds.CheckDidNotRun && e.Message!.Contains("dependencies not_run", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{", "the dependency check's output is unreadable")]
    [InlineData("{ \"schemaVersion\": 1, \"status\": \"maybe\" }", "the dependency check's output is unreadable (status 'maybe'")]
    [InlineData("{ \"schemaVersion\": 1, \"status\": \"error\", \"error\": \"restore output missing\", \"inputsHash\": \"\" }", "restore output missing")]
    public void An_unreadable_or_failed_dependency_check_is_an_error_never_a_pass(string text, string detail)
    {
        Write(DependenciesFile, text);
        Facts();

        Assert.False(Task().Execute());

        var receipt = LastReceipt();
        Assert.Equal("hold", receipt["verdict"]!.StringValue);
        Assert.StartsWith("error: " + detail, Evidence(receipt, "dependencies"));
    }

    [Fact]
    public void A_compile_that_ran_without_writing_facts_holds()
    {
        Dependencies();

        Assert.False(Task().Execute());

        Assert.StartsWith("not_run: the compiler ran but wrote no governance build facts", Evidence(LastReceipt(), "modules"));
        Assert.Equal("unknown (no module judgement in the build facts)", File.ReadAllLines(SummaryFile)[3]["unapprovedModules: ".Length..]);
    }

    [Fact]
    public void A_skipped_compile_is_judged_by_the_facts_of_the_compile_that_made_its_output()
    {
        Dependencies();
        FactsAt(LastFactsFile, Project);

        Assert.True(Task(t => t.CompileRan = false).Execute(), _engine.Describe());
        Assert.Equal("approve", LastReceipt()["verdict"]!.StringValue);

        // The same facts do not stand in for a compile that ran.
        Assert.False(Task().Execute());
        Assert.StartsWith("not_run:", Evidence(LastReceipt(), "modules"));
    }

    [Fact]
    public void Facts_made_with_other_settings_are_no_evidence_of_this_build()
    {
        Dependencies();
        FactsAt(FactsFile, "src/Other/Other.csproj");

        Assert.False(Task().Execute());

        // Paths in receipts are root-relative.
        Assert.StartsWith("error: the build facts src/App/obj/Debug/net10.0/governance/generated/Governance.Analyzers/Governance.Analyzers.BuildFactsGenerator/GovernanceBuildFacts.g.cs were computed with other governance settings",
            Evidence(LastReceipt(), "modules"));
    }

    [Fact]
    public void An_error_the_compiler_did_not_fail_for_is_printed_by_the_step()
    {
        Dependencies();
        Facts(Gov100());

        Assert.False(Task().Execute());

        var receipt = LastReceipt();
        Assert.Equal("hold", receipt["verdict"]!.StringValue);
        Assert.Equal([RuleIds.UnapprovedModule], ViolationIds(receipt));
        Assert.Equal([(RuleIds.UnapprovedModule, 3, 14)], _engine.Errors.Select(e => (e.Code, e.LineNumber, e.ColumnNumber)));
    }

    [Fact]
    public void An_error_the_compiler_failed_for_is_not_printed_twice()
    {
        Dependencies();
        Facts(Gov100());

        Assert.True(Task(t => t.CompileCompleted = false).Execute(), _engine.Describe());

        Assert.Equal("hold", LastReceipt()["verdict"]!.StringValue);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void A_suppression_an_approved_plan_allows_approves()
    {
        Dependencies(o => o.AllowedSuppressions.Add(new AllowedSuppression("d-7", RuleIds.UnapprovedModule, "Contoso.App.Helpers")));
        Facts(Gov100());

        Assert.True(Task().Execute(), _engine.Describe());

        var receipt = LastReceipt();
        Assert.Equal("approve", receipt["verdict"]!.StringValue);
        Assert.Equal("d-7", receipt["violations"]!.Items.Single()["suppressedBy"]?.StringValue);
    }

    [Fact]
    public void A_failed_reference_is_one_cause_and_one_message()
    {
        var task = Task(t =>
        {
            t.ReferencesFailed = true;
            t.CompileReached = false;
            t.CompileCompleted = false;
            t.ProjectReferences = [new TaskItem(Path.Combine(_root, "src", "Core", "Core.csproj"))];
        });

        Assert.True(task.Execute(), _engine.Describe());

        var receipt = LastReceipt();
        Assert.Equal("hold", receipt["verdict"]!.StringValue);
        Assert.Equal("not_run: a project reference failed to build (src/Core/Core.csproj), so this project's governance checks did not run", Evidence(receipt, "references"));
        Assert.Equal("(none)", Evidence(receipt, "dependencies"));
        Assert.Empty(_engine.Errors);
        Assert.Contains(_engine.Messages, m => m.Importance == MessageImportance.High && m.Message!.StartsWith("Governance verdict is hold for 'src/App/App.csproj': references not_run", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyzers_switched_off_and_governance_ids_in_NoWarn_are_tampering()
    {
        Dependencies();
        Facts();

        Assert.False(Task(t =>
        {
            t.RunAnalyzers = "false";
            t.NoWarn = "CS1591;GOV100";
            t.WarningsNotAsErrors = "GOV204;GOV101";
            t.PackageWarningsNotAsErrors = "GOV204";
        }).Execute());

        var receipt = LastReceipt();
        Assert.Equal("fail: 3 finding(s)", Evidence(receipt, "tamper"));
        Assert.Equal([RuleIds.AnalyzersDisabled, RuleIds.SuppressedByBuildConfiguration, RuleIds.SuppressedByBuildConfiguration], _engine.Errors.Select(e => e.Code));
        // The package's own WarningsNotAsErrors (GOV204) is not tampering; the repository's GOV101 is.
        Assert.Contains(_engine.Errors, e => e.Message!.StartsWith("WarningsNotAsErrors contains GOV101 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "Audit", "Enforce", false, "is set to 'Audit' by a file of the repository")]
    [InlineData("Audit", "Audit", "Audit", false, null)]
    [InlineData("Enforce", "Audit", "Audit", false, "is 'Enforce' on the command line, but the project overrides it with 'Audit'")]
    [InlineData("", "", "", true, "is not a global property, but the project marks it as one")]
    public void Governance_properties_count_only_from_the_command_line(string global, string fileValue, string used, bool markedGlobal, string? problem)
    {
        Dependencies();
        Facts();
        if (global.Length > 0)
        {
            _engine.GlobalProperties["GovernanceMode"] = global;
        }

        var snapshot = new TaskItem("GovernanceMode", new Dictionary<string, string>
        {
            ["PropsValue"] = global.Length > 0 ? global : "Enforce",
            ["FileValue"] = fileValue,
            ["UsedValue"] = used,
            ["IsGlobal"] = markedGlobal ? "true" : "false",
        });
        Task(t => t.PropertySnapshots = [snapshot]).Execute();

        var findings = _engine.Errors.Where(e => e.Code == RuleIds.GovernancePropertiesOverridden).Select(e => e.Message).ToList();
        if (problem is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            Assert.Contains(problem, Assert.Single(findings), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_governance_key_in_an_analyzer_config_is_located_at_its_line()
    {
        Dependencies();
        Facts();
        var config = Path.Combine(_root, ".globalconfig");
        Write(config, "is_global = true\nglobal_level = 100\nbuild_property.GovernanceMode = Off\n");

        Assert.False(Task(t => t.AnalyzerConfigFiles = [new TaskItem(config)]).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal((RuleIds.GovernancePropertiesOverridden, config, 3), (error.Code, error.File, error.LineNumber));
    }

    [Fact]
    public void The_compiler_log_asked_for_but_not_written_holds()
    {
        Dependencies();
        Facts();

        Assert.False(Task(t => t.ErrorLog = Path.Combine(Governance, "compiler.sarif") + ",version=2.1").Execute());

        Assert.StartsWith("not_run: GovernanceCompilerLog=true, but the compiler's error log", Evidence(LastReceipt(), "compilerLog"));
    }

    [Fact]
    public void A_baseline_update_records_the_build_and_holds_without_failing_it()
    {
        Dependencies(o =>
        {
            o.Status = DependencyCheckStatus.NoBaseline;
            o.Facts = new DependencyRecord([new Core.Baselines.PackageVersionRecord("Polly.Core", "8.4.0")], [], ["src/Core/Core.csproj"], [], []);
        });
        Write(FactsFile, new ModuleCheckFacts(Project, "net10.0", 2, ["Contoso.App.Program", "Contoso.App.Service"], [], syntaxTrees: 2).ToSourceFile());
        var baseline = Path.Combine(_root, ".governance", "baseline", "src", "App", "App.csproj.json");

        Assert.True(Task(t =>
        {
            t.UpdateBaseline = true;
            t.BaselineFile = baseline;
        }).Execute(), _engine.Describe());

        var receipt = LastReceipt();
        Assert.Equal("hold", receipt["verdict"]!.StringValue);
        Assert.StartsWith("pass: updated .governance/baseline/src/App/App.csproj.json [net10.0]: 2 modules", Evidence(receipt, "baseline"));
        var written = Core.Baselines.BaselineSerializer.Read(baseline, File.ReadAllText(baseline)).Baseline!.Targets["net10.0"];
        Assert.Equal(["Contoso.App.Program", "Contoso.App.Service"], written.Modules.Order());
        Assert.Equal("Polly.Core", Assert.Single(written.Packages).Id);
        Assert.Equal(["src/Core/Core.csproj"], written.ProjectReferences);
        Assert.StartsWith("unknown (the baseline was being updated)", File.ReadAllLines(SummaryFile)[3]["unapprovedModules: ".Length..]);
    }

    [Fact]
    public void A_baseline_update_without_dependency_facts_fails()
    {
        Facts();

        Assert.False(Task(t =>
        {
            t.UpdateBaseline = true;
            t.BaselineFile = Path.Combine(_root, ".governance", "baseline", "src", "App", "App.csproj.json");
        }).Execute());

        Assert.Contains(_engine.Errors, e => e.Message!.StartsWith("Cannot update the baseline of 'src/App/App.csproj': the dependency facts are missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ledger_that_cannot_be_written_fails_the_build()
    {
        Dependencies();
        Facts();
        Directory.CreateDirectory(Ledger); // a folder where the ledger file should be

        Assert.False(Task().Execute());

        Assert.Contains(_engine.Errors, e => e.Code == RuleIds.CheckDidNotRun && e.Message!.StartsWith("Could not append the receipt", StringComparison.Ordinal));
    }

    [Fact]
    public void Another_source_generators_output_makes_the_module_summary_unknown()
    {
        Dependencies();
        Facts();
        Write(Path.Combine(Governance, "generated", "System.Text.RegularExpressions.Generator", "RegexGenerator", "RegexGenerator.g.cs"), "// generated");

        Assert.True(Task().Execute(), _engine.Describe());

        Assert.StartsWith("unknown (another source generator added code the module check does not see (System.Text.RegularExpressions.Generator))",
            File.ReadAllLines(SummaryFile)[3]["unapprovedModules: ".Length..]);
    }

    /// <summary>A compiler log as the compiler writes it with ErrorLog=path,version=2.1: a GOV101 at a use, a GOV100
    /// suppressed by a pragma, and GOV101's severity configured to none.</summary>
    private const string Sarif = """
        {
          "version": "2.1.0",
          "runs": [ {
            "results": [
              { "ruleId": "GOV101", "level": "warning", "message": { "text": "'Contoso.App.Helpers' belongs to module 'Contoso.App.Helpers', which no plan approves" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/App/Use.cs" }, "region": { "startLine": 5, "startColumn": 9 } } } ],
                "properties": { "customProperties": { "Module": "Contoso.App.Helpers" } } },
              { "ruleId": "GOV100", "level": "error", "message": { "text": "Type 'Contoso.Hidden' is not in the baseline" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/App/Hidden.cs" }, "region": { "startLine": 1, "startColumn": 7 } } } ],
                "suppressions": [ { "kind": "inSource", "properties": { "suppressionType": "Pragma Directive" } } ] }
            ],
            "invocations": [ { "executionSuccessful": true, "ruleConfigurationOverrides": [ { "descriptor": { "id": "GOV101" }, "configuration": { "level": "none" } } ] } ],
            "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler" } }
          } ]
        }
        """;

    [Fact]
    public void The_compiler_log_adds_the_uses_and_shows_suppressions_and_lowered_severities()
    {
        Dependencies();
        Facts();
        var log = Path.Combine(Governance, "compiler.sarif");
        Write(log, Sarif);

        Assert.False(Task(t => t.ErrorLog = log + ",version=2.1").Execute());

        var receipt = LastReceipt();
        Assert.Equal("pass: read src/App/obj/Debug/net10.0/governance/compiler.sarif: 2 suppression(s) or lowered severities", Evidence(receipt, "compilerLog"));
        // The GOV100 comes from the build facts, never from the log; its suppression is tampering.
        Assert.Equal([RuleIds.UnapprovedModuleReference, RuleIds.SuppressedInSource, RuleIds.SuppressedByBuildConfiguration], ViolationIds(receipt).Order());
        Assert.Equal([RuleIds.SuppressedInSource, RuleIds.SuppressedByBuildConfiguration], _engine.Errors.Select(e => e.Code));
    }

    [Fact]
    public void A_failed_compile_with_usage_rules_raised_to_errors_cannot_approve_without_the_log()
    {
        Dependencies();
        Write(FactsFile, new ModuleCheckFacts(Project, "net10.0", 3, null, [], unapprovedModules: 0, syntaxTrees: 2, raisedToError: [RuleIds.UnapprovedModuleReference]).ToSourceFile());

        // The compile failed, which the build already reported: one message, no second error.
        Assert.True(Task(t => t.CompileCompleted = false).Execute(), _engine.Describe());

        var receipt = LastReceipt();
        Assert.Equal("hold", receipt["verdict"]!.StringValue);
        Assert.StartsWith("not_run: the compiler failed and reports GOV101 as errors in this build", Evidence(receipt, "usage"));
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void A_torn_ledger_tail_is_quarantined_and_said()
    {
        Dependencies();
        Facts();
        Assert.True(Task().Execute(), _engine.Describe());
        File.AppendAllText(Ledger, "{\"schemaVersion\":1,\"pro");

        Assert.True(Task().Execute(), _engine.Describe());

        Assert.StartsWith("pass: recovered a torn tail of ", Evidence(LastReceipt(), "ledger"));
        Assert.EndsWith("{\"schemaVersion\":1,\"pro\n", File.ReadAllText(Ledger + ".quarantine"));
        Assert.Equal(RuleIds.LedgerRecovered, Assert.Single(_engine.Warnings).Code);
    }
}
