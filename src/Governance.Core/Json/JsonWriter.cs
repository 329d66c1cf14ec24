using System;
using System.Globalization;
using System.Text;

namespace Governance.Core.Json;

/// <summary>Writes JSON: compact, or indented with two spaces and '\n' (the style of every file this tool writes,
/// so regenerated files diff cleanly).</summary>
public static class JsonWriter
{
    public static string Serialize(JsonValue value, bool indented = false)
    {
        var builder = new StringBuilder();
        Write(builder, value, indented, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonValue value, bool indented, int depth)
    {
        switch (value.Kind)
        {
            case JsonKind.Object:
                if (value.Properties.Count == 0)
                {
                    builder.Append("{}");
                    return;
                }

                builder.Append('{');
                for (var i = 0; i < value.Properties.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    NewLine(builder, indented, depth + 1);
                    WriteString(builder, value.Properties[i].Name, canonical: false);
                    builder.Append(indented ? ": " : ":");
                    Write(builder, value.Properties[i].Value, indented, depth + 1);
                }

                NewLine(builder, indented, depth);
                builder.Append('}');
                return;
            case JsonKind.Array:
                if (value.Items.Count == 0)
                {
                    builder.Append("[]");
                    return;
                }

                builder.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    NewLine(builder, indented, depth + 1);
                    Write(builder, value.Items[i], indented, depth + 1);
                }

                NewLine(builder, indented, depth);
                builder.Append(']');
                return;
            case JsonKind.String:
                WriteString(builder, value.StringValue!, canonical: false);
                return;
            case JsonKind.Number:
                builder.Append(value.NumberText);
                return;
            case JsonKind.True:
                builder.Append("true");
                return;
            case JsonKind.False:
                builder.Append("false");
                return;
            default:
                builder.Append("null");
                return;
        }
    }

    private static void NewLine(StringBuilder builder, bool indented, int depth)
    {
        if (indented)
        {
            builder.Append('\n').Append(' ', depth * 2);
        }
    }

    /// <summary>Escapes per RFC 8785 section 3.2.2.2 (which is also valid RFC 8259): only '"', '\\' and control
    /// characters; everything else literal.</summary>
    internal static void WriteString(StringBuilder builder, string value, bool canonical)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}

/// <summary>RFC 8785 JSON Canonicalization Scheme: members sorted by UTF-16 code units, no whitespace, minimal string
/// escaping, numbers as ECMAScript renders them. The input of every hash and signature in this product.</summary>
public static class JsonCanonicalizer
{
    public static string Serialize(JsonValue value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    public static byte[] SerializeToUtf8(JsonValue value) => new UTF8Encoding(false).GetBytes(Serialize(value));

    private static void Write(StringBuilder builder, JsonValue value)
    {
        switch (value.Kind)
        {
            case JsonKind.Object:
                var properties = new JsonProperty[value.Properties.Count];
                for (var i = 0; i < properties.Length; i++)
                {
                    properties[i] = value.Properties[i];
                }

                Array.Sort(properties, (a, b) => string.CompareOrdinal(a.Name, b.Name));
                builder.Append('{');
                for (var i = 0; i < properties.Length; i++)
                {
                    if (i > 0)
                    {
                        if (string.Equals(properties[i - 1].Name, properties[i].Name, StringComparison.Ordinal))
                        {
                            throw new ArgumentException("Duplicate property '" + properties[i].Name + "' cannot be canonicalized.", nameof(value));
                        }

                        builder.Append(',');
                    }

                    JsonWriter.WriteString(builder, properties[i].Name, canonical: true);
                    builder.Append(':');
                    Write(builder, properties[i].Value);
                }

                builder.Append('}');
                return;
            case JsonKind.Array:
                builder.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, value.Items[i]);
                }

                builder.Append(']');
                return;
            case JsonKind.String:
                JsonWriter.WriteString(builder, value.StringValue!, canonical: true);
                return;
            case JsonKind.Number:
                builder.Append(FormatNumber(value.NumberText!));
                return;
            case JsonKind.True:
                builder.Append("true");
                return;
            case JsonKind.False:
                builder.Append("false");
                return;
            default:
                builder.Append("null");
                return;
        }
    }

    /// <summary>ECMAScript Number.prototype.toString (RFC 8785 3.2.2.3) of the IEEE double nearest the text.</summary>
    public static string FormatNumber(string numberText)
    {
        var d = double.Parse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(d) || double.IsNaN(d))
        {
            throw new ArgumentException("'" + numberText + "' is out of the range of an IEEE 754 double.", nameof(numberText));
        }

        if (d == 0)
        {
            return "0";
        }

        var negative = d < 0;
        // "R" gives the shortest round-trip digits on .NET Core 3.0+ (documented limitation on .NET Framework).
        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var ePos = r.IndexOfAny(new[] { 'E', 'e' });
        var exponent = 0;
        var mantissa = r;
        if (ePos >= 0)
        {
            exponent = int.Parse(r.Substring(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r.Substring(0, ePos);
        }

        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var pointPosition = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits.Substring(leadingZeros);
        pointPosition -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var k = digits.Length;
        var n = pointPosition;
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        if (k <= n && n <= 21)
        {
            builder.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            builder.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            builder.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            builder.Append(digits[0]);
            if (k > 1)
            {
                builder.Append('.').Append(digits, 1, k - 1);
            }

            builder.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
