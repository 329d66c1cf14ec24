using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Core.Signing;

public enum SignatureStatus
{
    Valid,
    Missing,
    Malformed,
    UnsupportedKeyType,
    NamespaceMismatch,
    SignerNotTrusted,
    PrincipalMismatch,
    BadSignature,
    KeyNotValidAtTime,
}

public sealed class SignatureVerification
{
    internal SignatureVerification(SignatureStatus status, string message, string? keyFingerprint = null, string? keyType = null)
    {
        Status = status;
        Message = message;
        KeyFingerprint = keyFingerprint;
        KeyType = keyType;
    }

    public SignatureStatus Status { get; }
    public bool IsValid => Status == SignatureStatus.Valid;
    public string Message { get; }

    /// <summary>"SHA256:&lt;base64 without padding&gt;", as <c>ssh-keygen -l</c> prints it.</summary>
    public string? KeyFingerprint { get; }

    public string? KeyType { get; }

    public override string ToString() => Status + ": " + Message;
}

/// <summary>
/// Verifies OpenSSH signatures (<c>ssh-keygen -Y sign</c>, PROTOCOL.sshsig) against an allowed_signers trust root,
/// with the base class library's crypto only (Core may carry no dependency). Supported: ECDSA P-256 and RSA keys
/// (rsa-sha2-256/512 signatures). Ed25519 is not in the .NET BCL, so such signatures are rejected with guidance.
/// </summary>
public static class SshSignatureVerifier
{
    public const string PlanNamespace = "governance-plan";

    public const string Ed25519Message =
        "Ed25519 keys are not supported: the .NET base class library has no Ed25519 implementation. Sign with an ECDSA P-256 key (ssh-keygen -t ecdsa -b 256) or an RSA key (ssh-keygen -t rsa -b 3072).";

    /// <summary>Deliberately stricter than OpenSSH, which accepts RSA keys from 1024 bits.</summary>
    public const int MinimumRsaBits = 2048;

    private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("SSHSIG");
    private const string ArmorBegin = "-----BEGIN SSH SIGNATURE-----";
    private const string ArmorEnd = "-----END SSH SIGNATURE-----";

    public static SignatureVerification Verify(byte[] message, string armoredSignature, AllowedSigners trustRoot, string principal, string @namespace, DateTimeOffset now)
    {
        try
        {
            return VerifyCore(message, armoredSignature, trustRoot, principal, @namespace, now);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException or OverflowException)
        {
            return new SignatureVerification(SignatureStatus.Malformed, "The signature could not be read (" + ex.Message + ").");
        }
    }

    public static string Fingerprint(byte[] publicKeyBlob)
    {
        using var sha = SHA256.Create();
        return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(publicKeyBlob)).TrimEnd('=');
    }

    /// <summary>
    /// The order of ssh-keygen -Y verify (sshsig.c sshsig_wrap_verify, then sshsig_check_allowed_keys) except that
    /// trust comes before crypto here, so that an untrusted key is rejected whatever it signed; the verdict is the same.
    /// </summary>
    private static SignatureVerification VerifyCore(byte[] message, string armored, AllowedSigners trustRoot, string principal, string expectedNamespace, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(armored))
        {
            return new SignatureVerification(SignatureStatus.Missing, "The plan has no signature.");
        }

        var blob = Dearmor(armored);
        if (blob is null)
        {
            return Malformed("it is not an armored SSH signature (\"" + ArmorBegin + "\" ... \"" + ArmorEnd + "\")");
        }

        var reader = new SshWireReader(blob);
        if (!reader.TryReadBytes(6, out var magic) || !FixedTimeEquals(magic, s_magic))
        {
            return Malformed("the SSHSIG magic preamble is missing");
        }

        // OpenSSH refuses only versions above 1; the version is not part of what is signed.
        if (!reader.TryReadUInt32(out var version) || version > 1)
        {
            return Malformed("only SSHSIG version 1 is supported");
        }

        // The reserved field is read and ignored: OpenSSH signs and verifies with an empty one whatever the blob holds.
        if (!reader.TryReadString(out var publicKeyBlob) || !reader.TryReadString(out var signedNamespace) || Array.IndexOf(signedNamespace, (byte)0) >= 0
            || !reader.TryReadString(out _) || !reader.TryReadUtf8(out var hashAlgorithm) || !reader.TryReadString(out var signatureBlob) || !reader.AtEnd)
        {
            return Malformed("the signature blob is truncated or has trailing data");
        }

        var publicKey = SshPublicKey.TryParse(publicKeyBlob);
        if (publicKey is null)
        {
            return Malformed("its public key is not a well-formed SSH key");
        }

        var keyType = publicKey.TypeName;
        var fingerprint = Fingerprint(publicKey.Canonical);
        if (publicKey.Kind is "ssh-ed25519" or "sk-ssh-ed25519@openssh.com" or "sk-ecdsa")
        {
            return new SignatureVerification(SignatureStatus.UnsupportedKeyType,
                publicKey.Kind == "ssh-ed25519" ? Ed25519Message : "Security-key (" + keyType + ") signatures are not supported. Sign with an ECDSA P-256 or RSA key.", fingerprint, keyType);
        }

        if (!publicKey.IsEcdsaP256 && !publicKey.IsRsa)
        {
            return new SignatureVerification(SignatureStatus.UnsupportedKeyType,
                "Key type '" + keyType + "' is not supported. Sign with an ECDSA P-256 key (ssh-keygen -t ecdsa -b 256) or an RSA key (ssh-keygen -t rsa -b 3072).", fingerprint, keyType);
        }

        if (!FixedTimeEquals(signedNamespace, Encoding.UTF8.GetBytes(expectedNamespace)))
        {
            return new SignatureVerification(SignatureStatus.NamespaceMismatch,
                "The signature was made for namespace '" + Encoding.UTF8.GetString(signedNamespace) + "', not '" + expectedNamespace + "'. Sign with 'ssh-keygen -Y sign -n " + expectedNamespace + "'.", fingerprint, keyType);
        }

        // Exactly OpenSSH's list (sshsig.c HASHALG_ALLOWED), case-sensitive.
        if (hashAlgorithm is not ("sha256" or "sha512"))
        {
            return Malformed("hash algorithm '" + hashAlgorithm + "' is not sha256 or sha512");
        }

        if (FindTrustedEntry(trustRoot, publicKey, principal, expectedNamespace, now, fingerprint) is { } rejected)
        {
            return rejected;
        }

        if (publicKey.IsRsa && publicKey.RsaModulusBits < MinimumRsaBits)
        {
            return new SignatureVerification(SignatureStatus.UnsupportedKeyType,
                "RSA keys shorter than " + MinimumRsaBits + " bits are not accepted (this one has " + publicKey.RsaModulusBits + "). Sign with an ECDSA P-256 key or an RSA key of 3072 bits.", fingerprint, keyType);
        }

        byte[] signedData;
        using (var stream = new MemoryStream())
        {
            stream.Write(s_magic, 0, s_magic.Length);
            SshWireReader.WriteString(stream, Encoding.UTF8.GetBytes(expectedNamespace));
            SshWireReader.WriteString(stream, Array.Empty<byte>());
            SshWireReader.WriteString(stream, Encoding.UTF8.GetBytes(hashAlgorithm));
            using (HashAlgorithm hash = hashAlgorithm == "sha256" ? SHA256.Create() : SHA512.Create())
            {
                SshWireReader.WriteString(stream, hash.ComputeHash(message));
            }

            signedData = stream.ToArray();
        }

        var sigReader = new SshWireReader(signatureBlob);
        if (!sigReader.TryReadUtf8(out var signatureType) || !sigReader.TryReadString(out var signatureBytes) || !sigReader.AtEnd)
        {
            return Malformed("the inner signature is truncated or has trailing data");
        }

        bool ok;
        if (publicKey.IsEcdsaP256)
        {
            if (signatureType != "ecdsa-sha2-nistp256")
            {
                return Malformed("signature type '" + signatureType + "' does not match the ECDSA key");
            }

            ok = VerifyEcdsa(publicKey, signedData, signatureBytes);
        }
        else
        {
            HashAlgorithmName hash;
            if (signatureType == "rsa-sha2-512")
            {
                hash = HashAlgorithmName.SHA512;
            }
            else if (signatureType == "rsa-sha2-256")
            {
                hash = HashAlgorithmName.SHA256;
            }
            else if (signatureType == "ssh-rsa")
            {
                return new SignatureVerification(SignatureStatus.UnsupportedKeyType,
                    "RSA signatures with SHA-1 (ssh-rsa) are not accepted. Sign with a current ssh-keygen, which uses rsa-sha2-512.", fingerprint, keyType);
            }
            else
            {
                return Malformed("signature type '" + signatureType + "' does not match the RSA key");
            }

            ok = VerifyRsa(publicKey, signedData, signatureBytes, hash);
        }

        return ok
            ? new SignatureVerification(SignatureStatus.Valid, "Signed by " + principal + " with " + keyType + " key " + fingerprint + ".", fingerprint, keyType)
            : new SignatureVerification(SignatureStatus.BadSignature,
                "The signature by key " + fingerprint + " does not match the plan's content: the plan was changed after it was signed. Approve it again.", fingerprint, keyType);
    }

    /// <summary>
    /// sshsig.c sshsig_check_allowed_keys: every line whose principals match is tried in file order, and the first
    /// whose key is the signing key and whose options admit the namespace and the time wins. A line for the principal
    /// with another key, or whose options refuse, does not end the search. Null when a line admits the key.
    /// </summary>
    private static SignatureVerification? FindTrustedEntry(AllowedSigners trustRoot, SshPublicKey publicKey, string principal, string @namespace, DateTimeOffset now, string fingerprint)
    {
        // OpenSSH compares whole seconds (time(NULL) or verify-time).
        var seconds = now.ToUnixTimeSeconds();
        AllowedSigner? keyForOthers = null;
        SignatureVerification? refused = null;
        foreach (var entry in trustRoot.Entries)
        {
            if (entry.CertificateAuthority || !entry.Key.SameKeyAs(publicKey))
            {
                continue;
            }

            if (!entry.MatchesPrincipal(principal))
            {
                keyForOthers ??= entry;
                continue;
            }

            if (!entry.MatchesNamespace(@namespace))
            {
                refused ??= new SignatureVerification(SignatureStatus.NamespaceMismatch,
                    "The trust root (line " + entry.Line + ") allows key " + fingerprint + " only for namespaces \"" + entry.Namespaces + "\".", fingerprint, publicKey.TypeName);
                continue;
            }

            if (!entry.IsValidAt(seconds))
            {
                refused ??= new SignatureVerification(SignatureStatus.KeyNotValidAtTime,
                    "The trust root (line " + entry.Line + ") allows key " + fingerprint + " only from " + (entry.ValidAfter?.ToString("u") ?? "the beginning") + " to "
                    + (entry.ValidBefore?.ToString("u") ?? "the end") + ", both included.", fingerprint, publicKey.TypeName);
                continue;
            }

            return null;
        }

        return refused ?? (keyForOthers is not null
            ? new SignatureVerification(SignatureStatus.PrincipalMismatch,
                "The signing key " + fingerprint + " is trusted for '" + keyForOthers.Principals + "', not for approvedBy '" + principal + "'.", fingerprint, publicKey.TypeName)
            : new SignatureVerification(SignatureStatus.SignerNotTrusted,
                "The signing key " + fingerprint + " is not in the trust root " + trustRoot.SourcePath + ". Only keys listed there can approve plans.", fingerprint, publicKey.TypeName));
    }

    private static bool VerifyEcdsa(SshPublicKey key, byte[] signedData, byte[] signatureBytes)
    {
        // ssh-ecdsa.c: two mpints and nothing after them.
        var sigReader = new SshWireReader(signatureBytes);
        if (!sigReader.TryReadMpint(out var r) || !sigReader.TryReadMpint(out var s) || !sigReader.AtEnd || r.Length > 32 || s.Length > 32)
        {
            return false;
        }

        var p1363 = new byte[64];
        Buffer.BlockCopy(r, 0, p1363, 32 - r.Length, r.Length);
        Buffer.BlockCopy(s, 0, p1363, 64 - s.Length, s.Length);
        using var ecdsa = ECDsa.Create(key.EcdsaParameters());
        return ecdsa.VerifyData(signedData, p1363, HashAlgorithmName.SHA256);
    }

    private static bool VerifyRsa(SshPublicKey key, byte[] signedData, byte[] signatureBytes, HashAlgorithmName hash)
    {
        using var rsa = RSA.Create();
        var parameters = key.RsaParameters();
        rsa.ImportParameters(parameters);
        var modulusBytes = parameters.Modulus!.Length;
        if (signatureBytes.Length > modulusBytes)
        {
            return false;
        }

        // ssh-rsa.c left-pads a signature shorter than the modulus with zeros before checking it.
        if (signatureBytes.Length < modulusBytes)
        {
            var padded = new byte[modulusBytes];
            Buffer.BlockCopy(signatureBytes, 0, padded, modulusBytes - signatureBytes.Length, signatureBytes.Length);
            signatureBytes = padded;
        }

        return rsa.VerifyData(signedData, signatureBytes, hash, RSASignaturePadding.Pkcs1);
    }

    /// <summary>sshsig.c sshsig_dearmor: the header first, the footer on a line of its own, anything after it ignored.
    /// Unlike ssh-keygen, blanks before the header and CRLF line ends are accepted: plans carry the text as a JSON string.</summary>
    private static byte[]? Dearmor(string armored)
    {
        var text = armored.Replace("\r", string.Empty).TrimStart();
        var end = text.IndexOf("\n" + ArmorEnd, StringComparison.Ordinal);
        if (!text.StartsWith(ArmorBegin, StringComparison.Ordinal) || end < ArmorBegin.Length)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text.Substring(ArmorBegin.Length, end - ArmorBegin.Length));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static SignatureVerification Malformed(string why) =>
        new(SignatureStatus.Malformed, "The signature is malformed: " + why + ". Sign the plan again with 'dotnet governance plan approve --key'.");

    /// <summary>Constant-time comparison: how much of a key matched must not leak through timing.</summary>
    internal static bool FixedTimeEquals(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var diff = 0;
        for (var i = 0; i < a.Length; i++)
        {
            diff |= a[i] ^ b[i];
        }

        return diff == 0;
    }
}
