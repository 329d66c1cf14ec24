using BenchmarkDotNet.Attributes;
using Governance.Core.Plans;

namespace Governance.Benchmarks;

/// <summary>Reading a plan (JSON with positions, validation of every field, pattern compilation) by plan size.</summary>
public class PlanParsingBenchmarks
{
    private string _text = string.Empty;

    [Params(10, 1_000, 10_000)]
    public int PatternCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var modules = string.Join(",\n    ", Patterns.Texts(PatternCount).Select(p => "\"" + p + "\""));
        _text = $$"""
            {
              "dispatchId": "d-2471",
              "task": "Add a retry policy to the payment client",
              "agent": "benchmark",
              "approvedBy": "alice@example.com",
              "approvedAt": "2026-11-20T10:00:00Z",
              "projects": ["src/Payments/Payments.csproj"],
              "modules": [
                {{modules}}
              ],
              "packages": [{ "id": "Polly.Core", "version": "[8.4.0,9.0.0)" }],
              "projectReferences": ["src/Resilience/Resilience.csproj"]
            }
            """;
        if (PlanReader.Read("/repo/.governance/plans/d-2471.json", _text).Plan is null)
        {
            throw new InvalidOperationException("the benchmark plan does not parse");
        }
    }

    [Benchmark(Description = "read plan")]
    public PlanReadResult Read() => PlanReader.Read("/repo/.governance/plans/d-2471.json", _text);
}
