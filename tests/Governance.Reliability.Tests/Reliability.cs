using System.Diagnostics;

namespace Governance.Reliability.Tests;

internal static class Reliability
{
    /// <summary>The trait of the tests `bash build/test.sh --fast` leaves out: many processes, killed writers, 50 MB
    /// files. The whole suite (no argument) runs them.</summary>
    public const string Category = "Category";
    public const string Long = "Long";

    /// <summary>GOVERNANCE_RELIABILITY_FULL=1 runs the full counts of issue 6; the default suite runs fewer.</summary>
    public static bool Full => Environment.GetEnvironmentVariable("GOVERNANCE_RELIABILITY_FULL") == "1";

    public static string WriterDll
    {
        get
        {
            // tests/Governance.Reliability.Tests/bin/<Configuration>/net10.0/ → tests/Governance.Reliability.Writer/bin/<Configuration>/net10.0/
            var path = AppContext.BaseDirectory.Replace("Governance.Reliability.Tests", "Governance.Reliability.Writer");
            var dll = Path.Combine(path, "Governance.Reliability.Writer.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/Governance.Reliability.Writer first.", dll);
        }
    }

    public static Process StartWriter(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(WriterDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }
}
