using System;
using System.Globalization;

namespace Governance.Core.Modules;

public enum ModulePatternKind
{
    /// <summary><c>A.B.C</c>: exactly that module.</summary>
    Exact,

    /// <summary><c>A.B.*</c>: any module exactly one segment below <c>A.B</c>.</summary>
    OneLevel,

    /// <summary><c>A.B.**</c>: <c>A.B</c> itself and anything below it, at any depth.</summary>
    AnyDepth,
}

/// <summary>A parsed module pattern. Syntax: dot-separated C# identifiers, optionally ending in <c>.*</c> or
/// <c>.**</c>; a lone <c>*</c> or <c>**</c> applies to the global namespace.</summary>
public sealed class ModulePattern
{
    private ModulePattern(string text, string prefix, ModulePatternKind kind)
    {
        Text = text;
        Prefix = prefix;
        Kind = kind;
    }

    public string Text { get; }

    /// <summary>The literal part: the whole name for <see cref="ModulePatternKind.Exact"/>, the part before the
    /// wildcard otherwise (empty for a lone wildcard).</summary>
    public string Prefix { get; }

    public ModulePatternKind Kind { get; }

    public override string ToString() => Text;

    /// <summary>Parses a pattern; on failure returns null and a message that says what to write instead.</summary>
    public static ModulePattern? TryParse(string? text, out string? error)
    {
        error = null;
        if (text is null || text.Length == 0)
        {
            error = "A module pattern must not be empty. Write a namespace or type name such as \"Contoso.Payments.Retry.**\".";
            return null;
        }

        if (text.Length > 1024)
        {
            error = "A module pattern is limited to 1024 characters.";
            return null;
        }

        var kind = ModulePatternKind.Exact;
        string prefix;
        if (text == "**")
        {
            return new ModulePattern(text, string.Empty, ModulePatternKind.AnyDepth);
        }

        if (text == "*")
        {
            return new ModulePattern(text, string.Empty, ModulePatternKind.OneLevel);
        }

        if (text.EndsWith(".**", StringComparison.Ordinal))
        {
            kind = ModulePatternKind.AnyDepth;
            prefix = text.Substring(0, text.Length - 3);
        }
        else if (text.EndsWith(".*", StringComparison.Ordinal))
        {
            kind = ModulePatternKind.OneLevel;
            prefix = text.Substring(0, text.Length - 2);
        }
        else
        {
            prefix = text;
        }

        var segments = prefix.Split('.');
        foreach (var segment in segments)
        {
            if (segment.IndexOf('*') >= 0)
            {
                error = "'" + text + "' is not a valid module pattern: a wildcard may only be the last segment, as '.*' (one more segment) or '.**' (any depth).";
                return null;
            }

            if (!IsIdentifier(segment))
            {
                error = "'" + text + "' is not a valid module pattern: '" + segment + "' is not a C# identifier. Use dot-separated names, optionally ending in '.*' or '.**'.";
                return null;
            }
        }

        return new ModulePattern(text, prefix, kind);
    }

    internal static bool IsIdentifier(string segment)
    {
        if (segment.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var isLetter = c == '_' || category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.LetterNumber;
            if (i == 0)
            {
                if (!isLetter)
                {
                    return false;
                }
            }
            else if (!isLetter && category is not (UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
                         or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format))
            {
                return false;
            }
        }

        return true;
    }
}
