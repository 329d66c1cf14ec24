using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Json;

namespace Governance.Core.Receipts;

/// <summary>
/// The hash chain of the ledger. Each record carries <c>previousHash</c> (the <c>hash</c> of the line before it, or
/// <see cref="GenesisHash"/> for the first line) and <c>hash</c> = lowercase hex SHA-256 of the RFC 8785 canonical
/// form of the record without its <c>hash</c> member. Lines are written in canonical form too, so anyone can
/// re-derive every hash with a JCS library and sha256.
/// </summary>
public static class ReceiptChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    public const string HashProperty = "hash";
    public const string PreviousHashProperty = "previousHash";

    public static string ComputeHash(JsonValue record)
    {
        var withoutHash = new List<KeyValuePair<string, JsonValue>>();
        foreach (var property in record.Properties)
        {
            if (property.Name != HashProperty)
            {
                withoutHash.Add(new KeyValuePair<string, JsonValue>(property.Name, property.Value));
            }
        }

        return Sha256Hex(JsonCanonicalizer.SerializeToUtf8(JsonValue.Object(withoutHash)));
    }

    /// <summary>Returns the record with <c>previousHash</c> set and <c>hash</c> computed, as one canonical line
    /// (without the newline).</summary>
    public static string Seal(JsonValue record, string previousHash, out string hash)
    {
        var members = new List<KeyValuePair<string, JsonValue>>();
        foreach (var property in record.Properties)
        {
            if (property.Name is not (HashProperty or PreviousHashProperty))
            {
                members.Add(new KeyValuePair<string, JsonValue>(property.Name, property.Value));
            }
        }

        members.Add(new KeyValuePair<string, JsonValue>(PreviousHashProperty, JsonValue.String(previousHash)));
        hash = ComputeHash(JsonValue.Object(members));
        members.Add(new KeyValuePair<string, JsonValue>(HashProperty, JsonValue.String(hash)));
        return JsonCanonicalizer.Serialize(JsonValue.Object(members));
    }

    public static string Sha256Hex(byte[] data)
    {
        using var sha = SHA256.Create();
        return ToHex(sha.ComputeHash(data));
    }

    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    public static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[2 * i + 1] = digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
