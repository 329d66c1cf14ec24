using System.CommandLine;
using System.Globalization;
using Governance.Performance;

// The performance harness of issue 5. See README.md beside this file; run it with build/perf.sh.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length > 0 && args[0] == "append-worker")
{
    return LedgerLatency.Worker(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3]);
}

if (args.Length > 0 && args[0] == "parse-log")
{
    // Shows what the harness reads from a build log (for checking the parser against a new SDK's log format).
    var parsed = BuildLog.Parse(args[1]);
    foreach (var (name, seconds) in parsed.AssemblySeconds.Concat(parsed.AnalyzerSeconds))
    {
        Console.WriteLine($"{seconds,10:0.000} s  {name}");
    }

    foreach (var (name, ms) in parsed.TaskMilliseconds.OrderByDescending(t => t.Value).Take(10))
    {
        Console.WriteLine($"{ms,10:0} ms {name}");
    }

    return 0;
}

var runs = new Option<int>("--runs") { Description = "Timed runs per configuration (the 40-project shape runs at most 2).", DefaultValueFactory = _ => 5 };
var shapes = new Option<string>("--shapes") { Description = "single, multi, generators (GeneratedRegex, LoggerMessage, System.Text.Json beside the package), check (dotnet governance check on the 40-project shape), comma-separated.", DefaultValueFactory = _ => "single,multi" };
var packages = new Option<string>("--package-folder") { Description = "Folder holding Governance.Analyzers.1.0.0.nupkg.", Required = true };
var work = new Option<string>("--work") { Description = "Where the synthetic repositories are generated.", Required = true };
var nuget = new Option<string>("--nuget-cache") { Description = "A private NuGet cache (NUGET_PACKAGES).", Required = true };
var cli = new Option<string?>("--cli") { Description = "Governance.Cli.dll, for the 'check' shape (dotnet governance check on the 40-project shape)." };
var output = new Option<string>("--output") { Description = "Markdown file the table is written to.", Required = true };
var root = new RootCommand("Governance.Analyzers performance harness: synthetic repositories built with and without the package and with BannedApiAnalyzers as the peer.")
{
    runs, shapes, packages, work, nuget, output, cli,
};
root.SetAction(result =>
{
    Dotnet.NuGetCache = Path.GetFullPath(result.GetValue(nuget)!);
    var harness = new Harness(Path.GetFullPath(result.GetValue(work)!), Path.GetFullPath(result.GetValue(packages)!), Math.Max(1, result.GetValue(runs)));
    var path = Path.GetFullPath(result.GetValue(output)!);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    var table = new ResultTable { Path = path, Runs = harness.Runs };
    foreach (var shape in result.GetValue(shapes)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
    {
        if (shape == "check")
        {
            harness.MeasureCheck(Shape.Multi, table, Path.GetFullPath(result.GetValue(cli) ?? throw new ArgumentException("--cli is required for the check shape")));
            continue;
        }

        harness.Measure(shape switch
        {
            "single" => Shape.Single,
            "multi" => Shape.Multi,
            "generators" => Shape.WithGenerators,
            _ => throw new ArgumentException("unknown shape " + shape),
        }, table);
    }

    if (!result.GetValue(shapes)!.Split(',').All(s => s.Trim() == "check"))
    {
        harness.MeasureLedger(table);
    }

    var markdown = table.ToMarkdown(harness.Runs);
    File.WriteAllText(path, markdown);
    Console.WriteLine();
    Console.WriteLine(markdown);
    Console.WriteLine("Written to " + path);
    return 0;
});
return root.Parse(args).Invoke();
