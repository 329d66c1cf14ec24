using System.Diagnostics;
using Governance.Core.Plans;
using Governance.Core.Policy;
using Governance.Core.Signing;
using Xunit;

namespace Governance.Cli.Tests;

public class PlanCommandTests : CliTestBase
{
    [Fact]
    public void New_approve_with_a_real_ssh_key_and_show_round_trip()
    {
        Directory.CreateDirectory(Path.Combine(Dir, ".governance"));
        var (code, _, error) = Cli("plan", "new", "--id", "d-9", "--task", "Add retries", "--module", "Contoso.Retry.**", "--package", "Polly.Core@[8.4.0,9.0.0)", "--project", "src/A/A.csproj", "--root", Dir);
        Assert.True(code == 0, error);
        var path = Path.Combine(Dir, ".governance", "plans", "d-9.json");
        Assert.Equal(1, Cli("plan", "new", "--id", "d-9", "--task", "again", "--root", Dir).Code);

        var key = Path.Combine(Dir, "approver");
        Run("ssh-keygen", "-q -t ecdsa -b 256 -N \"\" -C approver -f \"" + key + "\"");
        (code, _, error) = Cli("plan", "approve", path, "--by", "alice@example.com", "--key", key, "--now", "2026-11-24T12:00:00Z");
        Assert.True(code == 0, error);

        var plan = PlanReader.Read(path, File.ReadAllText(path)).Plan!;
        Assert.Equal("alice@example.com", plan.ApprovedBy);
        Assert.StartsWith("-----BEGIN SSH SIGNATURE-----", plan.Signature);
        var publicKey = File.ReadAllText(key + ".pub").Split(' ');
        var trust = AllowedSigners.Parse("alice@example.com " + publicKey[0] + " " + publicKey[1] + "\n", "allowed_signers").Signers;
        var verification = SshSignatureVerifier.Verify(PlanAssessor.CanonicalContent(plan), plan.Signature!, trust, "alice@example.com", SshSignatureVerifier.PlanNamespace, DateTimeOffset.UtcNow);
        Assert.True(verification.IsValid, verification.Message);

        var (showCode, shown, _) = Cli("plan", "show", path, "--now", "2026-11-25T00:00:00Z");
        Assert.Equal(0, showCode);
        Assert.Contains("state:    Approved", shown);
        Assert.Contains("modules:  Contoso.Retry.**", shown);
    }

    [Fact]
    public void Approve_refuses_a_broken_plan_with_located_errors()
    {
        var path = Path.Combine(Dir, "bad.json");
        File.WriteAllText(path, "{\n  \"dispatchId\": \"d-1\",\n  \"modules\": [\"A.*.B\"]\n}\n");
        var (code, _, error) = Cli("plan", "approve", path, "--by", "a@b.c");
        Assert.Equal(1, code);
        Assert.Contains("bad.json(3,15): error GOV001: 'A.*.B' is not a valid module pattern", error);
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, file + " failed: " + process.StandardError.ReadToEnd());
    }
}
