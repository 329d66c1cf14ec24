using System.Text;

namespace Governance.Core.Signing;

/// <summary>OpenSSH's pattern lists (match.c match_pattern_list with dolower=0), used for principals and namespaces.</summary>
public static class OpenSshPatterns
{
    // match.c copies each sub-pattern into a 1024-byte buffer; a longer one makes the whole list fail.
    private const int MaxSubPatternBytes = 1023;

    /// <summary>
    /// Matches <paramref name="value"/> against a comma-separated list of patterns with '*' (any bytes) and '?' (one
    /// byte). Case-sensitive, on UTF-8 bytes. Returns 1 if a pattern matches, -1 as soon as a pattern prefixed with '!'
    /// matches (a negated match overrides every positive one), 0 otherwise. An empty entry ("a,,b") matches only the
    /// empty string; a trailing comma adds no entry.
    /// </summary>
    public static int MatchList(string value, string patternList)
    {
        var s = Encoding.UTF8.GetBytes(value);
        var p = Encoding.UTF8.GetBytes(patternList);
        var gotPositive = false;
        var i = 0;
        while (i < p.Length)
        {
            var negated = p[i] == '!';
            if (negated)
            {
                i++;
            }

            var start = i;
            while (i < p.Length && i - start < MaxSubPatternBytes && p[i] != ',')
            {
                i++;
            }

            if (i - start >= MaxSubPatternBytes)
            {
                return 0;
            }

            var end = i;
            if (i < p.Length && p[i] == ',')
            {
                i++;
            }

            if (Match(s, 0, p, start, end))
            {
                if (negated)
                {
                    return -1;
                }

                gotPositive = true;
            }
        }

        return gotPositive ? 1 : 0;
    }

    /// <summary>True only when the list matches positively (OpenSSH's "match_pattern_list(...) == 1").</summary>
    public static bool Admits(string value, string patternList) => MatchList(value, patternList) == 1;

    /// <summary>strncasecmp in the C locale: only ASCII letters fold, unlike .NET's OrdinalIgnoreCase.</summary>
    internal static bool AsciiEqualsIgnoreCase(string text, int index, string ascii)
    {
        if (text.Length - index < ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < ascii.Length; i++)
        {
            var c = text[index + i];
            if (c != ascii[i] && !(c < 128 && char.IsLetter(c) && (c | 0x20) == (ascii[i] | 0x20)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Match(byte[] s, int si, byte[] p, int pi, int pend)
    {
        while (true)
        {
            if (pi == pend)
            {
                return si == s.Length;
            }

            if (p[pi] == '*')
            {
                while (pi < pend && p[pi] == '*')
                {
                    pi++;
                }

                if (pi == pend)
                {
                    return true;
                }

                for (; si < s.Length; si++)
                {
                    if ((p[pi] == '?' || p[pi] == s[si]) && Match(s, si, p, pi, pend))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (si == s.Length || (p[pi] != '?' && p[pi] != s[si]))
            {
                return false;
            }

            si++;
            pi++;
        }
    }
}
