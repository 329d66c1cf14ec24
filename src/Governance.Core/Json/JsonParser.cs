using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Governance.Core.Json;

public sealed class JsonParseOptions
{
    /// <summary>Deeper nesting is an error. Capped at <see cref="MaxSupportedDepth"/> so recursion can never
    /// overflow the stack, whatever a caller sets.</summary>
    public int MaxDepth { get; set; } = 64;

    public bool AllowDuplicateProperties { get; set; }
    public bool AllowComments { get; set; }
    public bool AllowTrailingCommas { get; set; }

    public const int MaxSupportedDepth = 512;

    public static JsonParseOptions Default { get; } = new();
}

public sealed class JsonParseError
{
    public JsonParseError(string message, int offset, int length)
    {
        Message = message;
        Offset = offset;
        Length = length;
    }

    public string Message { get; }
    public int Offset { get; }
    public int Length { get; }

    public override string ToString() => "@" + Offset + ": " + Message;
}

public readonly struct JsonParseResult
{
    public JsonParseResult(JsonValue? root, JsonParseError? error)
    {
        Root = root;
        Error = error;
    }

    public JsonValue? Root { get; }
    public JsonParseError? Error { get; }
    public bool Success => Error is null;
}

/// <summary>
/// A strict RFC 8259 parser that keeps every value's position. Small on purpose: Core must not depend on
/// System.Text.Json (see docs/architecture.md). Never throws for any input; errors carry the offset of the offending
/// character and a message that says what was expected.
/// </summary>
public static class JsonParser
{
    public static JsonParseResult Parse(string text, JsonParseOptions? options = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var parser = new Parser(text, options ?? JsonParseOptions.Default);
        try
        {
            var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
            parser.Position = start;
            parser.SkipTrivia();
            if (parser.Position >= text.Length)
            {
                return new JsonParseResult(null, new JsonParseError("The document is empty; expected a JSON value such as { ... }.", parser.Position, 0));
            }

            var root = parser.ParseValue(0);
            parser.SkipTrivia();
            if (parser.Position < text.Length)
            {
                throw parser.Fail("Unexpected " + parser.Describe(parser.Position) + " after the end of the JSON value.", parser.Position, 1);
            }

            return new JsonParseResult(root, null);
        }
        catch (ParseException ex)
        {
            return new JsonParseResult(null, ex.Error);
        }
    }

    private sealed class ParseException : Exception
    {
        public ParseException(JsonParseError error)
            : base(error.Message) => Error = error;

        public JsonParseError Error { get; }
    }

    private sealed class Parser
    {
        private readonly string _text;
        private readonly JsonParseOptions _options;
        private readonly int _maxDepth;
        private readonly StringBuilder _buffer = new();
        private LineIndex? _lines;

        public Parser(string text, JsonParseOptions options)
        {
            _text = text;
            _options = options;
            _maxDepth = Math.Min(Math.Max(options.MaxDepth, 1), JsonParseOptions.MaxSupportedDepth);
        }

        public int Position;

        public ParseException Fail(string message, int offset, int length) => new(new JsonParseError(message, Math.Min(offset, _text.Length), length));

        private ParseException Truncated() => Fail("Unexpected end of file: the document is truncated.", _text.Length, 0);

        public string Describe(int offset)
        {
            if (offset >= _text.Length)
            {
                return "end of file";
            }

            var c = _text[offset];
            return c < 0x20 || c == 0x7F ? "character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : "'" + c + "'";
        }

        public void SkipTrivia()
        {
            while (Position < _text.Length)
            {
                var c = _text[Position];
                if (c is ' ' or '\t' or '\n' or '\r')
                {
                    Position++;
                }
                else if (c == '/' && _options.AllowComments && Position + 1 < _text.Length && _text[Position + 1] is '/' or '*')
                {
                    SkipComment();
                }
                else
                {
                    return;
                }
            }
        }

        private void SkipComment()
        {
            if (_text[Position + 1] == '/')
            {
                var end = _text.IndexOf('\n', Position);
                Position = end < 0 ? _text.Length : end + 1;
                return;
            }

            var close = _text.IndexOf("*/", Position + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw Fail("Unterminated /* comment.", Position, 2);
            }

            Position = close + 2;
        }

        public JsonValue ParseValue(int depth)
        {
            if (Position >= _text.Length)
            {
                throw Truncated();
            }

            var c = _text[Position];
            switch (c)
            {
                case '{':
                    return ParseObject(depth + 1);
                case '[':
                    return ParseArray(depth + 1);
                case '"':
                    var start = Position;
                    var s = ParseString();
                    return new JsonValue(JsonKind.String, start, Position - start, stringValue: s);
                case 't':
                    return ParseLiteral("true", JsonKind.True);
                case 'f':
                    return ParseLiteral("false", JsonKind.False);
                case 'n':
                    return ParseLiteral("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    throw Fail("Expected a JSON value (object, array, string, number, true, false or null) but found " + Describe(Position)
                        + (c == '\'' ? "; strings use double quotes." : "."), Position, 1);
            }
        }

        private JsonValue ParseLiteral(string literal, JsonKind kind)
        {
            if (string.CompareOrdinal(_text, Position, literal, 0, literal.Length) != 0)
            {
                if (Position + literal.Length > _text.Length && string.CompareOrdinal(_text, Position, literal, 0, _text.Length - Position) == 0)
                {
                    throw Truncated();
                }

                throw Fail("Expected '" + literal + "' but found " + Describe(Position) + ".", Position, 1);
            }

            var start = Position;
            Position += literal.Length;
            return new JsonValue(kind, start, literal.Length);
        }

        private JsonValue ParseNumber()
        {
            var start = Position;
            if (_text[Position] == '-')
            {
                Position++;
            }

            if (Position >= _text.Length)
            {
                throw Truncated();
            }

            if (_text[Position] == '0')
            {
                Position++;
                if (Position < _text.Length && IsDigit(_text[Position]))
                {
                    throw Fail("Numbers must not have leading zeros.", start, Position - start + 1);
                }
            }
            else if (IsDigit(_text[Position]))
            {
                while (Position < _text.Length && IsDigit(_text[Position]))
                {
                    Position++;
                }
            }
            else
            {
                throw Fail("Expected a digit but found " + Describe(Position) + ".", Position, 1);
            }

            if (Position < _text.Length && _text[Position] == '.')
            {
                Position++;
                RequireDigits();
            }

            if (Position < _text.Length && _text[Position] is 'e' or 'E')
            {
                Position++;
                if (Position < _text.Length && _text[Position] is '+' or '-')
                {
                    Position++;
                }

                RequireDigits();
            }

            return new JsonValue(JsonKind.Number, start, Position - start, numberText: _text.Substring(start, Position - start));
        }

        private void RequireDigits()
        {
            if (Position >= _text.Length)
            {
                throw Truncated();
            }

            if (!IsDigit(_text[Position]))
            {
                throw Fail("Expected a digit but found " + Describe(Position) + ".", Position, 1);
            }

            while (Position < _text.Length && IsDigit(_text[Position]))
            {
                Position++;
            }
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private string ParseString()
        {
            var start = Position;
            Position++;
            var runStart = Position;
            _buffer.Clear();
            while (true)
            {
                if (Position >= _text.Length)
                {
                    throw Fail("Unterminated string: the document ends before its closing quote.", start, 1);
                }

                var c = _text[Position];
                if (c == '"')
                {
                    string result;
                    if (_buffer.Length == 0)
                    {
                        result = _text.Substring(runStart, Position - runStart);
                    }
                    else
                    {
                        _buffer.Append(_text, runStart, Position - runStart);
                        result = _buffer.ToString();
                    }

                    Position++;
                    return result;
                }

                if (c < 0x20)
                {
                    throw Fail(c == '\n' || c == '\r'
                        ? "Unterminated string: a line break inside a string must be written as \\n."
                        : "Control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " must be escaped inside a string.", Position, 1);
                }

                if (c == '\\')
                {
                    _buffer.Append(_text, runStart, Position - runStart);
                    Position++;
                    if (Position >= _text.Length)
                    {
                        throw Truncated();
                    }

                    var e = _text[Position];
                    switch (e)
                    {
                        case '"': _buffer.Append('"'); break;
                        case '\\': _buffer.Append('\\'); break;
                        case '/': _buffer.Append('/'); break;
                        case 'b': _buffer.Append('\b'); break;
                        case 'f': _buffer.Append('\f'); break;
                        case 'n': _buffer.Append('\n'); break;
                        case 'r': _buffer.Append('\r'); break;
                        case 't': _buffer.Append('\t'); break;
                        case 'u':
                            if (Position + 4 >= _text.Length)
                            {
                                throw Truncated();
                            }

                            var code = 0;
                            for (var i = 1; i <= 4; i++)
                            {
                                var h = _text[Position + i];
                                var digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                                if (digit < 0)
                                {
                                    throw Fail("Invalid \\u escape: expected four hex digits.", Position - 1, 6);
                                }

                                code = (code << 4) | digit;
                            }

                            _buffer.Append((char)code);
                            Position += 4;
                            break;
                        default:
                            throw Fail("Invalid escape '\\" + e + "'. Valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.", Position - 1, 2);
                    }

                    Position++;
                    runStart = Position;
                    continue;
                }

                Position++;
            }
        }

        private JsonValue ParseArray(int depth)
        {
            var start = Position;
            CheckDepth(depth, start);
            Position++;
            var items = new List<JsonValue>();
            SkipTrivia();
            if (Position < _text.Length && _text[Position] == ']')
            {
                Position++;
                return new JsonValue(JsonKind.Array, start, Position - start, items: items);
            }

            while (true)
            {
                SkipTrivia();
                items.Add(ParseValue(depth));
                SkipTrivia();
                if (Position >= _text.Length)
                {
                    throw Truncated();
                }

                var c = _text[Position];
                if (c == ']')
                {
                    Position++;
                    return new JsonValue(JsonKind.Array, start, Position - start, items: items);
                }

                if (c != ',')
                {
                    throw Fail("Expected ',' or ']' after an array element but found " + Describe(Position) + ".", Position, 1);
                }

                Position++;
                SkipTrivia();
                if (Position < _text.Length && _text[Position] == ']')
                {
                    if (!_options.AllowTrailingCommas)
                    {
                        throw Fail("Trailing comma before ']'. Remove the comma.", Position - 1, 1);
                    }

                    Position++;
                    return new JsonValue(JsonKind.Array, start, Position - start, items: items);
                }
            }
        }

        private JsonValue ParseObject(int depth)
        {
            var start = Position;
            CheckDepth(depth, start);
            Position++;
            var properties = new List<JsonProperty>();
            Dictionary<string, int>? seen = null;
            SkipTrivia();
            if (Position < _text.Length && _text[Position] == '}')
            {
                Position++;
                return new JsonValue(JsonKind.Object, start, Position - start, properties: properties);
            }

            while (true)
            {
                SkipTrivia();
                if (Position >= _text.Length)
                {
                    throw Truncated();
                }

                if (_text[Position] != '"')
                {
                    throw Fail("Expected a property name in double quotes but found " + Describe(Position) + ".", Position, 1);
                }

                var nameStart = Position;
                var name = ParseString();
                var nameLength = Position - nameStart;
                if (!_options.AllowDuplicateProperties)
                {
                    seen ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    if (seen.TryGetValue(name, out var firstOffset))
                    {
                        _lines ??= new LineIndex(_text);
                        var first = _lines.GetPosition(firstOffset);
                        throw Fail("Duplicate property '" + name + "' (first defined at line " + first.Line + ", column " + first.Column + ").", nameStart, nameLength);
                    }

                    seen.Add(name, nameStart);
                }

                SkipTrivia();
                if (Position >= _text.Length)
                {
                    throw Truncated();
                }

                if (_text[Position] != ':')
                {
                    throw Fail("Expected ':' after property name '" + name + "' but found " + Describe(Position) + ".", Position, 1);
                }

                Position++;
                SkipTrivia();
                var value = ParseValue(depth);
                properties.Add(new JsonProperty(name, nameStart, nameLength, value));
                SkipTrivia();
                if (Position >= _text.Length)
                {
                    throw Truncated();
                }

                var c = _text[Position];
                if (c == '}')
                {
                    Position++;
                    return new JsonValue(JsonKind.Object, start, Position - start, properties: properties);
                }

                if (c != ',')
                {
                    throw Fail("Expected ',' or '}' after property value but found " + Describe(Position) + ".", Position, 1);
                }

                Position++;
                SkipTrivia();
                if (Position < _text.Length && _text[Position] == '}')
                {
                    if (!_options.AllowTrailingCommas)
                    {
                        throw Fail("Trailing comma before '}'. Remove the comma.", Position - 1, 1);
                    }

                    Position++;
                    return new JsonValue(JsonKind.Object, start, Position - start, properties: properties);
                }
            }
        }

        private void CheckDepth(int depth, int offset)
        {
            if (depth > _maxDepth)
            {
                throw Fail("Nesting deeper than " + _maxDepth.ToString(CultureInfo.InvariantCulture) + " levels.", offset, 1);
            }
        }
    }
}
