using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Governance.Analyzers.Tests;

/// <summary>Compiles a tiny assembly in memory to stand in for a package's DLL or another project's output (against
/// the same reference assemblies as the tests' projects).</summary>
internal static class FakePackage
{
    public static byte[] Build(string assemblyName, string ns, string body) => Build(assemblyName, "namespace " + ns + " { " + body + " }");

    public static byte[] Build(string assemblyName, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, path: "/repo/src/" + assemblyName + "/Code.cs");
        var compilation = CSharpCompilation.Create(assemblyName, [tree], Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
        }

        return stream.ToArray();
    }
}
