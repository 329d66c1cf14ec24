using BenchmarkDotNet.Attributes;
using Governance.Core.Modules;

namespace Governance.Benchmarks;

/// <summary>Matching 1,000 module names against plans of 10 to 10,000 patterns: the compiled matcher's cost must not
/// grow with the number of patterns.</summary>
public class PatternMatchingBenchmarks
{
    private ModuleMatcher _matcher = ModuleMatcher.Empty;
    private string[] _modules = Array.Empty<string>();

    [Params(10, 100, 1_000, 10_000)]
    public int PatternCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _matcher = Patterns.Compile(Patterns.Texts(PatternCount));
        _modules = Patterns.Modules();
    }

    [Benchmark(Description = "match 1,000 modules")]
    public int Match()
    {
        var matched = 0;
        foreach (var module in _modules)
        {
            if (_matcher.IsMatch(module))
            {
                matched++;
            }
        }

        return matched;
    }

    [Benchmark(Description = "compile the patterns")]
    public ModuleMatcher Compile() => Patterns.Compile(Patterns.Texts(PatternCount));
}
