using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Governance.Analyzers.Tests;

/// <summary>Compiles a tiny assembly in memory to stand in for a package's DLL.</summary>
internal static class FakePackage
{
    public static byte[] Build(string assemblyName, string ns, string body)
    {
        var tree = CSharpSyntaxTree.ParseText("namespace " + ns + " { " + body + " }");
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(assemblyName, [tree], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
        }

        return stream.ToArray();
    }
}
