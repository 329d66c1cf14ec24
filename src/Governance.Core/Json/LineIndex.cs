using System;
using System.Collections.Generic;

namespace Governance.Core.Json;

public readonly struct LinePosition
{
    public LinePosition(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based.</summary>
    public int Line { get; }

    /// <summary>1-based, in UTF-16 chars.</summary>
    public int Column { get; }

    public override string ToString() => "(" + Line + "," + Column + ")";
}

/// <summary>Maps char offsets to 1-based line/column. Built once per text; lookups are a binary search.
/// Line breaks are '\n', '\r\n' and a lone '\r', as in Roslyn's SourceText.</summary>
public sealed class LineIndex
{
    private readonly int[] _lineStarts;

    public LineIndex(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = starts.ToArray();
    }

    public int LineCount => _lineStarts.Length;

    public LinePosition GetPosition(int offset)
    {
        if (offset < 0)
        {
            offset = 0;
        }

        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return new LinePosition(index + 1, offset - _lineStarts[index] + 1);
    }
}
