namespace Governance.Core.Signing;

/// <summary>
/// misc.c parse_absolute_time as OpenSSH reads valid-after, valid-before and verify-time: YYYYMMDD, YYYYMMDDHHMM or
/// YYYYMMDDHHMMSS, optionally followed by "Z" or "UTC" (any case). Each field is read like glibc strptime's %Y %m %d
/// %H %M %S (leading blanks allowed, seconds up to 61) and the date is normalised like timegm, so "20260231Z" is
/// 2026-03-03.
/// A time without Z is local time to OpenSSH (mktime); here it is UTC too, so that a build's verdict does not depend
/// on the machine's time zone. CI runs in UTC, where the two agree; write the Z to make the file unambiguous.
/// </summary>
internal static class OpenSshTime
{
    /// <summary>Seconds since the epoch, or null when the text is not such a time or lies before 1970.</summary>
    public static long? Parse(string text)
    {
        var length = text.Length;
        if (length > 1 && (text[length - 1] == 'Z' || text[length - 1] == 'z'))
        {
            length--;
        }
        else if (length > 3 && OpenSshPatterns.AsciiEqualsIgnoreCase(text, length - 3, "UTC"))
        {
            length -= 3;
        }

        int fields;
        switch (length)
        {
            case 8:
                fields = 3;
                break;
            case 12:
                fields = 5;
                break;
            case 14:
                fields = 6;
                break;
            default:
                return null;
        }

        // Field widths and glibc's ranges for %Y %m %d %H %M %S.
        int[] widths = { 4, 2, 2, 2, 2, 2 };
        int[] minimum = { 0, 1, 1, 0, 0, 0 };
        int[] maximum = { 9999, 12, 31, 23, 59, 61 };
        var values = new long[6];
        var at = 0;
        for (var f = 0; f < fields; f++)
        {
            if (ReadNumber(text.Substring(at, widths[f]), minimum[f], maximum[f]) is not { } value)
            {
                return null;
            }

            values[f] = value;
            at += widths[f];
        }

        var seconds = DaysFromCivil(values[0], values[1]) * 86400 + (values[2] - 1) * 86400 + values[3] * 3600 + values[4] * 60 + values[5];
        return seconds < 0 ? null : seconds;
    }

    /// <summary>glibc strptime's get_number over one fixed-width field, which must be used up: blanks, then digits
    /// while the value can still grow within the maximum.</summary>
    private static long? ReadNumber(string field, int minimum, int maximum)
    {
        var i = 0;
        while (i < field.Length && (field[i] == ' ' || (field[i] >= '\t' && field[i] <= '\r')))
        {
            i++;
        }

        if (i == field.Length || field[i] < '0' || field[i] > '9')
        {
            return null;
        }

        long value = 0;
        var digits = field.Length;
        do
        {
            value = value * 10 + (field[i++] - '0');
        }
        while (--digits > 0 && value * 10 <= maximum && i < field.Length && field[i] >= '0' && field[i] <= '9');

        return i == field.Length && value >= minimum && value <= maximum ? value : null;
    }

    /// <summary>Days from 1970-01-01 to the first of the month (month 1..12), for any year (H. Hinnant's algorithm).</summary>
    private static long DaysFromCivil(long year, long month)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }
}
