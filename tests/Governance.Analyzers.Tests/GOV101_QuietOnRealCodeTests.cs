using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Governance.Analyzers.Tests.GovernanceAnalyzerTest;

namespace Governance.Analyzers.Tests;

/// <summary>
/// Quiet when right: after a baseline, nothing the compiler builds around real code is a finding, and with an agent's
/// helper beside it (which turns on the check of every use) only the helper and its uses are. A use is in the blast
/// radius only by the module of the type it resolves to (ModuleNames.ForEachUsedModuleType).
/// </summary>
public class GOV101_QuietOnRealCodeTests
{
    private const string Helper = "namespace Contoso.Payments.Helpers { public static class Text { public static string Shout(string s) => s.ToUpperInvariant(); } }";

    // Everything a real method body holds that is no module: anonymous types (also in arrays and LINQ), tuples,
    // lambdas and their closure classes, local functions, async and iterator state machines, pointers, function
    // pointers, nullable values, dynamic and type parameters.
    private const string RealCode = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        namespace Contoso.Payments
        {
            public class Ledger
            {
                public unsafe object Sum<T>(int[] items, dynamic any, T value)
                {
                    var anon = new { Name = "a", Value = value };
                    var anons = new[] { new { Name = "b" } };
                    (int Count, string Label) tuple = (items.Length, "x");
                    var factor = 3;
                    Func<int, int> scale = i => i * factor;
                    var byRef = (ref int x) => x;
                    int Local(int i) => i + factor;
                    var query = items.Select(i => new { i, Scaled = scale(i) }).Where(p => p.Scaled > Local(p.i)).ToList();
                    int* pointer = null;
                    delegate*<int, int> function = null;
                    int? maybe = null;
                    var tuples = new (int, string)[1];
                    object dyn = any.Anything;
                    return (anon, anons, tuple, byRef, query, (IntPtr)pointer, (IntPtr)function, maybe, tuples, dyn);
                }

                public async Task<int> LaterAsync() { await Task.Yield(); return 1; }

                public IEnumerable<int> Each() { yield return 1; }
            }
        }
        """;

    private static GovernanceAnalyzerTest Test() => new(new ModuleAnalyzer(), new UsageAnalyzer());

    private static DiagnosticResult At(string id, string file, int line, int column) => Diagnostic(id).WithLocation("/repo/src/Payments/" + file, line, column);

    [Fact]
    public async Task Real_code_after_the_baseline_has_no_finding()
    {
        await Test()
            .Baseline("Contoso.Payments.Ledger")
            .Source("/repo/src/Payments/Ledger.cs", RealCode)
            .RunAsync();
    }

    [Fact]
    public async Task A_planted_helper_used_from_two_places_is_one_GOV100_and_two_GOV101_and_nothing_for_the_code_beside_it()
    {
        await Test()
            .Baseline("Contoso.Payments.Ledger", "Contoso.Payments.Client")
            .Source("/repo/src/Payments/Helpers/Text.cs", Helper)
            .Source("/repo/src/Payments/Ledger.cs", RealCode.Replace("var factor = 3;", "var factor = Helpers.Text.Shout(\"3\").Length;"))
            .Source("/repo/src/Payments/Client.cs", "namespace Contoso.Payments { public class Client { public string Name(string s) => new { Shouted = Helpers.Text.Shout(s) }.Shouted; } }")
            .Expect(At("GOV101", "Client.cs", 1, 100), At("GOV101", "Ledger.cs", 15, 26), At("GOV100", "Helpers/Text.cs", 1, 58))
            .RunAsync();
    }

    [Fact]
    public async Task A_use_resolves_to_the_named_types_it_is_made_of()
    {
        // Arrays, pointers, function pointers, nullable values, tuples and generic arguments of an unapproved type are
        // uses of that type; the same shapes of approved types are not.
        var test = new GovernanceAnalyzerTest(new UsageAnalyzer())
            .Baseline("Contoso.Payments.Ledger", "Contoso.Payments.Old")
            .Source("/repo/src/Payments/Point.cs", "namespace Contoso.Payments.Geometry { public struct Point { } }")
            .Source("/repo/src/Payments/Old.cs", "namespace Contoso.Payments { public struct Old { } }")
            .Source("/repo/src/Payments/Ledger.cs", """
                namespace Contoso.Payments
                {
                    public unsafe class Ledger
                    {
                        Geometry.Point[] Array;
                        Geometry.Point* Pointer;
                        delegate*<Geometry.Point, void> Function;
                        Geometry.Point? Maybe;
                        (Geometry.Point, int) Pair;
                        System.Collections.Generic.List<Geometry.Point> List;
                        Old[] OldArray;
                        Old* OldPointer;
                        delegate*<Old, void> OldFunction;
                        Old? OldMaybe;
                        (Old, int) OldPair;
                        System.Collections.Generic.List<Old> OldList;
                    }
                }
                """)
            .Expect(
                At("GOV101", "Ledger.cs", 5, 26), At("GOV101", "Ledger.cs", 6, 25), At("GOV101", "Ledger.cs", 7, 41),
                At("GOV101", "Ledger.cs", 8, 25), At("GOV101", "Ledger.cs", 9, 31), At("GOV101", "Ledger.cs", 10, 57));
        await test.RunAsync();
        Assert.All(test.Actual, d => Assert.Contains("'Contoso.Payments.Geometry.Point' belongs to module 'Contoso.Payments.Geometry.Point'", d.GetMessage()));
    }

    [Theory]
    [InlineData("/repo/src/Payments/Resources.Designer.cs", "")]
    [InlineData("/repo/src/Payments/Model.g.cs", "")]
    [InlineData("/repo/src/Payments/Model.cs", "// <auto-generated/>\n")]
    [InlineData("/repo/src/Payments/Model.cs", "[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1.0\")]\n")]
    [InlineData("/repo/src/Payments/Configured.cs", "")]
    public async Task Types_of_generated_files_in_the_baseline_and_their_partial_parts_are_no_findings(string path, string marker)
    {
        // With the planted helper beside them every use is checked: a generated type the baseline has, and a partial
        // type with a part in a generated file, are approved modules like any other.
        var test = Test()
            .Baseline("Contoso.Payments.Ledger", "Contoso.Payments.Generated.Resources", "Contoso.Payments.Order")
            .Source("/repo/src/Payments/Helpers/Text.cs", Helper)
            .Source(path, (marker.StartsWith("//", StringComparison.Ordinal) ? marker : string.Empty) + "namespace Contoso.Payments.Generated { "
                + (marker.StartsWith('[') ? marker : string.Empty) + "public static class Resources { public static string Title => \"t\"; } }\n"
                + "namespace Contoso.Payments { public partial class Order { public int Total; } }")
            .Source("/repo/src/Payments/Order.cs", "namespace Contoso.Payments { public partial class Order { public string Label => Generated.Resources.Title + Total; } }")
            .Source("/repo/src/Payments/Ledger.cs", "namespace Contoso.Payments { public class Ledger { Order O = new(); string T = Generated.Resources.Title + Helpers.Text.Shout(\"x\"); } }")
            .Expect(At("GOV101", "Ledger.cs", 1, 108), At("GOV100", "Helpers/Text.cs", 1, 58));
        test.FileOptions["/repo/src/Payments/Configured.cs"] = new() { ["generated_code"] = "true" };
        await test.RunAsync();
    }

    [Fact]
    public async Task A_type_the_code_cannot_resolve_is_no_module()
    {
        // While the agent's code does not compile yet, the error type of a missing name must not become a GOV101.
        var test = Test()
            .Baseline("Contoso.Payments.Ledger")
            .Source("/repo/src/Payments/Helpers/Text.cs", Helper)
            .Source("/repo/src/Payments/Ledger.cs", "namespace Contoso.Payments { public class Ledger { Missing M = new Missing(); Missing[] Ms; string S = Helpers.Text.Shout(\"x\"); } }")
            .Expect(At("GOV101", "Ledger.cs", 1, 104), At("GOV100", "Helpers/Text.cs", 1, 58));
        test.CompilerDiagnostics = CompilerDiagnostics.None; // analyzed as the IDE does, while it does not compile
        await test.RunAsync();
    }

    [Fact]
    public async Task A_file_local_type_is_judged_by_its_module_like_any_other()
    {
        // `file class` is code the branch wrote and a module of its declared name (GOV100); a use of it from another
        // module of the same file is in its blast radius.
        await Test()
            .Baseline("Contoso.Payments.Ledger")
            .Source("/repo/src/Payments/Ledger.cs", "namespace Contoso.Payments { file static class Secret { public static int X => 1; } public class Ledger { int Y => Secret.X; } }")
            .Expect(At("GOV100", "Ledger.cs", 1, 48), At("GOV101", "Ledger.cs", 1, 116))
            .RunAsync();
    }
}
