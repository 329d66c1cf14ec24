using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Core.Signing;

/// <summary>
/// An OpenSSH public key blob read as sshkey_fromb reads it: the type name says the kind (ssh-rsa, rsa-sha2-256 and
/// rsa-sha2-512 are all RSA), the material must be well formed with no trailing data, and two keys are the same when
/// their material is (sshkey_equal), not their bytes: OpenSSH drops leading zeros of an mpint.
/// </summary>
internal sealed class SshPublicKey
{
    private SshPublicKey(string typeName, string kind, string? curve, byte[] canonical)
    {
        TypeName = typeName;
        Kind = kind;
        Curve = curve;
        Canonical = canonical;
    }

    /// <summary>The name inside the blob, e.g. "ecdsa-sha2-nistp256".</summary>
    public string TypeName { get; }

    /// <summary>OpenSSH's key type (KEY_RSA, KEY_ECDSA, ...) as the name of its plain form, e.g. "ssh-rsa", "ecdsa".</summary>
    public string Kind { get; }

    /// <summary>"nistp256", "nistp384" or "nistp521" for ECDSA keys.</summary>
    public string? Curve { get; }

    /// <summary>The key material re-encoded without leading zeros: equal keys have equal bytes.</summary>
    public byte[] Canonical { get; }

    public bool IsEcdsaP256 => Kind == "ecdsa" && Curve == "nistp256";

    public bool IsRsa => Kind == "ssh-rsa";

    /// <summary>OpenSSH's key type names (sshkey.c keyimpls, 9.x): name -> (kind, curve).</summary>
    public static bool TryGetKindOfName(string name, out string kind, out string? curve)
    {
        curve = null;
        switch (name)
        {
            case "ssh-rsa":
            case "rsa-sha2-256":
            case "rsa-sha2-512":
                kind = "ssh-rsa";
                return true;
            case "ssh-rsa-cert-v01@openssh.com":
            case "rsa-sha2-256-cert-v01@openssh.com":
            case "rsa-sha2-512-cert-v01@openssh.com":
                kind = "ssh-rsa-cert";
                return true;
            case "ecdsa-sha2-nistp256":
            case "ecdsa-sha2-nistp384":
            case "ecdsa-sha2-nistp521":
                kind = "ecdsa";
                curve = name.Substring("ecdsa-sha2-".Length);
                return true;
            case "ecdsa-sha2-nistp256-cert-v01@openssh.com":
            case "ecdsa-sha2-nistp384-cert-v01@openssh.com":
            case "ecdsa-sha2-nistp521-cert-v01@openssh.com":
                kind = "ecdsa-cert";
                curve = name.Substring("ecdsa-sha2-".Length, "nistp256".Length);
                return true;
            case "sk-ecdsa-sha2-nistp256@openssh.com":
            case "webauthn-sk-ecdsa-sha2-nistp256@openssh.com":
                kind = "sk-ecdsa";
                curve = "nistp256";
                return true;
            case "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com":
                kind = "sk-ecdsa-cert";
                curve = "nistp256";
                return true;
            case "ssh-ed25519":
            case "ssh-ed25519-cert-v01@openssh.com":
            case "sk-ssh-ed25519@openssh.com":
            case "sk-ssh-ed25519-cert-v01@openssh.com":
            case "ssh-dss":
            case "ssh-dss-cert-v01@openssh.com":
            case "ssh-xmss@openssh.com":
            case "ssh-xmss-cert-v01@openssh.com":
                kind = name;
                return true;
            default:
                kind = string.Empty;
                return false;
        }
    }

    /// <summary>
    /// Reads a public key blob. RSA, ECDSA and Ed25519 material is checked as OpenSSH checks it (RSA modulus of
    /// 1024..16384 bits, an uncompressed point on the named curve, 32 Ed25519 bytes); the other kinds, which can never
    /// verify here, are only checked for their type name.
    /// </summary>
    public static SshPublicKey? TryParse(byte[] blob)
    {
        var reader = new SshWireReader(blob);
        if (!reader.TryReadUtf8(out var name) || !TryGetKindOfName(name, out var kind, out var curve))
        {
            return null;
        }

        switch (kind)
        {
            case "ssh-rsa":
                if (!reader.TryReadMpint(out var exponent) || !reader.TryReadMpint(out var modulus) || !reader.AtEnd)
                {
                    return null;
                }

                var bits = BitLength(modulus);
                if (bits < 1024 || bits > 16384)
                {
                    return null;
                }

                using (var stream = new MemoryStream())
                {
                    SshWireReader.WriteString(stream, Encoding.ASCII.GetBytes("ssh-rsa"));
                    SshWireReader.WriteMpint(stream, exponent);
                    SshWireReader.WriteMpint(stream, modulus);
                    return new SshPublicKey(name, kind, null, stream.ToArray());
                }

            case "ecdsa":
                if (!reader.TryReadUtf8(out var blobCurve) || blobCurve != curve || !reader.TryReadString(out var point) || !reader.AtEnd
                    || !IsValidPoint(curve!, point))
                {
                    return null;
                }

                return new SshPublicKey(name, kind, curve, blob);
            case "ssh-ed25519":
                return reader.TryReadString(out var ed) && ed.Length == 32 && reader.AtEnd ? new SshPublicKey(name, kind, null, blob) : null;
            default:
                return new SshPublicKey(name, kind, curve, blob);
        }
    }

    /// <summary>OpenSSH's sshkey_equal_public: same kind, same curve, same material.</summary>
    public bool SameKeyAs(SshPublicKey other) =>
        Kind == other.Kind && Curve == other.Curve && SshSignatureVerifier.FixedTimeEquals(Canonical, other.Canonical);

    /// <summary>The uncompressed point, for ECDSA keys: 0x04 || X || Y.</summary>
    public ECParameters EcdsaParameters()
    {
        var reader = new SshWireReader(Canonical);
        reader.TryReadString(out _);
        reader.TryReadString(out _);
        reader.TryReadString(out var point);
        var size = (point.Length - 1) / 2;
        var x = new byte[size];
        var y = new byte[size];
        Buffer.BlockCopy(point, 1, x, 0, size);
        Buffer.BlockCopy(point, 1 + size, y, 0, size);
        return new ECParameters { Curve = CurveOf(Curve!), Q = new ECPoint { X = x, Y = y } };
    }

    public RSAParameters RsaParameters()
    {
        var reader = new SshWireReader(Canonical);
        reader.TryReadString(out _);
        reader.TryReadMpint(out var exponent);
        reader.TryReadMpint(out var modulus);
        return new RSAParameters { Exponent = exponent, Modulus = modulus };
    }

    public int RsaModulusBits => BitLength(RsaParameters().Modulus!);

    private static ECCurve CurveOf(string curve) => curve switch
    {
        "nistp256" => ECCurve.NamedCurves.nistP256,
        "nistp384" => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };

    /// <summary>OpenSSH takes only uncompressed points (0x04 || X || Y) and checks they lie on the curve.</summary>
    private static bool IsValidPoint(string curve, byte[] point)
    {
        var size = curve switch { "nistp256" => 32, "nistp384" => 48, _ => 66 };
        if (point.Length != 1 + 2 * size || point[0] != 4)
        {
            return false;
        }

        var x = new byte[size];
        var y = new byte[size];
        Buffer.BlockCopy(point, 1, x, 0, size);
        Buffer.BlockCopy(point, 1 + size, y, 0, size);
        try
        {
            // Importing validates that the point is on the curve.
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = CurveOf(curve), Q = new ECPoint { X = x, Y = y } });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static int BitLength(byte[] magnitude)
    {
        if (magnitude.Length == 0)
        {
            return 0;
        }

        var bits = (magnitude.Length - 1) * 8;
        for (int top = magnitude[0]; top != 0; top >>= 1)
        {
            bits++;
        }

        return bits;
    }
}
