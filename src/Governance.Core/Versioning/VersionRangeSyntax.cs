using System;

namespace Governance.Core.Versioning;

/// <summary>
/// A small syntax check for NuGet version ranges, for the analyzer only: the analyzer must not carry NuGet.Versioning
/// (it loads in every compiler host), yet a malformed range in a plan must be reported live in the IDE. The MSBuild
/// task parses and evaluates ranges with NuGet.Versioning itself; a test checks that this accepts exactly what
/// NuGet.Versioning accepts on a large random corpus. Grammar: a version (minimum, inclusive), <c>[v]</c> (exact),
/// or <c>[a,b]</c> with <c>[</c>/<c>(</c> and <c>]</c>/<c>)</c> and either bound omitted; floating <c>*</c> forms
/// are allowed in the minimum.
/// </summary>
public static class VersionRangeSyntax
{
    public static bool IsValid(string? text, out string? error)
    {
        error = null;
        if (text is null || text.Trim().Length == 0)
        {
            error = "The version range is empty. Write a NuGet version or range such as \"8.4.0\" or \"[8.4.0,9.0.0)\".";
            return false;
        }

        var value = text.Trim();
        var first = value[0];
        if (first is '[' or '(')
        {
            var last = value[value.Length - 1];
            if (value.Length < 3 || last is not (']' or ')'))
            {
                return Fail(text, "a range that opens with '" + first + "' must close with ']' or ')'", out error);
            }

            var inner = value.Substring(1, value.Length - 2);
            var comma = inner.IndexOf(',');
            if (comma < 0)
            {
                if (first != '[' || last != ']' || !IsVersion(inner.Trim(), allowFloating: false))
                {
                    return Fail(text, "an exact version is written \"[1.2.3]\"", out error);
                }

                return true;
            }

            if (inner.IndexOf(',', comma + 1) >= 0)
            {
                return Fail(text, "a range has exactly one comma", out error);
            }

            var min = inner.Substring(0, comma).Trim();
            var max = inner.Substring(comma + 1).Trim();
            if (min.Length == 0 && max.Length == 0)
            {
                return Fail(text, "at least one bound is required", out error);
            }

            if (min.Length > 0 && !IsVersion(min, allowFloating: true))
            {
                return Fail(text, "'" + min + "' is not a version", out error);
            }

            if (max.Length > 0 && !IsVersion(max, allowFloating: false))
            {
                return Fail(text, "'" + max + "' is not a version", out error);
            }

            error = EmptyRangeError(text);
            return error is null;
        }

        if (!IsVersion(value, allowFloating: true))
        {
            return Fail(text, "'" + value + "' is not a version", out error);
        }

        return true;
    }

    /// <summary>
    /// A message when a syntactically valid range admits no version: the minimum above the maximum
    /// (<c>[2.0,1.0)</c>), or equal bounds with an exclusive end (<c>(1.0,1.0)</c>, <c>[1.0,1.0)</c>,
    /// <c>(1.0,1.0]</c>). NuGet rejects these but parses <c>(1.0,1.0)</c>, which then matches nothing; the analyzer, the task and the CLI all ask this one check so that the
    /// plan gets the same GOV001 at its "version" value in the IDE, the build and CI. Null otherwise (also for text
    /// that is not a two-bound range, which the syntax check judges).
    /// </summary>
    public static string? EmptyRangeError(string range)
    {
        var value = range.Trim();
        if (value.Length < 3 || value[0] is not ('[' or '(') || value[value.Length - 1] is not (']' or ')'))
        {
            return null;
        }

        var inner = value.Substring(1, value.Length - 2);
        var comma = inner.IndexOf(',');
        if (comma < 0 || inner.IndexOf(',', comma + 1) >= 0)
        {
            return null;
        }

        var min = inner.Substring(0, comma).Trim();
        var max = inner.Substring(comma + 1).Trim();
        // A floating minimum ("1.*") stands for its lowest match, which no comparison here needs to guess.
        if (min.Length == 0 || max.Length == 0 || min.IndexOf('*') >= 0 || !IsVersion(min, allowFloating: false) || !IsVersion(max, allowFloating: false))
        {
            return null;
        }

        var order = Compare(min, max);
        var bothInclusive = value[0] == '[' && value[value.Length - 1] == ']';
        if (order > 0)
        {
            return "'" + range + "' is an empty NuGet version range: its minimum " + min + " is above its maximum " + max
                + ", so no version satisfies it. Write the lower version first, such as \"[" + max + "," + min + ")\".";
        }

        if (order == 0 && !bothInclusive)
        {
            return "'" + range + "' is an empty NuGet version range: both bounds are " + min + " and one of them excludes it, so no version satisfies it. "
                + "Write \"[" + min + "]\" for exactly that version.";
        }

        return null;
    }

    /// <summary>NuGet's version order: up to four numbers (missing ones are 0), a release above its prereleases,
    /// prerelease labels compared numerically or case-insensitively, numeric labels below alphanumeric ones, build
    /// metadata ignored. Only for versions <see cref="IsVersion"/> accepts without floating.</summary>
    internal static int Compare(string a, string b)
    {
        Split(a, out var aNumbers, out var aRelease);
        Split(b, out var bNumbers, out var bRelease);
        for (var i = 0; i < 4; i++)
        {
            var x = i < aNumbers.Length ? long.Parse(aNumbers[i], System.Globalization.CultureInfo.InvariantCulture) : 0;
            var y = i < bNumbers.Length ? long.Parse(bNumbers[i], System.Globalization.CultureInfo.InvariantCulture) : 0;
            if (x != y)
            {
                return x < y ? -1 : 1;
            }
        }

        if (aRelease is null || bRelease is null)
        {
            return aRelease is null ? (bRelease is null ? 0 : 1) : -1;
        }

        var aLabels = aRelease.Split('.');
        var bLabels = bRelease.Split('.');
        for (var i = 0; i < Math.Min(aLabels.Length, bLabels.Length); i++)
        {
            var aNumeric = AllDigits(aLabels[i]);
            var bNumeric = AllDigits(bLabels[i]);
            int order;
            if (aNumeric && bNumeric)
            {
                order = aLabels[i].Length != bLabels[i].Length ? aLabels[i].Length.CompareTo(bLabels[i].Length) : string.CompareOrdinal(aLabels[i], bLabels[i]);
            }
            else
            {
                order = aNumeric ? -1 : bNumeric ? 1 : string.Compare(aLabels[i], bLabels[i], StringComparison.OrdinalIgnoreCase);
            }

            if (order != 0)
            {
                return order < 0 ? -1 : 1;
            }
        }

        return aLabels.Length.CompareTo(bLabels.Length);
    }

    private static void Split(string version, out string[] numbers, out string? release)
    {
        var plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version.Substring(0, plus);
        }

        var dash = version.IndexOf('-');
        release = dash >= 0 ? version.Substring(dash + 1) : null;
        numbers = (dash >= 0 ? version.Substring(0, dash) : version).Split('.');
    }

    private static bool Fail(string text, string why, out string? error)
    {
        error = "'" + text + "' is not a valid NuGet version range: " + why + ". Examples: \"8.4.0\" (8.4.0 or newer), \"[8.4.0]\" (exactly), \"[8.4.0,9.0.0)\".";
        return false;
    }

    internal static bool IsVersion(string value, bool allowFloating)
    {
        if (value.Length == 0)
        {
            return false;
        }

        var plus = value.IndexOf('+');
        if (plus >= 0)
        {
            // Metadata never floats, and a floating version has no metadata.
            if (value.IndexOf('*') >= 0 || !IsLabels(value.Substring(plus + 1), allowStar: false, prerelease: false))
            {
                return false;
            }

            value = value.Substring(0, plus);
        }

        string? release = null;
        var dash = value.IndexOf('-');
        if (dash >= 0)
        {
            release = value.Substring(dash + 1);
            value = value.Substring(0, dash);
        }

        var parts = value.Split('.');
        if (parts.Length > 4)
        {
            return false;
        }

        var floatedNumber = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (allowFloating && i == parts.Length - 1 && part.EndsWith("*", StringComparison.Ordinal))
            {
                // "1.*", and also "1.2*" (floats within the digits after the prefix).
                floatedNumber = true;
                part = part.Substring(0, part.Length - 1);
                if (part.Length == 0)
                {
                    continue;
                }
            }

            if (part.Length == 0 || !AllDigits(part) || !int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        if (release is null)
        {
            return true;
        }

        if (floatedNumber && !release.EndsWith("*", StringComparison.Ordinal))
        {
            // "1.*-beta" is not a NuGet floating form; "1.*-*" and "1.*-beta*" are.
            return false;
        }

        if (!floatedNumber && release.EndsWith(".*", StringComparison.Ordinal) && release.IndexOf('-') >= 0)
        {
            // NuGet completes "1.0.0-beta.*" to "1.0.0-beta.0" only when the version has a single '-'; with more,
            // the empty last label makes the version invalid.
            return false;
        }

        return IsLabels(release, allowStar: allowFloating, prerelease: true);
    }

    /// <summary>Dot-separated SemVer 2 identifiers; in a prerelease, a numeric identifier has no leading zero.</summary>
    private static bool IsLabels(string labels, bool allowStar, bool prerelease)
    {
        if (labels.Length == 0)
        {
            return false;
        }

        var segments = labels.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (allowStar && last && segment.EndsWith("*", StringComparison.Ordinal))
            {
                segment = segment.Substring(0, segment.Length - 1);
                if (segment.Length == 0)
                {
                    continue;
                }
            }

            if (segment.Length == 0)
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!(c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || c is >= '0' and <= '9' || c == '-'))
                {
                    return false;
                }
            }

            if (prerelease && segment.Length > 1 && segment[0] == '0' && AllDigits(segment))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllDigits(string s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
