using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Governance.Core.Signing;

public sealed class SigningError
{
    public SigningError(string message, int line)
    {
        Message = message;
        Line = line;
    }

    public string Message { get; }

    /// <summary>1-based line in the allowed_signers file; 0 for the whole file.</summary>
    public int Line { get; }

    public override string ToString() => "line " + Line + ": " + Message;
}

/// <summary>One line of an OpenSSH allowed_signers file (see ssh-keygen(1), "ALLOWED SIGNERS").</summary>
public sealed class AllowedSigner
{
    internal AllowedSigner(string principals, string keyType, string keyBase64, byte[] keyBlob, int line)
    {
        Principals = principals;
        KeyType = keyType;
        KeyBase64 = keyBase64;
        KeyBlob = keyBlob;
        Line = line;
    }

    public string Principals { get; }
    public string KeyType { get; }
    public string KeyBase64 { get; }
    public int Line { get; }
    public IReadOnlyList<string>? Namespaces { get; internal set; }
    public DateTimeOffset? ValidAfter { get; internal set; }
    public DateTimeOffset? ValidBefore { get; internal set; }

    /// <summary>Certificate authorities are not supported: such an entry never matches a signature.</summary>
    public bool CertificateAuthority { get; internal set; }

    internal byte[] KeyBlob { get; }

    /// <summary>OpenSSH principal-list matching: comma-separated patterns with '*' and '?', '!' negates.</summary>
    public bool MatchesPrincipal(string principal)
    {
        var matched = false;
        foreach (var raw in Principals.Split(','))
        {
            var negated = raw.StartsWith("!", StringComparison.Ordinal);
            var pattern = negated ? raw.Substring(1) : raw;
            if (Wildcard(pattern, 0, principal, 0))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    private static bool Wildcard(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                for (var i = t; i <= text.Length; i++)
                {
                    if (Wildcard(pattern, p + 1, text, i))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t >= text.Length || (c != '?' && char.ToLowerInvariant(c) != char.ToLowerInvariant(text[t])))
            {
                return false;
            }

            p++;
            t++;
        }

        return t == text.Length;
    }
}

public sealed class AllowedSignersParseResult
{
    internal AllowedSignersParseResult(AllowedSigners signers, IReadOnlyList<SigningError> errors)
    {
        Signers = signers;
        Errors = errors;
    }

    public AllowedSigners Signers { get; }
    public IReadOnlyList<SigningError> Errors { get; }
}

/// <summary>The trust root: an OpenSSH allowed_signers file. A malformed line is an error, never skipped silently.</summary>
public sealed class AllowedSigners
{
    private AllowedSigners(string sourcePath, IReadOnlyList<AllowedSigner> entries)
    {
        SourcePath = sourcePath;
        Entries = entries;
    }

    public string SourcePath { get; }
    public IReadOnlyList<AllowedSigner> Entries { get; }

    public static AllowedSignersParseResult Parse(string text, string sourcePath)
    {
        var entries = new List<AllowedSigner>();
        var errors = new List<SigningError>();
        var lines = (text ?? string.Empty).Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            try
            {
                var entry = ParseLine(line, i + 1, out var error);
                if (entry is null)
                {
                    errors.Add(new SigningError(error!, i + 1));
                }
                else
                {
                    entries.Add(entry);
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                errors.Add(new SigningError("Malformed allowed_signers line: " + ex.Message, i + 1));
            }
        }

        return new AllowedSignersParseResult(new AllowedSigners(sourcePath, entries), errors);
    }

    private static AllowedSigner? ParseLine(string line, int lineNumber, out string? error)
    {
        error = null;
        var tokens = Tokenize(line);
        if (tokens.Count < 3)
        {
            error = "Expected 'principals [options] key-type base64-key [comment]'.";
            return null;
        }

        var principals = tokens[0].Trim('"');
        var index = 1;
        string? options = null;
        if (!LooksLikeKeyType(tokens[1]))
        {
            options = tokens[1];
            index = 2;
        }

        if (tokens.Count < index + 2)
        {
            error = "Expected a key type and a base64 key after the principals" + (options is null ? "." : " and options.");
            return null;
        }

        var keyType = tokens[index];
        var keyBase64 = tokens[index + 1];
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(keyBase64);
        }
        catch (FormatException)
        {
            error = "The key is not valid base64.";
            return null;
        }

        var reader = new SshWireReader(blob);
        if (!reader.TryReadUtf8(out var blobType) || blobType != keyType)
        {
            error = "The key's encoded type does not match '" + keyType + "'.";
            return null;
        }

        var entry = new AllowedSigner(principals, keyType, keyBase64, blob, lineNumber);
        if (options is not null && !ApplyOptions(entry, options, out error))
        {
            return null;
        }

        return entry;
    }

    private static bool LooksLikeKeyType(string token) =>
        token.StartsWith("ssh-", StringComparison.Ordinal) || token.StartsWith("ecdsa-", StringComparison.Ordinal)
        || token.StartsWith("sk-", StringComparison.Ordinal);

    private static bool ApplyOptions(AllowedSigner entry, string options, out string? error)
    {
        error = null;
        foreach (var option in SplitOptions(options))
        {
            var eq = option.IndexOf('=');
            var name = (eq < 0 ? option : option.Substring(0, eq)).ToLowerInvariant();
            var value = eq < 0 ? null : option.Substring(eq + 1).Trim('"');
            switch (name)
            {
                case "cert-authority":
                    entry.CertificateAuthority = true;
                    break;
                case "namespaces":
                    entry.Namespaces = (value ?? string.Empty).Split(',');
                    break;
                case "valid-after":
                case "valid-before":
                    var time = ParseTime(value);
                    if (time is null)
                    {
                        error = "'" + name + "' must be YYYYMMDD[HHMM[SS]][Z], not '" + value + "'.";
                        return false;
                    }

                    if (name == "valid-after")
                    {
                        entry.ValidAfter = time;
                    }
                    else
                    {
                        entry.ValidBefore = time;
                    }

                    break;
                default:
                    error = "Unknown option '" + name + "'. Supported: namespaces, valid-after, valid-before, cert-authority.";
                    return false;
            }
        }

        return true;
    }

    private static DateTimeOffset? ParseTime(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var utc = value.EndsWith("Z", StringComparison.OrdinalIgnoreCase);
        var digits = utc ? value.Substring(0, value.Length - 1) : value;
        string[] formats = { "yyyyMMdd", "yyyyMMddHHmm", "yyyyMMddHHmmss" };
        // OpenSSH reads times without 'Z' as local time; a build gate must not depend on the machine's zone, so both are UTC.
        return DateTimeOffset.TryParseExact(digits, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    private static List<string> SplitOptions(string options)
    {
        var list = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in options)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ',' && !quoted)
            {
                list.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            list.Add(current.ToString());
        }

        return list;
    }

    private static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                current.Append(c);
                continue;
            }

            if ((c == ' ' || c == '\t') && !quoted)
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
