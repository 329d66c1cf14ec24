using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;

namespace Governance.Cli;

/// <summary>`dotnet governance`: verify, report, plan, baseline. Exit codes are listed in docs/cli.md.</summary>
public static class GovernanceCli
{

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var ledger = new Option<string>("--ledger") { Description = "The receipt ledger (.governance/ledger/receipts.ndjson).", DefaultValueFactory = _ => Governance.Core.Receipts.ReceiptLedger.DefaultRelativePath };
        var commit = new Option<string?>("--commit") { Description = "Only the receipts of this commit." };

        var solution = new Option<string?>("--solution") { Description = "Check that every project of this solution has a receipt for --commit and none is hold." };
        var build = new Option<string?>("--build") { Description = "Only the receipts of this build (the receipts' buildId: GovernanceBuildId, or the CI run, e.g. github-actions/<run id>/<attempt>)." };
        var root = new Option<string?>("--root") { Description = "Governance root (default: nearest ancestor with .governance/)." };
        var json = new Option<bool>("--json") { Description = "Machine-readable output." };
        var verify = new Command("verify", "Check the ledger's hash chain and, with --solution and --commit, that the build is complete and not on hold.") { ledger, solution, commit, build, root, json };
        verify.SetAction(r => VerifyCommand.Run(r.GetValue(ledger)!, r.GetValue(solution), r.GetValue(commit), r.GetValue(root), r.GetValue(json), output, error, r.GetValue(build)));

        var format = new Option<string>("--format") { Description = "markdown | sarif | intoto", Required = true };
        var outputFile = new Option<string?>("--output") { Description = "Write to this file instead of standard output." };
        var report = new Command("report", "Report one build's receipts as Markdown (job summary), SARIF 2.1.0 or an in-toto Statement v1.") { ledger, commit, build, format, outputFile };
        report.SetAction(r => ReportCommand.Run(r.GetValue(ledger)!, r.GetValue(commit), r.GetValue(format)!, r.GetValue(outputFile), output, error, r.GetValue(build)));

        var id = new Option<string>("--id") { Description = "dispatchId of the new plan.", Required = true };
        var task = new Option<string>("--task") { Description = "What the agent is asked to do.", Required = true };
        var agent = new Option<string?>("--agent") { Description = "Which agent or tool will do the work." };
        var modules = new Option<string[]>("--module") { Description = "A module pattern (repeatable).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var packages = new Option<string[]>("--package") { Description = "id@range (repeatable).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var projectReferences = new Option<string[]>("--project-reference") { Description = "Project reference relative to the root (repeatable).", DefaultValueFactory = _ => [] };
        var projects = new Option<string[]>("--project") { Description = "Project the plan applies to (repeatable).", DefaultValueFactory = _ => [] };
        var expires = new Option<string?>("--expires") { Description = "expiresAt, ISO 8601 with a time zone." };
        var planNew = new Command("new", "Write a new proposal to .governance/plans/<id>.json.") { id, task, agent, modules, packages, projectReferences, projects, expires, root };
        planNew.SetAction(r => PlanCommands.New(r.GetValue(id)!, r.GetValue(task)!, r.GetValue(agent), r.GetValue(modules)!, r.GetValue(packages)!, r.GetValue(projectReferences)!, r.GetValue(projects)!, r.GetValue(expires), r.GetValue(root), output, error));

        var file = new Argument<string>("file") { Description = "The plan file." };
        var by = new Option<string>("--by") { Description = "The approver (must match a principal of the signing key in allowed_signers).", Required = true };
        var key = new Option<string?>("--key") { Description = "Private key to sign with (ssh-keygen -Y sign); ECDSA P-256 or RSA." };
        var now = new Option<string?>("--now") { Description = "Use this instant instead of the clock." };
        var approve = new Command("approve", "Approve (and with --key, sign) a plan.") { file, by, key, expires, now };
        approve.SetAction(r => PlanCommands.Approve(r.GetValue(file)!, r.GetValue(by)!, r.GetValue(key), r.GetValue(expires), r.GetValue(now), output, error));

        var show = new Command("show", "Show a plan and whether it approves anything.") { file, now };
        show.SetAction(r => PlanCommands.Show(r.GetValue(file)!, r.GetValue(now), output, error));

        var target = new Argument<string?>("target") { Description = "Project or solution (default: the one in the current folder).", Arity = ArgumentArity.ZeroOrOne };
        var baseline = new Command("baseline", "Update the baseline: dotnet build -p:GovernanceUpdateBaseline=true.") { target };
        baseline.TreatUnmatchedTokensAsErrors = false;
        baseline.SetAction(r => PlanCommands.Baseline(r.GetValue(target), r.UnmatchedTokens.ToArray(), output, error));

        var baseRef = new Option<string>("--base") { Description = "The protected branch the change goes into (a git ref, e.g. origin/main): approvals come only from there.", Required = true };
        var configuration = new Option<string?>("--configuration", "-c") { Description = "The configuration the build used (default: the one found in obj/, else Debug)." };
        var allowedSigners = new Option<string?>("--allowed-signers") { Description = "The trust root (OpenSSH allowed_signers); default: .governance/allowed_signers of --base." };
        var checkNow = new Option<string?>("--now") { Description = "Judge plan expiry at this instant (ISO 8601) instead of the clock." };
        var repository = new Option<string?>("--repo") { Description = "The repository (default: the current folder)." };
        var checkLedger = new Option<string?>("--ledger") { Description = "Ledger to compare and append to (default: .governance/ledger/receipts.ndjson under each governance root)." };
        var propose = new Option<string?>("--propose") { Description = "On hold, also write .governance/plans/<id>.json: a proposal approving exactly what was held, to sign with 'plan approve --key'." };
        var noReceipt = new Option<bool>("--no-receipt") { Description = "Do not append the check's receipts." };
        var trustedPackages = new Option<string?>("--packages") { Description = "A package folder written by 'dotnet governance packages' (trusted code): package files are compared with it, not with the build's." };
        var check = new Command("check", "Judge what the build produced against approvals from the base branch (run after the build, at the repository root). Exit 0 approve, 2 hold, 3 could not check.")
            { baseRef, configuration, allowedSigners, checkNow, json, repository, checkLedger, propose, noReceipt, trustedPackages };
        check.SetAction(r => Check.CheckCommand.Run(r.GetValue(baseRef)!, r.GetValue(configuration), r.GetValue(allowedSigners), r.GetValue(checkNow), r.GetValue(json), r.GetValue(repository),
            r.GetValue(checkLedger), r.GetValue(propose), r.GetValue(noReceipt), output, error, r.GetValue(trustedPackages)));

        var packagesOutput = new Option<string>("--output") { Description = "The package folder to write.", Required = true };
        var configFile = new Option<string?>("--configfile") { Description = "NuGet configuration with the package sources (take it from the base branch)." };
        var packagesCommand = new Command("packages", "Download every package the build's restore outputs name, by id and exact version, into a folder of its own, for 'check --packages'. Runs no code of the repository.")
            { repository, packagesOutput, configFile };
        packagesCommand.SetAction(r => Check.PackagesCommand.Run(r.GetValue(repository), r.GetValue(packagesOutput)!, r.GetValue(configFile), output, error));

        var initSource = new Option<string?>("--source") { Description = "Where the Governance.Analyzers package comes from (a folder or feed URL): added to the NuGet configuration the projects use, with a package source mapping if they use one." };
        var initVersion = new Option<string>("--version") { Description = "The package version.", DefaultValueFactory = _ => typeof(GovernanceCli).Assembly.GetName().Version?.ToString(3) ?? "1.0.0" };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Do not record the baseline (run 'dotnet governance baseline' later)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change; write nothing." };
        var init = new Command("init", "Adopt the package in an existing repository: add it where every project gets it (central package management included), make its source reachable (source mapping included), create .governance/, keep the ledger out of git, record the baseline. Run twice, it changes nothing.")
            { repository, initSource, initVersion, noBaseline, dryRun };
        init.SetAction(r => InitCommand.Run(r.GetValue(repository), r.GetValue(initSource), r.GetValue(initVersion)!, r.GetValue(noBaseline), r.GetValue(dryRun), output, error));

        var plan = new Command("plan", "Write, approve and show dispatch plans.") { planNew, approve, show };
        var rootCommand = new RootCommand("dotnet governance: check a build against approvals from the base branch, verify and report receipts, write and approve plans, update baselines.") { init, check, packagesCommand, verify, report, plan, baseline };
        var result = rootCommand.Parse(args);
        if (result.Action is not HelpAction && result.Errors.Count == 0)
        {
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }

        // Help and usage errors print the usage with the executable's name (Governance.Cli, dotnet-governance); users
        // type `dotnet governance`.
        var help = new StringWriter();
        var code = result.Invoke(new InvocationConfiguration { Output = help, Error = error });
        output.Write(Regex.Replace(help.ToString(), @"(?m)^(\s+)" + Regex.Escape(rootCommand.Name) + "(?= |$)", "$1dotnet governance"));
        return code;
    }
}
