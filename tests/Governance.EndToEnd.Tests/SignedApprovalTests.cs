using Governance.Cli;
using Xunit;
using static Governance.EndToEnd.Tests.CheckRepo;

namespace Governance.EndToEnd.Tests;

/// <summary>Approvals the agent cannot forge: signed with ssh-keygen, verified against a trust root from outside the
/// repository, with GovernanceRequireSignedPlans passed on the command line as CI does.</summary>
public sealed class SignedApprovalTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void Signed_plan_approves_and_tampering_untrusted_or_unsigned_plans_hold_with_GOV004()
    {
        using var repo = new TempRepo(package).WithAppAndLib();
        Assert.Equal(0, repo.Build("-p:GovernanceUpdateBaseline=true").ExitCode);
        repo.Write("src/App/Retry/Policy.cs", "namespace Contoso.App.Retry;\n\npublic sealed class Policy\n{\n}\n");

        var keys = Directory.CreateTempSubdirectory("gov-keys-").FullName;
        try
        {
            var alice = Key(keys, "alice");
            var mallory = Key(keys, "mallory");
            var trustRoot = Path.Combine(keys, "allowed_signers");
            File.WriteAllText(trustRoot, "alice@example.com " + PublicKey(alice) + "\n");
            var required = $"-p:GovernanceRequireSignedPlans=true -p:GovernanceAllowedSigners=\"{trustRoot}\"";

            var plan = Path.Combine(repo.Root, ".governance/plans/d-5001.json");
            Assert.Equal(0, GovernanceCli.Run(["plan", "new", "--id", "d-5001", "--task", "Retry policy", "--module", "Contoso.App.Retry.**", "--project", "src/App/App.csproj", "--root", repo.Root], TextWriter.Null, TextWriter.Null));

            // Unsigned, in required mode: GOV004, nothing approved.
            Assert.Equal(0, GovernanceCli.Run(["plan", "approve", plan, "--by", "alice@example.com"], TextWriter.Null, TextWriter.Null));
            AssertHold(repo, required, "is not signed, and signed approvals are required");

            // Signed by a trusted key: approve, with the dispatchId in the receipt.
            Assert.Equal(0, GovernanceCli.Run(["plan", "approve", plan, "--by", "alice@example.com", "--key", alice], TextWriter.Null, TextWriter.Null));
            var count = repo.Receipts().Count;
            var signed = repo.Build(required);
            Assert.True(signed.ExitCode == 0, signed.Output);
            Assert.Equal("approve", repo.ReceiptsSince(count)["src/App/App.csproj"].GetProperty("verdict").GetString());

            // One byte of the scope changed after signing.
            var original = File.ReadAllText(plan);
            File.WriteAllText(plan, original.Replace("Contoso.App.Retry.**", "Contoso.App.Retrz.**"));
            AssertHold(repo, required, "the plan was changed after it was signed");
            File.WriteAllText(plan, original);

            // Signed by a key the trust root does not list.
            Assert.Equal(0, GovernanceCli.Run(["plan", "approve", plan, "--by", "alice@example.com", "--key", mallory], TextWriter.Null, TextWriter.Null));
            AssertHold(repo, required, "is not in the trust root");

            Assert.True(repo.VerifyLedger().IsIntact);
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    private static void AssertHold(TempRepo repo, string properties, string reason)
    {
        // A rejected approval is recorded in every receipt: Lib, which the plan does not cover, holds too, and its
        // failed build stops App's ...
        var count = repo.Receipts().Count;
        var solution = repo.Build(properties);
        Assert.NotEqual(0, solution.ExitCode);
        Assert.Contains("error GOV004", solution.Output);
        Assert.Contains(reason, solution.Output);
        var lib = repo.ReceiptsSince(count)["src/Lib/Lib.csproj"];
        Assert.Equal("hold", lib.GetProperty("verdict").GetString());
        Assert.Contains("GOV004", GateScenarioTests.Violations(lib));

        // ... so App is built against Lib's last output to show its own judgement.
        count = repo.Receipts().Count;
        var build = repo.Dotnet("build src/App/App.csproj -nologo -p:BuildProjectReferences=false " + properties);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GOV004", build.Output);
        Assert.Contains(reason, build.Output);
        Assert.Contains("error GOV100: Type 'Contoso.App.Retry.Policy'", build.Output);
        var receipt = repo.ReceiptsSince(count)["src/App/App.csproj"];
        Assert.Equal("hold", receipt.GetProperty("verdict").GetString());
        Assert.Contains("GOV004", GateScenarioTests.Violations(receipt));
    }
}
