using Governance.Core.Modules;
using Xunit;

namespace Governance.Core.Tests.Modules;

public class ModuleMatcherTests
{
    private static ModuleMatcher Compile(params string[] patterns) =>
        new(patterns.Select(p => ModulePattern.TryParse(p, out var error) ?? throw new InvalidOperationException(error)).ToList());

    [Theory]
    [InlineData("Contoso.Payments.RetryOptions", "Contoso.Payments.RetryOptions", true)]
    [InlineData("Contoso.Payments.RetryOptions", "Contoso.Payments.RetryOptionsX", false)]
    [InlineData("Contoso.Payments.RetryOptions", "Contoso.Payments", false)]
    [InlineData("Contoso.Payments.*", "Contoso.Payments.Client", true)]
    [InlineData("Contoso.Payments.*", "Contoso.Payments.Retry.Policy", false)]
    [InlineData("Contoso.Payments.*", "Contoso.Payments", false)]
    [InlineData("Contoso.Payments.Retry.**", "Contoso.Payments.Retry", true)]
    [InlineData("Contoso.Payments.Retry.**", "Contoso.Payments.Retry.Policy", true)]
    [InlineData("Contoso.Payments.Retry.**", "Contoso.Payments.Retry.Deep.Er.Policy", true)]
    [InlineData("Contoso.Payments.Retry.**", "Contoso.Payments.RetryPolicy", false)]
    [InlineData("Contoso.Payments.Retry.**", "Contoso.Payments", false)]
    [InlineData("**", "Anything.At.All", true)]
    [InlineData("*", "GlobalType", true)]
    [InlineData("*", "Ns.Type", false)]
    public void Matches_by_the_documented_pattern_semantics(string pattern, string module, bool expected)
    {
        Assert.Equal(expected, Compile(pattern).IsMatch(module));
    }

    [Theory]
    [InlineData("Contoso.Payments.**", "Contoso.Payments", true)]
    [InlineData("Contoso.Payments.**", "Contoso.Payments.Retry.Deep", true)]
    [InlineData("Contoso.**", "Contoso.Payments.Retry", true)]
    [InlineData("**", "", true)]
    [InlineData("**", "Any.Namespace", true)]
    [InlineData("Contoso.Payments.**", "Contoso", false)]
    [InlineData("Contoso.Payments.**", "Contoso.PaymentsX", false)]
    [InlineData("Contoso.Payments.**", "", false)]
    [InlineData("Contoso.Payments.*", "Contoso.Payments", false)] // types directly in it, not its sub-namespaces
    [InlineData("Contoso.Payments.Client", "Contoso.Payments", false)]
    public void Covers_a_namespace_only_when_every_module_inside_it_matches(string pattern, string ns, bool expected)
    {
        var matcher = Compile(pattern);
        Assert.Equal(expected, matcher.CoversNamespace(ns));
        if (expected)
        {
            // What "covers" promises: a type at any depth below it, and the namespace itself, match.
            Assert.True(matcher.IsMatch(ns.Length == 0 ? "T" : ns + ".T"));
            Assert.True(matcher.IsMatch(ns.Length == 0 ? "A.B.T" : ns + ".A.B.T"));
        }
    }

    [Fact]
    public void Returns_the_most_specific_pattern_index()
    {
        var matcher = Compile("Contoso.**", "Contoso.Payments.**", "Contoso.Payments.*", "Contoso.Payments.Client");
        Assert.Equal(3, matcher.Match("Contoso.Payments.Client"));
        Assert.Equal(2, matcher.Match("Contoso.Payments.Other"));
        Assert.Equal(1, matcher.Match("Contoso.Payments.Retry.Policy"));
        Assert.Equal(0, matcher.Match("Contoso.Billing"));
        Assert.Equal(-1, matcher.Match("Fabrikam.Billing"));
    }

    [Fact]
    public void Lookup_result_does_not_depend_on_how_many_other_patterns_exist()
    {
        var many = Enumerable.Range(0, 10_000).Select(i => "Generated.Area" + i + ".**").Append("Contoso.Payments.Retry.**").ToArray();
        var matcher = Compile(many);
        Assert.Equal(10_000, matcher.Match("Contoso.Payments.Retry.Policy"));
        Assert.Equal(42, matcher.Match("Generated.Area42.Thing"));
        Assert.False(matcher.IsMatch("Generated.Area10000.Thing"));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("Contoso.*.Retry", "wildcard may only be the last segment")]
    [InlineData("Contoso..Retry", "is not a C# identifier")]
    [InlineData("Contoso.Retry.", "is not a C# identifier")]
    [InlineData("1Contoso", "is not a C# identifier")]
    [InlineData("Contoso.Re try", "is not a C# identifier")]
    [InlineData("Contoso.***", "wildcard may only be the last segment")]
    [InlineData("Contoso.Retry*", "wildcard may only be the last segment")]
    public void Invalid_patterns_say_what_to_write_instead(string pattern, string fragment)
    {
        Assert.Null(ModulePattern.TryParse(pattern, out var error));
        Assert.Contains(fragment, error);
    }

    [Theory]
    [InlineData("Contoso.Payments")]
    [InlineData("_Internal.Ünïcode.Naïve")]
    [InlineData("A.B.C.*")]
    [InlineData("A.**")]
    public void Valid_patterns_parse(string pattern)
    {
        Assert.NotNull(ModulePattern.TryParse(pattern, out var error));
        Assert.Null(error);
    }
}
