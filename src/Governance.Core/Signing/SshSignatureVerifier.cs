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
        if (!reader.TryReadBytes(6, out var magic) || !Equal(magic, s_magic))
        {
            return Malformed("the SSHSIG magic preamble is missing");
        }

        if (!reader.TryReadUInt32(out var version) || version != 1)
        {
            return Malformed("only SSHSIG version 1 is supported");
        }

        if (!reader.TryReadString(out var publicKey) || !reader.TryReadUtf8(out var signedNamespace) || !reader.TryReadString(out var reserved)
            || !reader.TryReadUtf8(out var hashAlgorithm) || !reader.TryReadString(out var signatureBlob) || !reader.AtEnd)
        {
            return Malformed("the signature blob is truncated or has trailing data");
        }

        var keyReader = new SshWireReader(publicKey);
        if (!keyReader.TryReadUtf8(out var keyType))
        {
            return Malformed("the public key is truncated");
        }

        var fingerprint = Fingerprint(publicKey);
        if (keyType == "ssh-ed25519" || keyType.StartsWith("sk-", StringComparison.Ordinal))
        {
            return new SignatureVerification(SignatureStatus.UnsupportedKeyType,
                keyType == "ssh-ed25519" ? Ed25519Message : "Security-key (" + keyType + ") signatures are not supported. Sign with an ECDSA P-256 or RSA key.", fingerprint, keyType);
        }

        if (keyType is not ("ecdsa-sha2-nistp256" or "ssh-rsa"))
        {
            return new SignatureVerification(SignatureStatus.UnsupportedKeyType,
                "Key type '" + keyType + "' is not supported. Sign with an ECDSA P-256 key (ssh-keygen -t ecdsa -b 256) or an RSA key (ssh-keygen -t rsa -b 3072).", fingerprint, keyType);
        }

        if (signedNamespace != expectedNamespace)
        {
            return new SignatureVerification(SignatureStatus.NamespaceMismatch,
                "The signature was made for namespace '" + signedNamespace + "', not '" + expectedNamespace + "'. Sign with 'ssh-keygen -Y sign -n " + expectedNamespace + "'.", fingerprint, keyType);
        }

        // Trust first, then crypto: an untrusted key is rejected whatever it signed.
        AllowedSigner? keyEntry = null;
        AllowedSigner? match = null;
        foreach (var entry in trustRoot.Entries)
        {
            if (entry.CertificateAuthority || !Equal(entry.KeyBlob, publicKey))
            {
                continue;
            }

            keyEntry ??= entry;
            if (entry.MatchesPrincipal(principal))
            {
                match = entry;
                break;
            }
        }

        if (keyEntry is null)
        {
            return new SignatureVerification(SignatureStatus.SignerNotTrusted,
                "The signing key " + fingerprint + " is not in the trust root " + trustRoot.SourcePath + ". Only keys listed there can approve plans.", fingerprint, keyType);
        }

        if (match is null)
        {
            return new SignatureVerification(SignatureStatus.PrincipalMismatch,
                "The signing key " + fingerprint + " is trusted for '" + keyEntry.Principals + "', not for approvedBy '" + principal + "'.", fingerprint, keyType);
        }

        if (match.Namespaces is not null && Array.IndexOf(ToArray(match.Namespaces), expectedNamespace) < 0)
        {
            return new SignatureVerification(SignatureStatus.NamespaceMismatch,
                "The trust root allows key " + fingerprint + " only for namespaces " + string.Join(",", match.Namespaces) + ".", fingerprint, keyType);
        }

        if ((match.ValidAfter is { } after && now < after) || (match.ValidBefore is { } before && now >= before))
        {
            return new SignatureVerification(SignatureStatus.KeyNotValidAtTime,
                "The trust root allows key " + fingerprint + " only between " + (match.ValidAfter?.ToString("u") ?? "the beginning") + " and " + (match.ValidBefore?.ToString("u") ?? "the end") + ".", fingerprint, keyType);
        }

        byte[] digest;
        switch (hashAlgorithm)
        {
            case "sha256":
                using (var sha = SHA256.Create())
                {
                    digest = sha.ComputeHash(message);
                }

                break;
            case "sha512":
                using (var sha = SHA512.Create())
                {
                    digest = sha.ComputeHash(message);
                }

                break;
            default:
                return Malformed("hash algorithm '" + hashAlgorithm + "' is not sha256 or sha512");
        }

        byte[] signedData;
        using (var stream = new MemoryStream())
        {
            stream.Write(s_magic, 0, s_magic.Length);
            SshWireReader.WriteString(stream, Encoding.UTF8.GetBytes(signedNamespace));
            SshWireReader.WriteString(stream, reserved);
            SshWireReader.WriteString(stream, Encoding.UTF8.GetBytes(hashAlgorithm));
            SshWireReader.WriteString(stream, digest);
            signedData = stream.ToArray();
        }

        var sigReader = new SshWireReader(signatureBlob);
        if (!sigReader.TryReadUtf8(out var signatureType) || !sigReader.TryReadString(out var signatureBytes))
        {
            return Malformed("the inner signature is truncated");
        }

        bool ok;
        if (keyType == "ecdsa-sha2-nistp256")
        {
            if (signatureType != "ecdsa-sha2-nistp256")
            {
                return Malformed("signature type '" + signatureType + "' does not match the ECDSA key");
            }

            ok = VerifyEcdsa(keyReader, signedData, signatureBytes);
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

            ok = VerifyRsa(keyReader, signedData, signatureBytes, hash);
        }

        return ok
            ? new SignatureVerification(SignatureStatus.Valid, "Signed by " + principal + " with " + keyType + " key " + fingerprint + ".", fingerprint, keyType)
            : new SignatureVerification(SignatureStatus.BadSignature,
                "The signature by key " + fingerprint + " does not match the plan's content: the plan was changed after it was signed. Approve it again.", fingerprint, keyType);
    }

    private static bool VerifyEcdsa(SshWireReader keyReader, byte[] signedData, byte[] signatureBytes)
    {
        if (!keyReader.TryReadUtf8(out var curve) || curve != "nistp256" || !keyReader.TryReadString(out var point) || point.Length != 65 || point[0] != 4)
        {
            throw new FormatException("the ECDSA public key is not an uncompressed P-256 point");
        }

        var sigReader = new SshWireReader(signatureBytes);
        if (!sigReader.TryReadMpint(out var r) || !sigReader.TryReadMpint(out var s) || r.Length > 32 || s.Length > 32)
        {
            return false;
        }

        var p1363 = new byte[64];
        Buffer.BlockCopy(r, 0, p1363, 32 - r.Length, r.Length);
        Buffer.BlockCopy(s, 0, p1363, 64 - s.Length, s.Length);
        var x = new byte[32];
        var y = new byte[32];
        Buffer.BlockCopy(point, 1, x, 0, 32);
        Buffer.BlockCopy(point, 33, y, 0, 32);
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        return ecdsa.VerifyData(signedData, p1363, HashAlgorithmName.SHA256);
    }

    private static bool VerifyRsa(SshWireReader keyReader, byte[] signedData, byte[] signatureBytes, HashAlgorithmName hash)
    {
        if (!keyReader.TryReadMpint(out var exponent) || !keyReader.TryReadMpint(out var modulus))
        {
            throw new FormatException("the RSA public key is truncated");
        }

        if (modulus.Length * 8 < 2048)
        {
            return false;
        }

        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Exponent = exponent, Modulus = modulus });
        return rsa.VerifyData(signedData, signatureBytes, hash, RSASignaturePadding.Pkcs1);
    }

    private static byte[]? Dearmor(string armored)
    {
        var text = armored.Replace("\r", string.Empty).Trim();
        var begin = text.IndexOf(ArmorBegin, StringComparison.Ordinal);
        var end = text.IndexOf(ArmorEnd, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            return null;
        }

        var body = text.Substring(begin + ArmorBegin.Length, end - begin - ArmorBegin.Length).Replace("\n", string.Empty).Replace(" ", string.Empty);
        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static SignatureVerification Malformed(string why) =>
        new(SignatureStatus.Malformed, "The signature is malformed: " + why + ". Sign the plan again with 'dotnet governance plan approve --key'.");

    private static string[] ToArray(System.Collections.Generic.IReadOnlyList<string> list)
    {
        var array = new string[list.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = list[i];
        }

        return array;
    }

    /// <summary>Constant-time comparison: how much of a key matched must not leak through timing.</summary>
    private static bool Equal(byte[] a, byte[] b)
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
