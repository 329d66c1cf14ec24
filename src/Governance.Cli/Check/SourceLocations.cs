using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Governance.Metadata;

namespace Governance.Cli.Check;

/// <summary>
/// Where a module's code was written, from the portable PDB beside the compiled assembly: the first sequence point of
/// the first method of a top-level type (nested types included) with one. Only to place a finding where the user fixes
/// it (a CI annotation on the line); what is judged comes from the assembly's metadata, never from the PDB.
/// </summary>
internal sealed class SourceLocations
{
    private readonly Dictionary<string, (string File, int Line)> _byModule = new(StringComparer.Ordinal);

    public static SourceLocations Read(string assemblyPath, bool namespaceGranularity)
    {
        var locations = new SourceLocations();
        var pdb = Path.ChangeExtension(assemblyPath, ".pdb");
        if (!File.Exists(pdb))
        {
            return locations;
        }

        try
        {
            using var assemblyStream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(assemblyStream);
            var metadata = pe.GetMetadataReader();
            using var pdbStream = File.OpenRead(pdb);
            using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
            var debug = provider.GetMetadataReader();
            foreach (var module in AssemblyModuleReader.Modules(metadata, namespaceGranularity).Modules)
            {
                if (FirstSequencePoint(metadata, debug, module.Sites) is { } point)
                {
                    locations._byModule[module.Name] = point;
                }
            }
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or IOException)
        {
            // A PDB that does not match or cannot be read only costs the finding its line.
        }

        return locations;
    }

    /// <summary>The first sequence point of the first method with one, in the types in order, each before its nested types.</summary>
    private static (string File, int Line)? FirstSequencePoint(MetadataReader metadata, MetadataReader debug, IEnumerable<TypeDefinitionHandle> types)
    {
        foreach (var handle in types)
        {
            var type = metadata.GetTypeDefinition(handle);
            foreach (var method in type.GetMethods())
            {
                var point = debug.GetMethodDebugInformation(method).GetSequencePoints().FirstOrDefault(p => !p.IsHidden);
                if (!point.Document.IsNil)
                {
                    return (debug.GetString(debug.GetDocument(point.Document).Name), point.StartLine);
                }
            }

            if (FirstSequencePoint(metadata, debug, type.GetNestedTypes()) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    public (string File, int Line)? Find(string module) => _byModule.TryGetValue(module, out var location) ? location : null;
}
