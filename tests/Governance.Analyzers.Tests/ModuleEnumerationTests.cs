using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Governance.Metadata;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Governance.Analyzers.Tests;

/// <summary>
/// One module enumeration, three readers: the build-facts generator reads syntax, the analyzers read symbols, and
/// `dotnet governance check` and the baseline update read the compiled assembly's metadata. On one compilation full of
/// edges (keyword namespaces, arity overloads, partial parts, file-local types in two files, nested namespaces,
/// top-level statements, records, and what the compiler synthesizes: closures, anonymous types,
/// &lt;PrivateImplementationDetails&gt;) all three must give the same modules, and so must what the analyzers and the
/// facts count and report. (The compiler's embedded attributes, which .NET 10 references do not make it emit, are
/// ModuleDefinitionTests' and the end-to-end CheckAttackCorpusTests'.)
/// </summary>
public class ModuleEnumerationTests
{
    private static readonly string[] s_types =
    [
        "Contoso.class.Deeper.Cursor", "Contoso.class.Done", "Contoso.class.Entry", "Contoso.class.Hidden", "Contoso.class.IStore", "Contoso.class.Kind",
        "Contoso.class.Parser", "Contoso.class.Point", "Contoso.class.Split", "Extensions", "Global", "Program",
    ];

    private static readonly string[] s_namespaces = ["Contoso.class", "Contoso.class.Deeper", "Extensions", "Global", "Program"];

    private static GovernanceAnalyzerTest Corpus(params string[] baseline)
    {
        var test = new GovernanceAnalyzerTest()
            .Source("/repo/src/Payments/A.cs", """
                namespace Contoso.@class
                {
                    public class Parser<T> { public string Name = ""; class Inner { } }
                    public class Parser<T, U> { }
                    public partial class Split { }
                    public delegate void Done();
                    public enum Kind { A }
                    public interface IStore { }
                    public record Entry(int X);
                    public record struct Point(int X, int Y);
                    file class Hidden { }
                    namespace Deeper { struct Cursor { } }
                }
                namespace Contoso.Empty { }
                class Global { }
                static class Extensions { public static int Length(this string s) => s.Length; }
                """)
            .Source("/repo/src/Payments/B.cs", """
                namespace Contoso.@class;
                partial class Split
                {
                    int M() { var a = new { X = 1 }; System.Func<int> f = () => a.X; return f(); }
                }
                file class Hidden { }
                """)
            .Source("/repo/src/Payments/Program.cs", """
                var data = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
                System.Console.WriteLine(new Contoso.@class.Split().ToString() + data.Length);
                """)
            .Baseline(baseline);
        test.OutputKind = OutputKind.ConsoleApplication;
        test.Properties["GovernanceBuildFacts"] = "true";
        return test;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Syntax_symbols_and_metadata_give_the_same_modules(bool namespaceGranularity)
    {
        var expected = namespaceGranularity ? s_namespaces : s_types;
        var compilation = (await (await Corpus().ProjectAsync()).GetCompilationAsync())!;

        var syntax = ModuleSites.Of(compilation.SyntaxTrees, namespaceGranularity).Names();
        var symbols = DeclaredModules.Of(compilation, namespaceGranularity);
        List<string> metadata;
        using (var image = new MemoryStream())
        {
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            image.Position = 0;
            using var pe = new PEReader(image);
            var reader = pe.GetMetadataReader();
            metadata = AssemblyModuleReader.Modules(reader, namespaceGranularity).Names();

            // What the compiler synthesized is in the assembly, and is not a module.
            var topLevel = reader.TypeDefinitions.Select(h => reader.GetTypeDefinition(h)).Where(t => t.GetDeclaringType().IsNil).Select(t => reader.GetString(t.Name)).ToList();
            Assert.Contains("<PrivateImplementationDetails>", topLevel);
            Assert.Contains(topLevel, n => n.StartsWith("<>f__AnonymousType", StringComparison.Ordinal));
            Assert.Equal(2, topLevel.Count(n => n.EndsWith("__Hidden", StringComparison.Ordinal)));
        }

        Assert.Equal(expected, syntax.Order(StringComparer.Ordinal));
        Assert.Equal(expected, symbols.Order(StringComparer.Ordinal));
        Assert.Equal(expected, metadata.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_analyzers_and_the_facts_count_list_and_report_the_same_modules()
    {
        // Nothing approved: every module is a GOV100, once in the facts, at each declaration in the analyzer.
        var unapproved = Corpus("Contoso.Other");
        var facts = await BuildFactsGeneratorTests.Facts(unapproved);
        var analyzer = await BuildFactsGeneratorTests.AnalyzerFindings(unapproved);
        Assert.Equal(s_types.Length, facts.ModulesChecked);
        Assert.Equal(s_types.Length, analyzer.Heartbeat);
        Assert.Equal(s_types, facts.Findings.Where(f => f.Id == "GOV100").Select(f => f.Module!).Order(StringComparer.Ordinal));
        Assert.Equal(s_types, analyzer.Findings.Where(f => f.Id == "GOV100").Select(f => f.Module!).Distinct().Order(StringComparer.Ordinal));

        // Everything in the baseline: no finding, the same count.
        var approved = Corpus(s_types);
        Assert.Empty((await BuildFactsGeneratorTests.Facts(approved)).Findings);
        var quiet = await BuildFactsGeneratorTests.AnalyzerFindings(approved);
        Assert.Empty(quiet.Findings);
        Assert.Equal(s_types.Length, quiet.Heartbeat);

        // Baseline update: the facts' inventory and the analyzer's GOV190 list the same modules.
        unapproved.Properties["GovernanceUpdateBaseline"] = "true";
        Assert.Equal(s_types, (await BuildFactsGeneratorTests.Facts(unapproved)).Inventory!);
        Assert.Equal(s_types, (await BuildFactsGeneratorTests.AnalyzerFindings(unapproved)).Inventory.Distinct().Order(StringComparer.Ordinal));
    }
}
