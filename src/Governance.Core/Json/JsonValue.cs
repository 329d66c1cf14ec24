using System;
using System.Collections.Generic;
using System.Globalization;

namespace Governance.Core.Json;

public enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>An immutable JSON value that remembers where it stood in the parsed text (for located diagnostics).</summary>
public sealed class JsonValue
{
    private static readonly IReadOnlyList<JsonValue> s_noItems = System.Array.Empty<JsonValue>();
    private static readonly IReadOnlyList<JsonProperty> s_noProperties = System.Array.Empty<JsonProperty>();

    internal JsonValue(JsonKind kind, int start, int length, string? stringValue = null, string? numberText = null,
        IReadOnlyList<JsonValue>? items = null, IReadOnlyList<JsonProperty>? properties = null)
    {
        Kind = kind;
        Start = start;
        Length = length;
        StringValue = stringValue;
        NumberText = numberText;
        Items = items ?? s_noItems;
        Properties = properties ?? s_noProperties;
    }

    public JsonKind Kind { get; }

    /// <summary>Char offset of the value's first char in the parsed text; -1 for constructed values.</summary>
    public int Start { get; }

    public int Length { get; }
    public string? StringValue { get; }

    /// <summary>For numbers: the exact source text (or the invariant rendering of a constructed number).</summary>
    public string? NumberText { get; }

    public IReadOnlyList<JsonValue> Items { get; }
    public IReadOnlyList<JsonProperty> Properties { get; }

    public string KindName =>
        Kind switch
        {
            JsonKind.Object => "object",
            JsonKind.Array => "array",
            JsonKind.String => "string",
            JsonKind.Number => "number",
            JsonKind.Null => "null",
            _ => "boolean",
        };

    public JsonValue? this[string name] => TryGetProperty(name, out var value) ? value : null;

    public bool TryGetProperty(string name, out JsonValue value)
    {
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                value = property.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    public bool TryGetInt64(out long value)
    {
        value = 0;
        return Kind == JsonKind.Number && long.TryParse(NumberText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static JsonValue Null { get; } = new(JsonKind.Null, -1, 0);

    public static JsonValue Bool(bool value) => new(value ? JsonKind.True : JsonKind.False, -1, 0);

    public static JsonValue String(string value) => new(JsonKind.String, -1, 0, stringValue: value ?? throw new ArgumentNullException(nameof(value)));

    public static JsonValue Number(long value) => new(JsonKind.Number, -1, 0, numberText: value.ToString(CultureInfo.InvariantCulture));

    public static JsonValue Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JSON numbers must be finite.");
        }

        return new JsonValue(JsonKind.Number, -1, 0, numberText: value.ToString("R", CultureInfo.InvariantCulture));
    }

    public static JsonValue Array(IEnumerable<JsonValue> items) => new(JsonKind.Array, -1, 0, items: new List<JsonValue>(items));

    public static JsonValue Object(IEnumerable<KeyValuePair<string, JsonValue>> properties)
    {
        var list = new List<JsonProperty>();
        foreach (var pair in properties)
        {
            list.Add(new JsonProperty(pair.Key, -1, 0, pair.Value));
        }

        return new JsonValue(JsonKind.Object, -1, 0, properties: list);
    }
}

public sealed class JsonProperty
{
    internal JsonProperty(string name, int nameStart, int nameLength, JsonValue value)
    {
        Name = name;
        NameStart = nameStart;
        NameLength = nameLength;
        Value = value;
    }

    public string Name { get; }

    /// <summary>Offset of the key's opening quote.</summary>
    public int NameStart { get; }

    /// <summary>Length of the key including its quotes.</summary>
    public int NameLength { get; }

    public JsonValue Value { get; }
}
