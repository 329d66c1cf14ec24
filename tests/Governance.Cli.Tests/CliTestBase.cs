using Governance.Core.Findings;
using Governance.Core.Receipts;

namespace Governance.Cli.Tests;

public abstract class CliTestBase : IDisposable
{
    protected CliTestBase()
    {
        Dir = Directory.CreateTempSubdirectory("gov-cli-").FullName;
        Ledger = Path.Combine(Dir, ".governance", "ledger", "receipts.ndjson");
    }

    protected string Dir { get; }
    protected string Ledger { get; }

    protected void Append(string project, Verdict verdict = Verdict.Approve, string? commit = "abc123", params Finding[] violations)
    {
        var receipt = new Receipt { Project = project, TargetFramework = "net10.0", Commit = commit, Timestamp = DateTimeOffset.UtcNow, ToolVersion = "1.0.0", Verdict = verdict, GovernanceRoot = Dir };
        receipt.DispatchIds.Add("d-1");
        receipt.PlanDigests.Add(new PlanDigest("d-1", ".governance/plans/d-1.json", new string('a', 64), "approved"));
        foreach (var v in violations)
        {
            receipt.Violations.Add(v);
        }

        ReceiptLedger.Append(Ledger, _ => receipt.ToJson());
    }

    protected (int Code, string Out, string Err) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = GovernanceCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    protected string WriteSolution(params string[] projects)
    {
        Directory.CreateDirectory(Path.Combine(Dir, ".governance"));
        var path = Path.Combine(Dir, "Repo.sln");
        File.WriteAllText(path, "Microsoft Visual Studio Solution File, Format Version 12.00\n" + string.Concat(projects.Select((p, i) =>
            $"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"P{i}\", \"{p.Replace('/', '\\')}\", \"{{{Guid.NewGuid()}}}\"\nEndProject\n")));
        return path;
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
