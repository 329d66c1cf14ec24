using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ModuleDefinition = Governance.Core.Modules.ModuleDefinition;

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
            foreach (var handle in metadata.TypeDefinitions)
            {
                var type = metadata.GetTypeDefinition(handle);
                var top = type;
                while (!top.GetDeclaringType().IsNil)
                {
                    top = metadata.GetTypeDefinition(top.GetDeclaringType());
                }

                var topName = metadata.GetString(top.Name);
                var module = ModuleDefinition.NameOf(metadata.GetString(top.Namespace), ModuleDefinition.WithoutArity(ModuleDefinition.FileLocalName(topName) ?? topName), namespaceGranularity);
                if (locations._byModule.ContainsKey(module))
                {
                    continue;
                }

                foreach (var method in type.GetMethods())
                {
                    var info = debug.GetMethodDebugInformation(method);
                    var point = info.GetSequencePoints().FirstOrDefault(p => !p.IsHidden);
                    if (!point.Document.IsNil)
                    {
                        var name = debug.GetString(debug.GetDocument(point.Document).Name);
                        locations._byModule[module] = (name, point.StartLine);
                        break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or IOException)
        {
            // A PDB that does not match or cannot be read only costs the finding its line.
        }

        return locations;
    }

    public (string File, int Line)? Find(string module) => _byModule.TryGetValue(module, out var location) ? location : null;
}
