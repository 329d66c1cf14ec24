using System.Text;
using Governance.Core.Files;
using Governance.Core.Findings;
using Governance.Core.Receipts;

// Usage:
//   ledger   <ledger> <count> <writerId>   append <count> receipts
//   torn     <ledger> <pauseMs> <writerId> forever: append a receipt, then write the next line in two halves with a
//                                          pause between them (fault injection: a kill in the pause tears the line)
//   baseline <file> <a|b-text-file-prefix> forever: atomically replace <file> with A, B, A, ... (kill-safety test)
var mode = args[0];
switch (mode)
{
    case "ledger":
    {
        var count = int.Parse(args[2]);
        for (var i = 0; i < count; i++)
        {
            ReceiptLedger.Append(args[1], _ => Record(args[3], i));
        }

        return 0;
    }

    case "torn":
    {
        var pause = int.Parse(args[2]);
        for (var i = 0; ; i++)
        {
            var appended = ReceiptLedger.Append(args[1], _ => Record(args[3], i));
            using var lockFile = new FileStream(ReceiptLedger.LockPathFor(args[1]), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var line = Encoding.UTF8.GetBytes(ReceiptChain.Seal(Record(args[3], -i), appended.Hash, out _) + "\n");
            using var ledger = new FileStream(args[1], FileMode.Append, FileAccess.Write, FileShare.Read);
            var half = line.Length / 2;
            ledger.Write(line, 0, half);
            ledger.Flush(flushToDisk: true);
            Console.Out.WriteLine("torn-window " + i);
            Console.Out.Flush();
            Thread.Sleep(pause);
            ledger.Write(line, half, line.Length - half);
            ledger.Flush(flushToDisk: true);
        }
    }

    case "baseline":
    {
        var a = File.ReadAllText(args[2] + ".a");
        var b = File.ReadAllText(args[2] + ".b");
        for (var i = 0; ; i++)
        {
            AtomicFile.WriteAllText(args[1], i % 2 == 0 ? a : b);
        }
    }

    default:
        Console.Error.WriteLine("unknown mode " + mode);
        return 2;
}

static Governance.Core.Json.JsonValue Record(string writer, int i) =>
    new Receipt
    {
        Project = "src/W" + writer + "/W.csproj",
        TargetFramework = "net10.0",
        Configuration = "Debug",
        Timestamp = DateTimeOffset.UtcNow,
        ToolVersion = "reliability",
        Verdict = Verdict.Approve,
        DurationMs = i,
    }.ToJson();
