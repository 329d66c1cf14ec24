using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using Governance.Core.Json;

namespace Governance.Core.Receipts;

public sealed class AppendResult
{
    public AppendResult(string hash, string previousHash, long lineNumber, int quarantinedBytes, string? quarantinePath)
    {
        Hash = hash;
        PreviousHash = previousHash;
        LineNumber = lineNumber;
        QuarantinedBytes = quarantinedBytes;
        QuarantinePath = quarantinePath;
    }

    public string Hash { get; }
    public string PreviousHash { get; }

    /// <summary>1-based line number of the appended record, or 0 when not counted.</summary>
    public long LineNumber { get; }

    /// <summary>Bytes of a torn tail (an interrupted earlier append) moved to the quarantine file; 0 when none.</summary>
    public int QuarantinedBytes { get; }

    public string? QuarantinePath { get; }
}

/// <summary>
/// Appends sealed receipts to an NDJSON ledger. Guarantees: whole lines only; one writer at a time across processes
/// (an exclusive lock on a sibling <c>.lock</c> file, which the OS releases if the writer dies); each line is
/// written with one write call and flushed to disk before the lock is released; an interrupted earlier append
/// (a last line without its newline) is moved to <c>&lt;ledger&gt;.quarantine</c>, never deleted, and reported to the
/// caller so the new record can say so. History is never rewritten.
/// This is the only file IO in Core; the analyzers never call it.
/// </summary>
public static class ReceiptLedger
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The default ledger under a governance root: beside the plans and the baseline, so that cleaning build
    /// output (`rm -rf artifacts`, `dotnet clean`, UseArtifactsOutput) never deletes it, and kept out of git by a
    /// `.gitignore` of its own (see <see cref="Append"/>): the ledger is local evidence, CI keeps it as an artifact.</summary>
    public const string DefaultRelativePath = ".governance/ledger/receipts.ndjson";

    public static string DefaultPathFor(string governanceRoot) => Path.Combine(governanceRoot, ".governance", "ledger", "receipts.ndjson");

    public static string QuarantinePathFor(string ledgerPath) => ledgerPath + ".quarantine";

    public static string LockPathFor(string ledgerPath) => ledgerPath + ".lock";

    /// <summary>In the default place (.governance/ledger/), a `.gitignore` that ignores the folder's every file, itself
    /// included: committing the ledger by accident (`git add -A`) would put one machine's builds into the branch.</summary>
    private static void KeepOutOfGit(string directory)
    {
        var ignore = Path.Combine(directory, ".gitignore");
        if (string.Equals(Path.GetFileName(directory), "ledger", StringComparison.Ordinal)
            && string.Equals(Path.GetFileName(Path.GetDirectoryName(directory)), ".governance", StringComparison.Ordinal) && !File.Exists(ignore))
        {
            try
            {
                File.WriteAllText(ignore, "# Receipts of local builds: evidence for this machine, not part of the repository.\n*\n");
            }
            catch (IOException)
            {
                // Another build wrote it first, or the folder is read-only: the append reports the latter itself.
            }
        }
    }

    /// <summary>Appends <paramref name="buildRecord"/>'s result. The builder runs under the lock and is told whether a
    /// torn tail was recovered, so the record it returns can carry that evidence.</summary>
    public static AppendResult Append(string ledgerPath, Func<int, JsonValue> buildRecord, TimeSpan? lockTimeout = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(ledgerPath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
            KeepOutOfGit(directory!);
        }

        using var lockHandle = AcquireLock(LockPathFor(ledgerPath), lockTimeout ?? DefaultLockTimeout);
        using var ledger = new FileStream(ledgerPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);

        var quarantined = RecoverTornTail(ledger, ledgerPath);
        var previous = ReadLastLine(ledger);
        var previousHash = previous is null ? ReceiptChain.GenesisHash : HashOfLine(previous);

        var record = buildRecord(quarantined);
        var line = ReceiptChain.Seal(record, previousHash, out var hash) + "\n";
        var bytes = new UTF8Encoding(false).GetBytes(line);

        ledger.Seek(0, SeekOrigin.End);
        ledger.Write(bytes, 0, bytes.Length);
        ledger.Flush(flushToDisk: true);
        return new AppendResult(hash, previousHash, 0, quarantined, quarantined > 0 ? QuarantinePathFor(ledgerPath) : null);
    }

    /// <summary>The hash a following record must chain to: the line's own <c>hash</c> member, or, for a line that
    /// is not a valid record, the SHA-256 of its bytes, so the chain still commits to exactly what is there.</summary>
    public static string HashOfLine(string line)
    {
        var parsed = JsonParser.Parse(line);
        if (parsed.Success && parsed.Root!.Kind == JsonKind.Object && parsed.Root.TryGetProperty(ReceiptChain.HashProperty, out var hash)
            && hash.Kind == JsonKind.String && hash.StringValue!.Length == 64)
        {
            return hash.StringValue;
        }

        return ReceiptChain.Sha256Hex(line);
    }

    private static FileStream AcquireLock(string lockPath, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var delay = 1;
        var random = new Random(Environment.CurrentManagedThreadId ^ (int)DateTime.UtcNow.Ticks);
        while (true)
        {
            try
            {
                // FileShare.None maps to an exclusive OS lock (LockFileEx on Windows, flock on Unix).
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (watch.Elapsed < timeout)
            {
                Thread.Sleep(delay + random.Next(delay + 1));
                delay = Math.Min(delay * 2, 50);
            }
        }
    }

    /// <summary>If the file does not end in '\n', the bytes after the last '\n' are an interrupted append: copy them
    /// to the quarantine file (flushed), then truncate them away. Returns how many bytes were moved.</summary>
    private static int RecoverTornTail(FileStream ledger, string ledgerPath)
    {
        var length = ledger.Length;
        if (length == 0)
        {
            return 0;
        }

        ledger.Seek(length - 1, SeekOrigin.Begin);
        if (ledger.ReadByte() == '\n')
        {
            return 0;
        }

        var tailStart = FindLineStart(ledger, length);
        var tailLength = checked((int)(length - tailStart));
        var tail = new byte[tailLength];
        ledger.Seek(tailStart, SeekOrigin.Begin);
        ReadExactly(ledger, tail);

        using (var quarantine = new FileStream(QuarantinePathFor(ledgerPath), FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            var header = Encoding.UTF8.GetBytes("# torn tail of " + Path.GetFileName(ledgerPath) + " at byte " + tailStart + ", recovered " + DateTime.UtcNow.ToString("o") + "\n");
            quarantine.Write(header, 0, header.Length);
            quarantine.Write(tail, 0, tail.Length);
            quarantine.WriteByte((byte)'\n');
            quarantine.Flush(flushToDisk: true);
        }

        ledger.SetLength(tailStart);
        ledger.Flush(flushToDisk: true);
        return tailLength;
    }

    /// <summary>Reads the last complete line (the file ends in '\n' here), scanning backwards in blocks.</summary>
    private static string? ReadLastLine(FileStream ledger)
    {
        var length = ledger.Length;
        if (length == 0)
        {
            return null;
        }

        var start = FindLineStart(ledger, length - 1);
        var bytes = new byte[length - 1 - start];
        ledger.Seek(start, SeekOrigin.Begin);
        ReadExactly(ledger, bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Offset just after the last '\n' before <paramref name="end"/>, or 0.</summary>
    private static long FindLineStart(FileStream stream, long end)
    {
        var buffer = new byte[4096];
        var position = end;
        while (position > 0)
        {
            var count = (int)Math.Min(buffer.Length, position);
            position -= count;
            stream.Seek(position, SeekOrigin.Begin);
            ReadExactly(stream, buffer, count);
            for (var i = count - 1; i >= 0; i--)
            {
                if (buffer[i] == '\n')
                {
                    return position + i + 1;
                }
            }
        }

        return 0;
    }

    private static void ReadExactly(Stream stream, byte[] buffer, int? count = null)
    {
        var total = count ?? buffer.Length;
        var read = 0;
        while (read < total)
        {
            var n = stream.Read(buffer, read, total - read);
            if (n == 0)
            {
                throw new EndOfStreamException();
            }

            read += n;
        }
    }
}
