namespace Governance.Performance;

/// <summary>Generates the repositories of one shape in three variants and measures them; see README.md.</summary>
internal sealed class Harness
{
    private static readonly Variant[] s_variants = { Variant.None, Variant.Governance, Variant.Peer };

    private readonly string _work;
    private readonly string _packageFolder;
    private readonly string _logs;

    public Harness(string work, string packageFolder, int runs)
    {
        _work = work;
        _packageFolder = packageFolder;
        Runs = runs;
        _logs = Path.Combine(work, "logs");
        Directory.CreateDirectory(_logs);
    }

    public int Runs { get; }

    public void Measure(Shape shape, ResultTable table)
    {
        var name = shape == Shape.Single ? "single" : shape == Shape.Multi ? "multi" : "generators";
        var defaultPatterns = shape == Shape.Single ? 1000 : shape == Shape.Multi ? 25 : 2;
        var repos = s_variants.ToDictionary(v => v, v => new SyntheticRepo(Path.Combine(_work, name + "-" + v.ToString().ToLowerInvariant()), shape, v, _packageFolder));
        foreach (var repo in repos.Values)
        {
            Prepare(repo, defaultPatterns);
        }

        var runs = shape == Shape.Multi ? Math.Min(2, Runs) : Runs;
        var governance = repos[Variant.Governance];

        // 1 and 3. Analyzer time from -p:ReportAnalyzer=true as a share of the compiler's time, and the peer's.
        var planSizes = shape == Shape.Single ? new[] { 10, 1000, 10_000 } : new[] { defaultPatterns };
        var shareAtDefault = double.NaN;
        var secondsByPlanSize = new Dictionary<int, double>();
        foreach (var patterns in planSizes)
        {
            governance.WritePlans(patterns);
            var logs = AnalyzerRuns(governance, runs);
            var shares = logs.Select(l => 100 * l.AssemblySecondsMatching("Governance.Analyzers") * 1000 / l.Task("Csc")).ToList();
            secondsByPlanSize[patterns] = Stats.Median(logs.Select(l => l.AssemblySecondsMatching("Governance.Analyzers")).ToList());
            var total = shape == Shape.Single ? $"{patterns:N0} patterns" : $"{shape.Projects} plans × {patterns} patterns";
            var isTarget = (shape == Shape.Single && patterns == 1000) || shape == Shape.WithGenerators;
            table.Add($"1. Governance analyzers, share of compiler time ({total})", shape.Name,
                $"{Stats.Median(shares):0.00}% ({secondsByPlanSize[patterns] * 1000:0} ms of {Stats.Median(logs.Select(l => l.Task("Csc")).ToList()):0} ms)",
                Stats.Spread(shares, "0.00") + "%", isTarget ? "≤ 1%" : "—", isTarget ? Stats.Median(shares) <= 1 : null);
            if (patterns == defaultPatterns)
            {
                shareAtDefault = Stats.Median(shares);
                foreach (var analyzer in logs.SelectMany(l => l.AnalyzerSeconds.Keys).Where(k => k.StartsWith("Governance.Analyzers.", StringComparison.Ordinal)).Distinct().Order())
                {
                    var perRule = logs.Select(l => 100 * l.AnalyzerSeconds.GetValueOrDefault(analyzer) * 1000 / l.Task("Csc")).ToList();
                    table.Add($"1. … {analyzer.Substring("Governance.Analyzers.".Length)}", shape.Name, $"{Stats.Median(perRule):0.00}%", Stats.Spread(perRule, "0.00") + "%");
                }
            }
        }

        governance.WritePlans(defaultPatterns);
        if (shape == Shape.Single)
        {
            var flat = secondsByPlanSize[10_000] / Math.Max(secondsByPlanSize[10], 0.001);
            // Whole-analyzer time also includes reading a plan 1,000 times longer; the flatness of matching itself is
            // the micro-benchmark's target (build/bench.sh), so this row informs and does not judge.
            table.Add("1. Governance analyzer time, 10,000 vs 10 patterns (includes reading the larger plan)", shape.Name, $"{flat:0.00}×",
                $"{secondsByPlanSize[10] * 1000:0} ms → {secondsByPlanSize[10_000] * 1000:0} ms");
        }

        var peerLogs = AnalyzerRuns(repos[Variant.Peer], runs);
        var peerShares = peerLogs.Select(l => 100 * l.AssemblySecondsMatching("BannedApiAnalyzers") * 1000 / l.Task("Csc")).ToList();
        table.Add("3. Peer: BannedApiAnalyzers 5.6.0, share of compiler time (1,000 banned symbols)", shape.Name, $"{Stats.Median(peerShares):0.00}%",
            Stats.Spread(peerShares, "0.00") + "%");
        table.Add("3. Governance share ÷ peer share", shape.Name, $"{shareAtDefault / Stats.Median(peerShares):0.00}×", "—", "≤ 1×",
            shareAtDefault <= Stats.Median(peerShares));

        // 2, 4 and 5. Whole builds, alternating the variants round by round.
        foreach (var (kind, arguments) in new[] { ("clean", "--no-incremental"), ("no-op", string.Empty) })
        {
            var times = s_variants.ToDictionary(v => v, _ => new List<double>());
            var memory = s_variants.ToDictionary(v => v, _ => new List<double>());
            var taskMs = new List<double>();
            if (kind == "no-op")
            {
                foreach (var repo in repos.Values)
                {
                    Build(repo, string.Empty, out _);
                }
            }

            for (var r = 0; r < runs; r++)
            {
                for (var k = 0; k < s_variants.Length; k++)
                {
                    var variant = s_variants[(r + k) % s_variants.Length];
                    var result = Build(repos[variant], arguments, out var log);
                    if (kind == "clean" && log.Task("Csc") <= 0)
                    {
                        throw new InvalidOperationException($"the clean build of the {variant} variant did not compile; its time would not be a clean build's");
                    }

                    times[variant].Add(result.Seconds);
                    memory[variant].Add(result.PeakMegabytes);
                    if (variant == Variant.Governance)
                    {
                        taskMs.Add(log.Task("CheckGovernanceDependencies") + log.Task("WriteGovernanceReceipt"));
                    }
                }
            }

            var none = Stats.Median(times[Variant.None]);
            var withGovernance = Stats.Median(times[Variant.Governance]);
            var paired = Enumerable.Range(0, runs).Select(i => times[Variant.Governance][i] / times[Variant.None][i]).ToList();
            var target = kind == "clean" ? 1.03 : 1.05;
            table.Add($"2. Build wall time with ÷ without the package, {kind}", shape.Name, $"{withGovernance / none:0.000} ({withGovernance:0.00} s vs {none:0.00} s)",
                Stats.Spread(paired, "0.000"), $"≤ {target:0.00}", withGovernance / none <= target);
            var peer = Stats.Median(times[Variant.Peer]);
            table.Add($"3. Build wall time with ÷ without BannedApiAnalyzers, {kind}", shape.Name, $"{peer / none:0.000} ({peer:0.00} s)",
                Stats.Spread(Enumerable.Range(0, runs).Select(i => times[Variant.Peer][i] / times[Variant.None][i]).ToList(), "0.000"));
            table.Add($"4. Governance task time (check + receipt, all projects), {kind}", shape.Name, $"{Stats.Median(taskMs):0} ms", Stats.Spread(taskMs, "0") + " ms");
            if (kind == "clean")
            {
                table.Add("5. Peak memory of the build (process tree): without / with / peer", shape.Name,
                    $"{Stats.Median(memory[Variant.None]):0} / {Stats.Median(memory[Variant.Governance]):0} / {Stats.Median(memory[Variant.Peer]):0} MB",
                    $"with: {Stats.Spread(memory[Variant.Governance], "0")} MB");
            }
        }
    }

    /// <summary>`dotnet governance check` after a clean build of the shape, as CI runs it: a new process per run,
    /// approvals from the base commit (the repository as generated), the build's outputs read from disk.</summary>
    public void MeasureCheck(Shape shape, ResultTable table, string cliAssembly)
    {
        var repo = new SyntheticRepo(Path.Combine(_work, "check-" + (shape == Shape.Single ? "single" : "multi")), shape, Variant.Governance, _packageFolder);
        Prepare(repo, shape == Shape.Single ? 1000 : 25);
        File.WriteAllText(Path.Combine(repo.Root, ".gitignore"), "bin/\nobj/\nartifacts/\n");
        foreach (var git in new[] { "init -q -b main", "add -A", "-c user.name=perf -c user.email=perf@example.com commit -q -m base" })
        {
            var info = new System.Diagnostics.ProcessStartInfo("git", git) { WorkingDirectory = repo.Root, UseShellExecute = false };
            using var process = System.Diagnostics.Process.Start(info)!;
            process.WaitForExit();
        }

        var builds = new List<double>();
        var checks = new List<double>();
        for (var r = 0; r < Runs; r++)
        {
            builds.Add(Build(repo, "--no-incremental", out _).Seconds);
            Console.WriteLine($"[{shape.Name}] dotnet governance check");
            var check = Dotnet.Run(repo.Root, $"\"{cliAssembly}\" check --base main --no-receipt", check: false);
            if (check.ExitCode != 0)
            {
                throw new InvalidOperationException("the check must approve the generated repository, or its time is not the passing path's:\n" + check.Output);
            }

            checks.Add(check.Seconds);
        }

        var shares = Enumerable.Range(0, Runs).Select(i => 100 * checks[i] / builds[i]).ToList();
        table.Add("6. `dotnet governance check` after the build, wall time (new process)", shape.Name, $"{Stats.Median(checks):0.00} s", Stats.Spread(checks, "0.00") + " s", "< 2 s",
            Stats.Median(checks) < 2);
        table.Add("6. … as a share of the clean build", shape.Name, $"{Stats.Median(shares):0.0}% (build {Stats.Median(builds):0.0} s)", Stats.Spread(shares, "0.0") + "%", "< 5%",
            Stats.Median(shares) < 5);
    }

    public void MeasureLedger(ResultTable table)
    {
        foreach (var writers in new[] { 1, 8 })
        {
            Console.WriteLine($"[ledger] {writers} writer(s) × 200 appends");
            var latencies = LedgerLatency.Measure(_work, writers, 200);
            table.Add($"4. Receipt append latency, {writers} parallel writer{(writers == 1 ? string.Empty : "s")} × 200 (p50 / p99)", "one ledger",
                $"{Stats.Percentile(latencies, 50):0.00} / {Stats.Percentile(latencies, 99):0.00} ms", $"max {latencies.Max():0.00} ms");
        }
    }

    private void Prepare(SyntheticRepo repo, int patterns)
    {
        Console.WriteLine($"[{repo.Shape.Name}] generating and warming the {repo.Variant} variant in {repo.Root}");
        repo.WriteSkeleton();
        Dotnet.Run(repo.Root, "restore Repo.slnx -nologo -v:q");
        if (repo.Variant == Variant.Governance)
        {
            Dotnet.Run(repo.Root, "build Repo.slnx --no-restore -nologo -v:q -p:GovernanceUpdateBaseline=true");
            repo.WritePlans(patterns);
        }

        repo.WriteCode();

        // The measured builds must be the passing path: every type approved, nothing banned in use.
        var warm = Dotnet.Run(repo.Root, "build Repo.slnx --no-restore -nologo -v:m");
        var findings = warm.Output.Split('\n').Where(l => l.Contains(" GOV", StringComparison.Ordinal) || l.Contains(" RS003", StringComparison.Ordinal)).ToList();
        if (findings.Count > 0)
        {
            throw new InvalidOperationException($"the {repo.Variant} variant is not clean, the measurement would time the failure path:\n" + string.Join("\n", findings.Take(10)));
        }
    }

    private List<BuildLog> AnalyzerRuns(SyntheticRepo repo, int runs)
    {
        Console.WriteLine($"[{repo.Shape.Name}] analyzer report, {repo.Variant}, {runs} runs");
        var logs = new List<BuildLog>();
        for (var r = 0; r < runs; r++)
        {
            var log = Path.Combine(_logs, "analyzers.log");
            Dotnet.Run(repo.Root, $"build Repo.slnx --no-restore --no-incremental -nologo -v:q -p:ReportAnalyzer=true \"-flp:verbosity=detailed;performancesummary;logfile={log}\"");
            var parsed = BuildLog.Parse(log);
            if (parsed.Task("Csc") <= 0 || parsed.AssemblySeconds.Count == 0)
            {
                throw new InvalidOperationException($"{log} has no compiler run or no analyzer report; see its tail for why");
            }

            logs.Add(parsed);
        }

        return logs;
    }

    private RunResult Build(SyntheticRepo repo, string arguments, out BuildLog log)
    {
        Console.WriteLine($"[{repo.Shape.Name}] build {arguments} {repo.Variant}");
        var path = Path.Combine(_logs, "build.log");
        var result = Dotnet.Run(repo.Root, $"build Repo.slnx --no-restore {arguments} -nologo -v:m \"-flp:verbosity=quiet;performancesummary;logfile={path}\"");
        log = BuildLog.Parse(path);
        return result;
    }
}
