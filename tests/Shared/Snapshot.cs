using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Governance.Tests.Shared;

/// <summary>
/// A minimal stand-in for Verify.Xunit (whose core package is not served by this machine's registry), in Verify's
/// layout: the approved text is `<TestFile>.<name>.verified.txt` beside the test source; on a mismatch the actual text
/// is written to `<Class>.<name>.received.txt` next to it for diffing and approving. Moving to Verify is mechanical:
/// `await Verify(text)` reads and writes the same files.
/// </summary>
public static class Snapshot
{
    public static void Verify(string text, string name, [CallerFilePath] string sourceFile = "", [CallerMemberName] string member = "")
    {
        var directory = Path.GetDirectoryName(sourceFile)!;
        var prefix = Path.GetFileNameWithoutExtension(sourceFile) + "." + (string.IsNullOrEmpty(name) ? member : name);
        var verified = Path.Combine(directory, prefix + ".verified.txt");
        var received = Path.Combine(directory, prefix + ".received.txt");
        var normalized = text.Replace("\r\n", "\n");
        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n") == normalized)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        File.WriteAllText(received, normalized);
        throw new XunitException(File.Exists(verified)
            ? $"Snapshot mismatch: compare {received} with {verified}, and rename it to approve."
            : $"No approved snapshot: review {received} and rename it to {Path.GetFileName(verified)} to approve.");
    }
}
