// Differential test: every case runs the real `ssh-keygen -Y verify` (TZ=UTC, -Overify-time fixed) and our verifier
// on the same allowed_signers text, signature, principal and namespace, and asserts the same accept/reject.
//
// Differences from ssh-keygen (OpenSSH 9.2) fixed for issue 11, item 5; run against the previous verifier, 22 of these
// cases failed:
//  1. Principals matched case-insensitively; OpenSSH's match_pattern_list is called with dolower=0 (case-sensitive).
//  2. Only the first line whose key equals the signing key was looked at: a line for the principal with the right key
//     but refusing options (namespaces, validity) ended the search; OpenSSH tries every line whose principals match.
//  3. namespaces="..." compared as exact strings; OpenSSH matches it as a pattern list ('*', '?', '!').
//  4. valid-before was exclusive; OpenSSH rejects only "verify time > valid-before" (both bounds inclusive), and
//     compares whole seconds.
//  5. Unquoted option values (namespaces=git) were accepted; OpenSSH requires double quotes and skips the line.
//  6. Repeated options, a trailing comma in the options and valid-after at the epoch (0) were accepted; OpenSSH
//     refuses the line.
//  7. Times were parsed strictly by .NET ("20261131Z" and second 60 refused, "UTC" suffix and \" escapes unknown);
//     OpenSSH normalises like timegm (Nov 31 = Dec 1) and accepts "Z", "z" and "UTC".
//  8. Quotes in the principals were stripped from both ends only; OpenSSH's strdelimw removes the first quote wherever
//     it is and takes everything up to the next one, blanks included.
//  9. The key-type token was guessed by prefix ("ssh-", "ecdsa-", "sk-"); OpenSSH tries to read a key and otherwise
//     takes the token as options, and accepts "rsa-sha2-256"/"rsa-sha2-512" as names of an RSA key.
// 10. The SSHSIG reserved field from the blob went into the signed data; OpenSSH always signs and verifies an empty
//     one. Version 0 was refused; OpenSSH refuses only versions above 1.
// 11. Keys were compared as bytes; OpenSSH compares them by value (sshkey_equal), and its mpint reader drops leading
//     zeros, so an RSA key written with a zero-padded exponent is the same key.
// Also matched from the source, not told apart from the previous verifier by these cases: a trailing comma in a
// pattern list adds no empty pattern; "valid-before" not after "valid-after" makes the line an error; option names
// and the "UTC" suffix fold only ASCII letters (strncasecmp); negative mpints are refused; an RSA signature shorter
// than the modulus is left-padded before it is checked.
//
// Deliberate differences, asserted as such below (Divergence.*):
//  - A malformed line anywhere makes the whole trust root an error (every plan rejected); ssh-keygen logs a malformed
//    line, skips it and goes on (check_allowed_keys_line turns every failure into "key not found"), and never reads
//    past the line that verifies.
//  - RSA keys under 2048 bits are refused; OpenSSH accepts 1024 bits and up.
//  - Only ECDSA P-256 and RSA signatures verify: Ed25519 is not in the .NET base class library (rejected with its own
//    message), and P-384/P-521, DSA and security keys are out of scope. Lines with such keys are still read.
//  - A time without Z is UTC here; OpenSSH reads it in the local time zone (identical where TZ is UTC, as in CI).
using System.Diagnostics;
using System.Text;
using Governance.Core.Signing;
using Xunit;

namespace Governance.Core.Tests.Signing;

public enum Divergence
{
    None,

    /// <summary>ssh-keygen accepts, we reject on purpose.</summary>
    StricterHere,

    /// <summary>A time without Z under a non-UTC TZ: ssh-keygen reads local time, we read UTC, so ssh-keygen rejects.</summary>
    LocalTimeIsUtcHere,
}

public sealed record DifferentialCase(string Name, string Signers, string Principal = "alice@example.com", string Signature = "ecdsa",
    string Namespace = SshSignatureVerifier.PlanNamespace, string Tz = "UTC", bool Tampered = false, Divergence Divergence = Divergence.None);

/// <summary>Keys and signatures made once by the real ssh-keygen. Fails (never skips) when ssh-keygen is missing.</summary>
public sealed class OpenSshFixture : IDisposable
{
    public static readonly byte[] Message = Encoding.UTF8.GetBytes("{\"dispatchId\":\"d-2471\",\"modules\":[\"Billing.*\"]}\n");

    public OpenSshFixture()
    {
        Dir = Directory.CreateTempSubdirectory("gov-sshdiff-").FullName;
        File.WriteAllBytes(MessagePath, Message);
        File.WriteAllBytes(Path.Combine(Dir, "tampered"), Encoding.UTF8.GetBytes("{\"dispatchId\":\"d-2472\",\"modules\":[\"Billing.*\"]}\n"));

        // Key generation dominates the run time; the four keys are made in parallel.
        var keys = new[] { ("ecdsa", "ecdsa", 256), ("other", "ecdsa", 256), ("rsa", "rsa", 2048), ("rsa1024", "rsa", 1024), ("ed25519", "ed25519", 256) };
        Parallel.ForEach(keys, k => Run(new[] { "-q", "-t", k.Item2, "-b", k.Item3.ToString(), "-N", "", "-C", k.Item1, "-f", Path.Combine(Dir, k.Item1) }));
        foreach (var (name, _, _) in keys)
        {
            Keys[name] = string.Join(' ', File.ReadAllText(Path.Combine(Dir, name + ".pub")).Split(' ').Take(2));
        }

        // The same RSA key with its exponent written as a 4-byte mpint (00 01 00 01) instead of 3 bytes.
        var rsaBlob = Convert.FromBase64String(Keys["rsa"].Split(' ')[1]);
        var exponentAt = 4 + rsaBlob[3];
        Assert.Equal(3, rsaBlob[exponentAt + 3]);
        var padded = rsaBlob.Take(exponentAt).Concat(new byte[] { 0, 0, 0, 4, 0 }).Concat(rsaBlob.Skip(exponentAt + 4)).ToArray();
        Keys["rsa-padded"] = "ssh-rsa " + Convert.ToBase64String(padded);

        Signatures["ecdsa"] = Sign("ecdsa", SshSignatureVerifier.PlanNamespace);
        Signatures["ecdsa-sha256"] = Sign("ecdsa", SshSignatureVerifier.PlanNamespace, "-O", "hashalg=sha256");
        Signatures["ecdsa-git"] = Sign("ecdsa", "git");
        Signatures["rsa"] = Sign("rsa", SshSignatureVerifier.PlanNamespace);
        Signatures["rsa-sha256"] = Sign("rsa", SshSignatureVerifier.PlanNamespace, "-O", "hashalg=sha256");
        Signatures["rsa1024"] = Sign("rsa1024", SshSignatureVerifier.PlanNamespace);
        Signatures["ed25519"] = Sign("ed25519", SshSignatureVerifier.PlanNamespace);
        Signatures["ecdsa-version0"] = Rewrite(Signatures["ecdsa"], blob => blob[9] = 0);
        Signatures["ecdsa-reserved"] = Rewrite(Signatures["ecdsa"], null);
        foreach (var (name, text) in Signatures)
        {
            File.WriteAllText(Path.Combine(Dir, name + ".sig"), text);
        }
    }

    public string Dir { get; }
    public string MessagePath => Path.Combine(Dir, "message");
    public Dictionary<string, string> Keys { get; } = new();
    public Dictionary<string, string> Signatures { get; } = new();

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    /// <summary>{ecdsa}, {other}, {rsa}, {rsa1024}, {ed25519}, {rsa-padded} stand for "key-type base64" of those keys.</summary>
    public string Expand(string signers)
    {
        foreach (var (name, key) in Keys)
        {
            signers = signers.Replace("{" + name + "}", key);
        }

        return signers;
    }

    /// <summary>ssh-keygen's exit code for -Y verify; 0 is a good signature.</summary>
    public int OpenSshVerify(DifferentialCase c, DateTimeOffset time)
    {
        var signers = Path.Combine(Dir, "allowed_signers-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(signers, Expand(c.Signers));
        var start = new ProcessStartInfo("ssh-keygen") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-Y", "verify", "-f", signers, "-I", c.Principal, "-n", c.Namespace, "-s", Path.Combine(Dir, c.Signature + ".sig"),
                     "-Overify-time=" + time.UtcDateTime.ToString("yyyyMMddHHmmss") + "Z" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TZ"] = c.Tz;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(c.Tampered ? File.ReadAllBytes(Path.Combine(Dir, "tampered")) : Message);
        process.StandardInput.Close();
        process.WaitForExit();
        Assert.True(process.ExitCode is 0 or 255, "ssh-keygen -Y verify failed to run (" + process.ExitCode + "): " + stderr.Result + stdout.Result);
        return process.ExitCode;
    }

    private string Sign(string key, string @namespace, params string[] options)
    {
        var file = Path.Combine(Dir, "sign-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(file, Message);
        Run(new[] { "-Y", "sign", "-f", Path.Combine(Dir, key), "-n", @namespace }.Concat(options).Append(file).ToArray());
        return File.ReadAllText(file + ".sig");
    }

    /// <summary>Re-armors a signature after changing its blob; with no change given, fills the (empty) reserved field.</summary>
    private static string Rewrite(string armored, Action<byte[]>? change)
    {
        var lines = armored.Split('\n');
        var blob = Convert.FromBase64String(string.Concat(lines.Skip(1).TakeWhile(l => !l.StartsWith("-----END", StringComparison.Ordinal))));
        if (change is not null)
        {
            change(blob);
        }
        else
        {
            // magic(6) version(4) publickey(string) namespace(string) reserved(string, empty)
            var at = 10;
            for (var field = 0; field < 2; field++)
            {
                at += 4 + (blob[at] << 24 | blob[at + 1] << 16 | blob[at + 2] << 8 | blob[at + 3]);
            }

            var reserved = Encoding.ASCII.GetBytes("extension");
            blob = blob.Take(at).Concat(new byte[] { 0, 0, 0, (byte)reserved.Length }).Concat(reserved).Concat(blob.Skip(at + 4)).ToArray();
        }

        return "-----BEGIN SSH SIGNATURE-----\n" + Convert.ToBase64String(blob) + "\n-----END SSH SIGNATURE-----\n";
    }

    private static void Run(string[] arguments)
    {
        var start = new ProcessStartInfo("ssh-keygen") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("ssh-keygen is required for the differential tests (install openssh-client); they fail rather than skip.", ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("ssh-keygen " + string.Join(' ', arguments) + " failed: " + stderr.Result);
            }
        }
    }
}

public class OpenSshDifferentialTests : IClassFixture<OpenSshFixture>
{
    private static readonly DateTimeOffset Time = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly OpenSshFixture _ssh;

    public OpenSshDifferentialTests(OpenSshFixture ssh) => _ssh = ssh;

    private static readonly DifferentialCase[] s_cases =
    {
        // Principals: OpenSSH pattern lists.
        new("exact principal", "alice@example.com {ecdsa}"),
        new("principal case differs", "Alice@example.com {ecdsa}"),
        new("principal star", "*@example.com {ecdsa}"),
        new("principal question mark", "?lice@example.co? {ecdsa}"),
        new("principal question mark needs a character", "alice@example.c? {ecdsa}"),
        new("principal star alone", "* {ecdsa}"),
        new("principal in a list", "bob@example.com,alice@example.com {ecdsa}"),
        new("negation after positive", "*@example.com,!alice@example.com {ecdsa}"),
        new("negation before positive", "!alice@example.com,*@example.com {ecdsa}"),
        new("negation of another principal only", "!bob@example.com {ecdsa}"),
        new("negation of another principal with positive", "!bob@example.com,alice@* {ecdsa}"),
        new("trailing comma in principals", "alice@example.com, {ecdsa}"),
        new("empty entry in principals", "bob@example.com,,alice@example.com {ecdsa}"),
        new("quoted principals", "\"bob@example.com,alice@example.com\" {ecdsa}"),
        new("quoted principal with a blank", "\"alice smith\" {ecdsa}", Principal: "alice smith"),
        new("quote inside the principal token", "al\"ice@example.com\" {ecdsa}"),
        new("unclosed quote in principals", "\"alice@example.com {ecdsa}"),
        new("principal is a prefix only", "alice@example {ecdsa}"),

        // Every line whose principals match is tried.
        new("other key first, then this key", "alice@example.com {other}\nalice@example.com {ecdsa}"),
        new("this key refused by namespace, then allowed", "alice@example.com namespaces=\"git\" {ecdsa}\nalice@example.com {ecdsa}"),
        new("this key expired, then valid", "alice@example.com valid-before=\"20200101Z\" {ecdsa}\nalice@example.com valid-after=\"20260101Z\" {ecdsa}"),
        new("negated line, then positive line", "*,!alice@example.com {ecdsa}\nalice@example.com {ecdsa}"),
        new("key trusted for another principal only", "bob@example.com {ecdsa}\nalice@example.com {other}"),
        new("key not in the file", "alice@example.com {other}"),
        new("cert-authority line, then plain line", "alice@example.com cert-authority {ecdsa}\nalice@example.com {ecdsa}"),

        // namespaces="..." is a pattern list.
        new("namespace exact", "alice@example.com namespaces=\"governance-plan\" {ecdsa}"),
        new("namespace in a list", "alice@example.com namespaces=\"git,governance-plan\" {ecdsa}"),
        new("namespace star", "alice@example.com namespaces=\"governance-*\" {ecdsa}"),
        new("namespace question mark", "alice@example.com namespaces=\"gov?rnance-plan\" {ecdsa}"),
        new("namespace negated", "alice@example.com namespaces=\"*,!governance-plan\" {ecdsa}"),
        new("namespace empty", "alice@example.com namespaces=\"\" {ecdsa}"),
        new("namespace case differs", "alice@example.com namespaces=\"Governance-plan\" {ecdsa}"),
        new("namespace other", "alice@example.com namespaces=\"git\" {ecdsa}"),
        new("namespace with a quoted blank", "alice@example.com namespaces=\"git, governance-plan\" {ecdsa}"),
        new("namespace with an escaped quote", "alice@example.com namespaces=\"a\\\"b,governance-plan\" {ecdsa}"),
        new("namespace unquoted", "alice@example.com namespaces=governance-plan {ecdsa}"),
        new("namespaces twice", "alice@example.com namespaces=\"governance-plan\",namespaces=\"git\" {ecdsa}"),
        new("option name with a non-ASCII letter", "alice@example.com namespace\u017F=\"governance-plan\" {ecdsa}"),
        new("option name upper case", "alice@example.com NAMESPACES=\"governance-plan\",Valid-Before=\"20270101Z\" {ecdsa}"),
        new("signature made for another namespace", "alice@example.com {ecdsa}", Signature: "ecdsa-git"),

        // cert-authority and other options.
        new("cert-authority", "alice@example.com cert-authority {ecdsa}"),
        new("cert-authority upper case with namespaces", "alice@example.com CERT-AUTHORITY,namespaces=\"governance-plan\" {ecdsa}"),
        new("cert-authority with a suffix", "alice@example.com cert-authorityx {ecdsa}"),
        new("unknown option", "alice@example.com foo=\"bar\" {ecdsa}"),
        new("options end with a comma", "alice@example.com namespaces=\"governance-plan\", {ecdsa}"),
        new("blank after a comma in the options", "alice@example.com namespaces=\"governance-plan\", valid-after=\"20200101Z\" {ecdsa}"),

        // valid-after / valid-before at 2026-11-24T12:00:00Z.
        new("valid-before equals the time", "alice@example.com valid-before=\"20261124120000Z\" {ecdsa}"),
        new("valid-before one second earlier", "alice@example.com valid-before=\"20261124115959Z\" {ecdsa}"),
        new("valid-after equals the time", "alice@example.com valid-after=\"20261124120000Z\" {ecdsa}"),
        new("valid-after one second later", "alice@example.com valid-after=\"20261124120001Z\" {ecdsa}"),
        new("valid-before minutes equal the time", "alice@example.com valid-before=\"202611241200Z\" {ecdsa}"),
        new("valid-before date only is midnight", "alice@example.com valid-before=\"20261124Z\" {ecdsa}"),
        new("valid-after date only is midnight", "alice@example.com valid-after=\"20261124\" {ecdsa}"),
        new("valid-before with UTC suffix", "alice@example.com valid-before=\"20261124120000UTC\" {ecdsa}"),
        new("valid-before with lower-case z", "alice@example.com valid-before=\"20261124120000z\" {ecdsa}"),
        new("valid-before second 60 rolls over", "alice@example.com valid-before=\"20261124115960Z\" {ecdsa}"),
        new("valid-before November 31 is December 1", "alice@example.com valid-before=\"20261131Z\" {ecdsa}"),
        new("valid-before month 13", "alice@example.com valid-before=\"20261324Z\" {ecdsa}"),
        new("valid-before ten digits", "alice@example.com valid-before=\"2026112412Z\" {ecdsa}"),
        new("valid-after at the epoch", "alice@example.com valid-after=\"19700101Z\" {ecdsa}"),
        new("valid-before not after valid-after", "alice@example.com valid-after=\"20261124120000Z\",valid-before=\"20261124120000Z\" {ecdsa}"),
        new("valid-before twice", "alice@example.com valid-before=\"20270101Z\",valid-before=\"20280101Z\" {ecdsa}"),
        new("valid-before unquoted", "alice@example.com valid-before=20270101Z {ecdsa}"),
        new("valid window around the time", "alice@example.com valid-after=\"20260101\",valid-before=\"20270101\" {ecdsa}"),

        // Keys, hashes and signature encodings.
        new("ECDSA signature over SHA-256", "alice@example.com {ecdsa}", Signature: "ecdsa-sha256"),
        new("RSA signature", "alice@example.com {rsa}", Signature: "rsa"),
        new("RSA signature over SHA-256", "alice@example.com {rsa}", Signature: "rsa-sha256"),
        new("RSA key written as rsa-sha2-512", "alice@example.com rsa-sha2-512 {rsa-base64}", Signature: "rsa"),
        new("RSA key with a zero-padded exponent", "alice@example.com {rsa-padded}", Signature: "rsa"),
        new("key type does not match the key", "alice@example.com ssh-rsa {ecdsa-base64}"),
        new("SSHSIG version 0", "alice@example.com {ecdsa}", Signature: "ecdsa-version0"),
        new("SSHSIG reserved field not empty", "alice@example.com {ecdsa}", Signature: "ecdsa-reserved"),
        new("tampered message", "alice@example.com {ecdsa}", Tampered: true),

        // File layout.
        new("comments, blank lines, CRLF and leading blanks", "# approvers\r\n\r\n   \t# indented comment\r\n\talice@example.com   {ecdsa}   alice's laptop\r\n"),
        new("tabs between fields", "alice@example.com\tnamespaces=\"governance-plan\"\t{ecdsa}"),
        new("principals only, alone", "alice@example.com"),
        new("bad base64 for this principal, alone", "alice@example.com ecdsa-sha2-nistp256 AAAA!!!!"),

        // Deliberate differences.
        new("principals only, then the good line", "alice@example.com\nalice@example.com {ecdsa}", Divergence: Divergence.StricterHere),
        new("bad base64 for this principal before the good line", "alice@example.com ecdsa-sha2-nistp256 AAAA!!!!\nalice@example.com {ecdsa}", Divergence: Divergence.StricterHere),
        new("bad line for another principal", "bob@example.com ecdsa-sha2-nistp256 AAAA!!!!\nalice@example.com {ecdsa}", Divergence: Divergence.StricterHere),
        new("bad line after the good line", "alice@example.com {ecdsa}\nalice@example.com namespaces=git {ecdsa}", Divergence: Divergence.StricterHere),
        new("Ed25519 line for the principal, then the ECDSA line", "alice@example.com {ed25519}\nalice@example.com {ecdsa}"),
        new("Ed25519 signature", "alice@example.com {ed25519}", Signature: "ed25519", Divergence: Divergence.StricterHere),
        new("RSA key of 1024 bits", "alice@example.com {rsa1024}", Signature: "rsa1024", Divergence: Divergence.StricterHere),
        new("time without Z in another zone", "alice@example.com valid-before=\"20261124200000\" {ecdsa}", Tz: "JST-9", Divergence: Divergence.LocalTimeIsUtcHere),
    };

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var c in s_cases)
        {
            names.Add(c.Name);
        }

        return names;
    }

    [Fact]
    public void Case_names_are_unique_and_there_are_enough() =>
        Assert.True(s_cases.Select(c => c.Name).Distinct().Count() == s_cases.Length && s_cases.Length >= 40, "cases: " + s_cases.Length);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Same_verdict_as_ssh_keygen(string name)
    {
        var c = s_cases.Single(x => x.Name == name);
        var openSshAccepts = _ssh.OpenSshVerify(c with { Signers = ExpandBase64(c.Signers) }, Time) == 0;

        var parsed = AllowedSigners.Parse(_ssh.Expand(ExpandBase64(c.Signers)), "allowed_signers");
        var message = c.Tampered ? Encoding.UTF8.GetBytes("{\"dispatchId\":\"d-2472\",\"modules\":[\"Billing.*\"]}\n") : OpenSshFixture.Message;
        var verification = SshSignatureVerifier.Verify(message, _ssh.Signatures[c.Signature], parsed.Signers, c.Principal, c.Namespace, Time);
        // The gate rejects every signature while the trust root has errors (GovernanceFiles, GovernanceInputs).
        var weAccept = parsed.Errors.Count == 0 && verification.IsValid;
        var ours = weAccept ? "accepts" : "rejects (" + verification + "; " + string.Join("; ", parsed.Errors) + ")";

        switch (c.Divergence)
        {
            case Divergence.None:
                Assert.True(openSshAccepts == weAccept, "ssh-keygen " + (openSshAccepts ? "accepts" : "rejects") + ", we " + ours);
                break;
            case Divergence.StricterHere:
                Assert.True(openSshAccepts && !weAccept, "expected ssh-keygen to accept and us to reject; ssh-keygen " + (openSshAccepts ? "accepts" : "rejects") + ", we " + ours);
                break;
            case Divergence.LocalTimeIsUtcHere:
                Assert.True(!openSshAccepts && weAccept, "expected ssh-keygen (local time) to reject and us (UTC) to accept; ssh-keygen " + (openSshAccepts ? "accepts" : "rejects") + ", we " + ours);
                break;
        }
    }

    /// <summary>{name-base64} stands for the base64 of a key alone, for lines that spell the key type themselves.</summary>
    private string ExpandBase64(string signers)
    {
        foreach (var (name, key) in _ssh.Keys)
        {
            signers = signers.Replace("{" + name + "-base64}", key.Split(' ')[1]);
        }

        return signers;
    }
}
