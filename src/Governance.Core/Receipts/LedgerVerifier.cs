using System.Collections.Generic;
using System.IO;
using System.Text;
using Governance.Core.Json;

namespace Governance.Core.Receipts;

public enum LedgerProblemKind
{
    /// <summary>The last line has no newline: an append was interrupted.</summary>
    TornTail,

    /// <summary>A line is not a JSON object.</summary>
    InvalidRecord,

    /// <summary>A record's <c>hash</c> does not match its content: it was edited.</summary>
    HashMismatch,

    /// <summary>A record's <c>previousHash</c> is not the hash of the line before it: a line was removed, inserted or reordered.</summary>
    ChainBroken,
}

public sealed class LedgerProblem
{
    public LedgerProblem(long line, LedgerProblemKind kind, string message)
    {
        Line = line;
        Kind = kind;
        Message = message;
    }

    /// <summary>1-based line number.</summary>
    public long Line { get; }
    public LedgerProblemKind Kind { get; }
    public string Message { get; }

    public override string ToString() => "line " + Line + ": " + Message;
}

public sealed class LedgerRecord
{
    public LedgerRecord(long line, JsonValue value)
    {
        Line = line;
        Value = value;
    }

    public long Line { get; }
    public JsonValue Value { get; }
}

public sealed class LedgerVerification
{
    public LedgerVerification(IReadOnlyList<LedgerRecord> records, IReadOnlyList<LedgerProblem> problems)
    {
        Records = records;
        Problems = problems;
    }

    /// <summary>Records that parsed, in file order (including ones with hash problems).</summary>
    public IReadOnlyList<LedgerRecord> Records { get; }

    public IReadOnlyList<LedgerProblem> Problems { get; }

    public bool IsIntact => Problems.Count == 0;
}

/// <summary>Reads a ledger and checks every line's hash and its link to the line before. Read-only.</summary>
public static class LedgerVerifier
{
    public static LedgerVerification VerifyFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Verify(new UTF8Encoding(false).GetString(bytes));
    }

    public static LedgerVerification Verify(string content)
    {
        var records = new List<LedgerRecord>();
        var problems = new List<LedgerProblem>();
        var previousHash = ReceiptChain.GenesisHash;
        long lineNumber = 0;
        var position = 0;
        while (position < content.Length)
        {
            lineNumber++;
            var newline = content.IndexOf('\n', position);
            var torn = newline < 0;
            var line = torn ? content.Substring(position) : content.Substring(position, newline - position);
            position = torn ? content.Length : newline + 1;
            if (torn)
            {
                problems.Add(new LedgerProblem(lineNumber, LedgerProblemKind.TornTail,
                    "the last line has no newline: an append was interrupted. The next governed build moves it to the quarantine file."));
                break;
            }

            var parsed = JsonParser.Parse(line);
            if (!parsed.Success || parsed.Root!.Kind != JsonKind.Object)
            {
                problems.Add(new LedgerProblem(lineNumber, LedgerProblemKind.InvalidRecord,
                    "not a JSON object" + (parsed.Error is null ? string.Empty : " (" + parsed.Error.Message + ")") + "."));
                previousHash = ReceiptChain.Sha256Hex(line);
                continue;
            }

            var record = parsed.Root;
            records.Add(new LedgerRecord(lineNumber, record));
            var recordedPrevious = record[ReceiptChain.PreviousHashProperty]?.StringValue;
            if (recordedPrevious != previousHash)
            {
                problems.Add(new LedgerProblem(lineNumber, LedgerProblemKind.ChainBroken,
                    "previousHash is " + (recordedPrevious ?? "missing") + " but the line before hashes to " + previousHash
                    + ": a line was removed, inserted or reordered before this one."));
            }

            var recordedHash = record[ReceiptChain.HashProperty]?.StringValue;
            var actualHash = ReceiptChain.ComputeHash(record);
            if (recordedHash != actualHash)
            {
                problems.Add(new LedgerProblem(lineNumber, LedgerProblemKind.HashMismatch,
                    "hash is " + (recordedHash ?? "missing") + " but the record hashes to " + actualHash + ": the record was edited."));
            }

            previousHash = recordedHash ?? actualHash;
        }

        return new LedgerVerification(records, problems);
    }
}
