using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process short runs: enough to show how each hot path scales, in minutes rather than an hour.
var artifacts = args.SkipWhile(a => a != "--artifacts").Skip(1).FirstOrDefault() ?? Path.Combine("artifacts", "bench");
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithArtifactsPath(artifacts);
BenchmarkSwitcher.FromAssembly(typeof(Governance.Benchmarks.Patterns).Assembly).Run(args.Where(a => a != "--artifacts" && a != artifacts).ToArray(), config);
