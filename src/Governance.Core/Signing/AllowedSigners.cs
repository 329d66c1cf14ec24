using System;
using System.Collections.Generic;
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
    internal AllowedSigner(string principals, string keyType, string keyBase64, SshPublicKey key, int line)
    {
        Principals = principals;
        KeyType = keyType;
        KeyBase64 = keyBase64;
        Key = key;
        Line = line;
    }

    /// <summary>The principals field with its quotes removed: a comma-separated OpenSSH pattern list.</summary>
    public string Principals { get; }

    public string KeyType { get; }
    public string KeyBase64 { get; }
    public int Line { get; }

    /// <summary>The <c>namespaces="..."</c> option: a pattern list the signature's namespace must match; null when absent.</summary>
    public string? Namespaces { get; internal set; }

    /// <summary>The key is trusted from this second on (inclusive, as OpenSSH's "verify time &lt; valid-after" rejects).</summary>
    public DateTimeOffset? ValidAfter => ValidAfterSeconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>The key is trusted up to and including this second (OpenSSH rejects only "verify time &gt; valid-before").</summary>
    public DateTimeOffset? ValidBefore => ValidBeforeSeconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>Certificate authorities are not supported: such an entry never matches a signature.</summary>
    public bool CertificateAuthority { get; internal set; }

    internal SshPublicKey Key { get; }

    internal long? ValidAfterSeconds { get; set; }

    internal long? ValidBeforeSeconds { get; set; }

    /// <summary>OpenSSH principal matching: the principal must match the pattern list positively (see <see cref="OpenSshPatterns.MatchList"/>).</summary>
    public bool MatchesPrincipal(string principal) => OpenSshPatterns.Admits(principal, Principals);

    /// <summary>No namespaces option admits every namespace; otherwise the namespace must match the list positively.</summary>
    public bool MatchesNamespace(string @namespace) => Namespaces is null || OpenSshPatterns.Admits(@namespace, Namespaces);

    /// <summary>Whether the key is valid at a time in whole seconds since the epoch; both bounds are inclusive.</summary>
    public bool IsValidAt(long unixSeconds) =>
        !(ValidAfterSeconds is { } after && unixSeconds < after) && !(ValidBeforeSeconds is { } before && unixSeconds > before);
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

/// <summary>
/// The trust root: an OpenSSH allowed_signers file, read as ssh-keygen 9.x reads it (sshsig.c, misc.c, match.c).
/// A malformed line is an error, never skipped, whichever principal it names, and callers reject every signature while
/// the trust root has errors. That is stricter than ssh-keygen, which logs a malformed line and skips it.
/// </summary>
public sealed class AllowedSigners
{
    private const string Whitespace = " \t\r\n";

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
        var lines = (text ?? string.Empty).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var entry = ParseLine(lines[i].TrimEnd(' ', '\t', '\r'), i + 1, out var error);
            if (error is not null)
            {
                errors.Add(new SigningError(error, i + 1));
            }
            else if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return new AllowedSignersParseResult(new AllowedSigners(sourcePath, entries), errors);
    }

    /// <summary>sshsig.c parse_principals_key_and_options: "principals [options] key-type base64 [comment]".
    /// Returns null without an error for blank and comment lines.</summary>
    private static AllowedSigner? ParseLine(string line, int lineNumber, out string? error)
    {
        error = null;
        var pos = Skip(line, 0, " \t");
        if (pos == line.Length || line[pos] == '#')
        {
            return null;
        }

        if (!TryReadPrincipals(line, ref pos, out var principals))
        {
            error = "Expected 'principals [options] key-type base64-key [comment]'" + (pos < 0 ? " (the principals' quote is not closed)." : ".");
            return null;
        }

        string? options = null;
        if (!TryReadKey(line, pos, out var keyType, out var keyBase64, out var key))
        {
            // Not a key, so options: up to the first unquoted blank (authfile.c sshkey_advance_past_options).
            var end = pos;
            var quoted = false;
            for (; end < line.Length && (quoted || (line[end] != ' ' && line[end] != '\t')); end++)
            {
                if (line[end] == '\\' && end + 1 < line.Length && line[end + 1] == '"')
                {
                    end++;
                }
                else if (line[end] == '"')
                {
                    quoted = !quoted;
                }
            }

            if (end == line.Length)
            {
                error = quoted ? "The options' quote is not closed." : "Expected a key type and a base64 key after the principals and options.";
                return null;
            }

            options = line.Substring(pos, end - pos);
            if (!TryReadKey(line, Skip(line, end + 1, " \t"), out keyType, out keyBase64, out key))
            {
                error = SshPublicKey.TryGetKindOfName(options, out _, out _)
                    ? "The key is not a well-formed '" + options + "' key: invalid base64, another key type inside, or invalid key material."
                    : "Expected a key ('ecdsa-sha2-nistp256 AAAA...') after the options '" + options + "': the key type is unknown, the base64 is invalid, "
                      + "or the key does not match its type.";
                return null;
            }
        }

        var entry = new AllowedSigner(principals, keyType, keyBase64, key!, lineNumber);
        if (options is not null)
        {
            error = ApplyOptions(entry, options);
        }

        return error is null ? entry : null;
    }

    /// <summary>misc.c strdelimw: the token ends at a blank; a double quote (even inside the token) is removed and
    /// everything up to the next double quote is taken as is, blanks and commas included.</summary>
    private static bool TryReadPrincipals(string line, ref int pos, out string principals)
    {
        principals = string.Empty;
        var delimiter = line.IndexOfAny((Whitespace + "\"").ToCharArray(), pos);
        if (delimiter < 0)
        {
            return false;
        }

        if (line[delimiter] == '"')
        {
            var close = line.IndexOf('"', delimiter + 1);
            if (close < 0)
            {
                pos = -1;
                return false;
            }

            principals = line.Substring(pos, delimiter - pos) + line.Substring(delimiter + 1, close - delimiter - 1);
            pos = Skip(line, close + 1, Whitespace);
            return true;
        }

        principals = line.Substring(pos, delimiter - pos);
        pos = Skip(line, delimiter + 1, Whitespace);
        return true;
    }

    /// <summary>sshkey.c sshkey_read: a known type name, blanks, base64 of a well-formed key of that type (an ECDSA key
    /// on the named curve).</summary>
    private static bool TryReadKey(string line, int pos, out string keyType, out string keyBase64, out SshPublicKey? key)
    {
        keyType = keyBase64 = string.Empty;
        key = null;
        var typeEnd = line.IndexOfAny(new[] { ' ', '\t' }, pos);
        if (typeEnd < 0)
        {
            return false;
        }

        keyType = line.Substring(pos, typeEnd - pos);
        var start = Skip(line, typeEnd, " \t");
        if (!SshPublicKey.TryGetKindOfName(keyType, out var kind, out var curve) || start == line.Length)
        {
            return false;
        }

        var end = line.IndexOfAny(new[] { ' ', '\t' }, start);
        keyBase64 = line.Substring(start, (end < 0 ? line.Length : end) - start);
        try
        {
            key = SshPublicKey.TryParse(Convert.FromBase64String(keyBase64));
        }
        catch (FormatException)
        {
            return false;
        }

        return key is not null && key.Kind == kind && key.Curve == curve;
    }

    /// <summary>sshsig.c sshsigopt_parse: option names are case-insensitive, values must be double-quoted, each option
    /// at most once, a comma between options and none at the end. Returns the error, or null.</summary>
    private static string? ApplyOptions(AllowedSigner entry, string options)
    {
        var i = 0;
        while (i < options.Length && options[i] != ' ' && options[i] != '\t')
        {
            string? value;
            if (OpenSshPatterns.AsciiEqualsIgnoreCase(options, i, "cert-authority"))
            {
                // A prefix match, as opt_flag has it; "cert-authorityX" fails below as an unknown option.
                entry.CertificateAuthority = true;
                i += "cert-authority".Length;
            }
            else if (IsOption(options, ref i, "namespaces"))
            {
                if (entry.Namespaces is not null)
                {
                    return "Multiple 'namespaces' options.";
                }

                if ((value = Dequote(options, ref i)) is null)
                {
                    return "The value of 'namespaces' must be in double quotes.";
                }

                entry.Namespaces = value;
            }
            else if ((IsOption(options, ref i, "valid-after") ? "valid-after" : IsOption(options, ref i, "valid-before") ? "valid-before" : null) is { } name)
            {
                var before = name == "valid-before";
                if ((before ? entry.ValidBeforeSeconds : entry.ValidAfterSeconds) is not null)
                {
                    return "Multiple '" + name + "' options.";
                }

                if ((value = Dequote(options, ref i)) is null)
                {
                    return "The value of '" + name + "' must be in double quotes.";
                }

                var seconds = OpenSshTime.Parse(value);
                if (seconds is null or 0)
                {
                    return "'" + name + "' must be YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS, optionally followed by Z (UTC), not '" + value + "'.";
                }

                if (before)
                {
                    entry.ValidBeforeSeconds = seconds;
                }
                else
                {
                    entry.ValidAfterSeconds = seconds;
                }
            }

            if (i == options.Length || options[i] == ' ' || options[i] == '\t')
            {
                break;
            }

            if (options[i] != ',')
            {
                return "Unknown option at '" + options.Substring(i) + "'. Supported: namespaces=\"...\", valid-after=\"...\", valid-before=\"...\", cert-authority.";
            }

            if (++i == options.Length)
            {
                return "The options end with a comma.";
            }
        }

        if (entry.ValidAfterSeconds is { } after && entry.ValidBeforeSeconds is { } beforeSeconds && beforeSeconds <= after)
        {
            return "'valid-before' is not after 'valid-after'.";
        }

        return null;
    }

    /// <summary>misc.c opt_match: the name, ASCII case-insensitive, directly followed by '='.</summary>
    private static bool IsOption(string options, ref int i, string name)
    {
        if (options.Length - i > name.Length && OpenSshPatterns.AsciiEqualsIgnoreCase(options, i, name) && options[i + name.Length] == '=')
        {
            i += name.Length + 1;
            return true;
        }

        return false;
    }

    /// <summary>misc.c opt_dequote: a double-quoted value in which \" stands for a quote; null when unquoted or unclosed.</summary>
    private static string? Dequote(string options, ref int i)
    {
        if (i >= options.Length || options[i] != '"')
        {
            return null;
        }

        var value = new StringBuilder();
        var j = i + 1;
        for (; j < options.Length && options[j] != '"'; j++)
        {
            if (options[j] == '\\' && j + 1 < options.Length && options[j + 1] == '"')
            {
                j++;
            }

            value.Append(options[j]);
        }

        if (j == options.Length)
        {
            return null;
        }

        i = j + 1;
        return value.ToString();
    }

    private static int Skip(string line, int pos, string chars)
    {
        while (pos < line.Length && chars.IndexOf(line[pos]) >= 0)
        {
            pos++;
        }

        return pos;
    }
}
