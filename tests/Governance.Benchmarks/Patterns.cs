using Governance.Core.Modules;

namespace Governance.Benchmarks;

/// <summary>Synthetic module names and plan patterns shared by the benchmarks.</summary>
public static class Patterns
{
    /// <summary><paramref name="count"/> patterns of the three kinds, a third each, over distinct namespaces.</summary>
    public static IReadOnlyList<string> Texts(int count) => Enumerable.Range(0, count).Select(i => (i % 3) switch
    {
        0 => $"Contoso.Area{i}.Feature.Type{i}",
        1 => $"Contoso.Area{i}.Feature.*",
        _ => $"Contoso.Area{i}.**",
    }).ToList();

    public static ModuleMatcher Compile(IEnumerable<string> texts) =>
        new(texts.Select(t => ModulePattern.TryParse(t, out var error) ?? throw new InvalidOperationException(error)).ToList());

    /// <summary>A fixed set of 1,000 module names: a third match the first patterns, the rest match nothing.</summary>
    public static string[] Modules() => Enumerable.Range(0, 1000).Select(i => (i % 3) switch
    {
        0 => $"Contoso.Area{i % 9}.Feature.Type{i % 9}",
        1 => $"Contoso.Area{i % 9}.Deep.Nested.Name{i}",
        _ => $"Fabrikam.Unplanned{i}.Service.Client",
    }).ToArray();
}
