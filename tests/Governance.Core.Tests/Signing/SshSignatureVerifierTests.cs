using System.Diagnostics;
using System.Text;
using Governance.Core.Signing;
using Xunit;

namespace Governance.Core.Tests.Signing;

/// <summary>Against the real ssh-keygen (Debian's openssh-client): what it signs, we verify; what it rejects, we reject.</summary>
public class SshSignatureVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("gov-sig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Key(string type, int bits, string name)
    {
        var path = Path.Combine(_dir, name);
        Run($"-q -t {type} {(bits > 0 ? "-b " + bits : string.Empty)} -N \"\" -C {name} -f \"{path}\"");
        return path;
    }

    private string Sign(string key, byte[] message, string ns = SshSignatureVerifier.PlanNamespace)
    {
        var file = Path.Combine(_dir, "msg-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(file, message);
        Run($"-Y sign -f \"{key}\" -n {ns} \"{file}\"");
        return File.ReadAllText(file + ".sig");
    }

    private AllowedSigners Trust(string line) => AllowedSigners.Parse(line + "\n", Path.Combine(_dir, "allowed_signers")).Signers;

    private static string Pub(string key) => string.Join(' ', File.ReadAllText(key + ".pub").Split(' ').Take(2));

    private static string Run(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ssh-keygen", arguments) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "ssh-keygen " + arguments + " failed (install openssh-client): " + process.StandardError.ReadToEnd());
        return output;
    }

    [Theory]
    [InlineData("ecdsa", 256)]
    [InlineData("rsa", 3072)]
    public void Signature_made_by_ssh_keygen_verifies_and_the_fingerprint_matches(string type, int bits)
    {
        var key = Key(type, bits, "alice");
        var message = Encoding.UTF8.GetBytes("{\"dispatchId\":\"d-1\"}");
        var result = SshSignatureVerifier.Verify(message, Sign(key, message), Trust("alice@example.com " + Pub(key)), "alice@example.com", SshSignatureVerifier.PlanNamespace, Now);

        Assert.True(result.IsValid, result.Message);
        Assert.Contains(result.KeyFingerprint!, Run($"-lf \"{key}.pub\""));
    }

    [Fact]
    public void Every_way_to_be_wrong_has_its_own_status()
    {
        var alice = Key("ecdsa", 256, "alice");
        var other = Key("ecdsa", 256, "other");
        var message = Encoding.UTF8.GetBytes("scope");
        var signature = Sign(alice, message);
        var trust = Trust("alice@example.com " + Pub(alice));

        SignatureStatus Check(byte[] m, string s, AllowedSigners t, string principal = "alice@example.com") =>
            SshSignatureVerifier.Verify(m, s, t, principal, SshSignatureVerifier.PlanNamespace, Now).Status;

        Assert.Equal(SignatureStatus.BadSignature, Check(Encoding.UTF8.GetBytes("scopf"), signature, trust));
        Assert.Equal(SignatureStatus.SignerNotTrusted, Check(message, signature, Trust("alice@example.com " + Pub(other))));
        Assert.Equal(SignatureStatus.PrincipalMismatch, Check(message, signature, trust, "bob@example.com"));
        Assert.Equal(SignatureStatus.NamespaceMismatch, Check(message, Sign(alice, message, "file"), trust));
        Assert.Equal(SignatureStatus.NamespaceMismatch, Check(message, signature, Trust("alice@example.com namespaces=\"git\" " + Pub(alice))));
        Assert.Equal(SignatureStatus.KeyNotValidAtTime, Check(message, signature, Trust("alice@example.com valid-before=\"20200101\" " + Pub(alice))));
        Assert.Equal(SignatureStatus.Valid, Check(message, signature, Trust("*@example.com,!bob@example.com " + Pub(alice))));
        Assert.Equal(SignatureStatus.Missing, Check(message, "", trust));
        Assert.Equal(SignatureStatus.Malformed, Check(message, "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----", trust));
    }

    [Fact]
    public void Ed25519_is_rejected_with_guidance()
    {
        var key = Key("ed25519", 0, "ed");
        var message = Encoding.UTF8.GetBytes("scope");
        var result = SshSignatureVerifier.Verify(message, Sign(key, message), Trust("alice@example.com " + Pub(key)), "alice@example.com", SshSignatureVerifier.PlanNamespace, Now);
        Assert.Equal(SignatureStatus.UnsupportedKeyType, result.Status);
        Assert.Equal(SshSignatureVerifier.Ed25519Message, result.Message);
    }

    [Fact]
    public void Malformed_allowed_signers_lines_are_errors_with_line_numbers()
    {
        var parsed = AllowedSigners.Parse("# comment\n\nalice@example.com ecdsa-sha2-nistp256 !!!notbase64\nbob only-two\n", "allowed_signers");
        Assert.Equal(new[] { 3, 4 }, parsed.Errors.Select(e => e.Line));
        Assert.Empty(parsed.Signers.Entries);
    }

    [Fact]
    public void Ten_thousand_mutated_signatures_never_throw_and_verify_only_as_OpenSSH_would()
    {
        var key = Key("ecdsa", 256, "fuzz");
        var message = Encoding.UTF8.GetBytes("scope");
        var armored = Sign(key, message);
        var lines = armored.Split('\n');
        var blob = Convert.FromBase64String(string.Concat(lines.Skip(1).TakeWhile(l => !l.StartsWith("-----END", StringComparison.Ordinal))));
        var trust = Trust("alice@example.com " + Pub(key));
        var random = new Random(20261124);
        for (var i = 0; i < 10_000; i++)
        {
            var mutated = (byte[])blob.Clone();
            switch (i % 3)
            {
                case 0:
                    mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    Array.Resize(ref mutated, random.Next(mutated.Length));
                    break;
                default:
                    var at = random.Next(mutated.Length - 4);
                    mutated[at] = 0xFF; mutated[at + 1] = 0xFF; mutated[at + 2] = 0xFF; mutated[at + 3] = 0xF0;
                    break;
            }

            var text = "-----BEGIN SSH SIGNATURE-----\n" + Convert.ToBase64String(mutated) + "\n-----END SSH SIGNATURE-----";
            var result = SshSignatureVerifier.Verify(message, text, trust, "alice@example.com", SshSignatureVerifier.PlanNamespace, Now);
            // Version 0 is the one change OpenSSH accepts too (it refuses only versions above 1; the version is not signed).
            var onlyVersionZeroed = mutated.Length == blob.Length && mutated.AsSpan(6, 4).SequenceEqual(new byte[4])
                && mutated.AsSpan(0, 6).SequenceEqual(blob.AsSpan(0, 6)) && mutated.AsSpan(10).SequenceEqual(blob.AsSpan(10));
            Assert.True(result.Status != SignatureStatus.Valid || onlyVersionZeroed, "mutation " + i + " verifies: " + Convert.ToBase64String(mutated));
        }
    }

    [Fact]
    public void An_ECDSA_key_whose_point_is_not_on_the_curve_is_an_error_as_in_OpenSSH()
    {
        var key = Key("ecdsa", 256, "curve");
        var blob = Convert.FromBase64String(Pub(key).Split(' ')[1]);
        var good = AllowedSigners.Parse("alice@example.com ecdsa-sha2-nistp256 " + Convert.ToBase64String(blob) + "\n", "allowed_signers");
        blob[^1] ^= 1;
        var offCurve = AllowedSigners.Parse("alice@example.com ecdsa-sha2-nistp256 " + Convert.ToBase64String(blob) + "\n", "allowed_signers");

        Assert.Empty(good.Errors);
        Assert.Equal(1, Assert.Single(offCurve.Errors).Line);
    }

    [Theory]
    [InlineData("", "a,", 0)] // a trailing comma adds no empty pattern
    [InlineData("", "a,,b", 1)] // an empty entry in the middle matches the empty string
    [InlineData("alice", "ALICE", 0)]
    [InlineData("alice", "*,!alice", -1)]
    [InlineData("alice", "!alice,*", -1)]
    [InlineData("alice", "!bob", 0)]
    [InlineData("alice", "!!alice", 0)] // only one '!' negates; the second is literal
    [InlineData("\u00e9", "?", 0)] // '?' is one byte, and 'é' is two in UTF-8
    [InlineData("\u00e9", "??", 1)]
    [InlineData("a", "**?*", 1)]
    public void Pattern_lists_match_as_OpenSSH_match_pattern_list(string value, string patterns, int expected) =>
        Assert.Equal(expected, OpenSshPatterns.MatchList(value, patterns));

    [Fact]
    public void A_sub_pattern_of_1023_bytes_makes_the_whole_list_fail_as_in_OpenSSH()
    {
        Assert.Equal(1, OpenSshPatterns.MatchList("alice", "alice," + new string('x', 1022)));
        Assert.Equal(0, OpenSshPatterns.MatchList("alice", "alice," + new string('x', 1023)));
    }
}
