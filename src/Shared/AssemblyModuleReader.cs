using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Governance.Core.Modules;
using ModuleDefinition = Governance.Core.Modules.ModuleDefinition;

namespace Governance.Metadata;

/// <summary>What one compiled assembly declares and references, read from its metadata (no loading, no code run).</summary>
internal sealed class AssemblyInventory
{
    public AssemblyInventory(string name, Guid mvid, SortedSet<string> modules, SortedSet<string> assemblyReferences)
    {
        Name = name;
        Mvid = mvid;
        Modules = modules;
        AssemblyReferences = assemblyReferences;
    }

    /// <summary>The assembly's simple name from its manifest.</summary>
    public string Name { get; }

    /// <summary>The module version id: equal for the same compilation output (obj and bin copies).</summary>
    public Guid Mvid { get; }

    public SortedSet<string> Modules { get; }

    /// <summary>Simple names of the assemblies the code references.</summary>
    public SortedSet<string> AssemblyReferences { get; }
}

/// <summary>
/// Applies <see cref="ModuleDefinition"/> to metadata: every top-level type definition is a module, whatever file,
/// header, attribute or source generator produced it, except what the compiler synthesizes itself (unspeakable
/// names, and its embedded attributes when they carry both [CompilerGenerated] and [Microsoft.CodeAnalysis.Embedded]).
/// Shared by `dotnet governance check` and the baseline update, so the inventory the build records and the one the
/// check judges are the same by construction.
/// </summary>
internal static class AssemblyModuleReader
{
    /// <summary>Reads a managed assembly; null when the file is not one (a native library).</summary>
    public static AssemblyInventory? Read(string path, bool namespaceGranularity)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return null;
        }

        var reader = pe.GetMetadataReader();
        if (!reader.IsAssembly)
        {
            return null;
        }

        var modules = new SortedSet<string>(Modules(reader, namespaceGranularity).Names(), StringComparer.Ordinal);

        var references = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var handle in reader.AssemblyReferences)
        {
            references.Add(reader.GetString(reader.GetAssemblyReference(handle).Name));
        }

        // A multi-module assembly (AddModules, a .netmodule) keeps types in files its manifest only names: they
        // would not be read here, so such an assembly is refused rather than half judged.
        if (reader.AssemblyFiles.Count > 0)
        {
            throw new InvalidOperationException("it is a multi-module assembly (its manifest names " + reader.AssemblyFiles.Count + " other file(s), such as a .netmodule), whose other modules are not judged; build single-module assemblies");
        }

        var definition = reader.GetAssemblyDefinition();
        return new AssemblyInventory(reader.GetString(definition.Name), reader.GetGuid(reader.GetModuleDefinition().Mvid), modules, references);
    }

    /// <summary>The metadata side of the one module enumeration (<see cref="ModuleCollector{TSite}"/>): every top-level
    /// type definition, named as declared (without arity; a file-local type by its declared name), with whether it has
    /// the shape of an attribute the compiler embeds.</summary>
    public static ModuleCollector<TypeDefinitionHandle> Modules(MetadataReader reader, bool namespaceGranularity)
    {
        var modules = new ModuleCollector<TypeDefinitionHandle>(namespaceGranularity);
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!type.GetDeclaringType().IsNil)
            {
                continue; // nested: part of its container's module
            }

            var ns = reader.GetString(type.Namespace);
            var metadataName = reader.GetString(type.Name);
            var name = ModuleDefinition.WithoutArity(ModuleDefinition.FileLocalName(metadataName) ?? metadataName);
            modules.Add(ns, name, handle, ModuleDefinition.IsEmbeddedAttribute(ns, name) && IsCompilerEmbedded(reader, type));
        }

        return modules;
    }

    /// <summary>True when a managed assembly: false for native libraries and other files with a .dll name.</summary>
    public static bool IsManagedAssembly(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var pe = new PEReader(stream);
            return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>The compiler's embedded attributes: marked [CompilerGenerated] and [Microsoft.CodeAnalysis.Embedded],
    /// sealed, deriving from System.Attribute, with constructors and fields only. A type of the same name written
    /// with those marks but any other member (a method, a property, a nested type) is a module like any other.</summary>
    private static bool IsCompilerEmbedded(MetadataReader reader, TypeDefinition type)
    {
        if ((type.Attributes & System.Reflection.TypeAttributes.Sealed) == 0 || type.GetNestedTypes().Length > 0 || type.GetProperties().Count > 0 || type.GetEvents().Count > 0
            || type.BaseType.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var baseType = reader.GetTypeReference((TypeReferenceHandle)type.BaseType);
        if (reader.GetString(baseType.Namespace) != "System" || reader.GetString(baseType.Name) != "Attribute")
        {
            return false;
        }

        foreach (var method in type.GetMethods())
        {
            if (reader.GetString(reader.GetMethodDefinition(method).Name) != ".ctor")
            {
                return false;
            }
        }

        bool compilerGenerated = false, embedded = false;
        foreach (var handle in type.GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var (ns, name) = AttributeTypeName(reader, attribute.Constructor);
            if (ns == "System.Runtime.CompilerServices" && name == "CompilerGeneratedAttribute")
            {
                compilerGenerated = true;
            }
            else if (ns == "Microsoft.CodeAnalysis" && name == "EmbeddedAttribute")
            {
                embedded = true;
            }
        }

        return compilerGenerated && embedded;
    }

    private static (string Namespace, string Name) AttributeTypeName(MetadataReader reader, EntityHandle constructor)
    {
        EntityHandle parent;
        if (constructor.Kind == HandleKind.MemberReference)
        {
            parent = reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
        }
        else if (constructor.Kind == HandleKind.MethodDefinition)
        {
            parent = reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
        }
        else
        {
            return (string.Empty, string.Empty);
        }

        if (parent.Kind == HandleKind.TypeReference)
        {
            var reference = reader.GetTypeReference((TypeReferenceHandle)parent);
            return (reader.GetString(reference.Namespace), reader.GetString(reference.Name));
        }

        if (parent.Kind == HandleKind.TypeDefinition)
        {
            var definition = reader.GetTypeDefinition((TypeDefinitionHandle)parent);
            return (reader.GetString(definition.Namespace), reader.GetString(definition.Name));
        }

        return (string.Empty, string.Empty);
    }
}

/// <summary>Whether bytes start like code a machine or the runtime loads: a PE image (managed or native), ELF, or a
/// (thin) Mach-O image. One definition for files in an output folder, entries of a zip, and embedded resources.</summary>
internal static class ExecutableImage
{
    public static bool Starts(byte[] head)
    {
        if (head.Length < 4)
        {
            return false;
        }

        var magic = BitConverter.ToUInt32(head, 0);
        return (head[0] == (byte)'M' && head[1] == (byte)'Z')
            || (head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F')
            || magic is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE;
    }
}

/// <summary>Code hidden in an assembly's embedded resources (a DLL loaded with Assembly.Load(bytes), a native library
/// written to disk at run time): resources whose bytes start like a PE, ELF or Mach-O file.</summary>
internal static class EmbeddedBinaries
{
    public static List<string> Find(string path)
    {
        var found = new List<string>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata || pe.PEHeaders.CorHeader is not { } cor || cor.ResourcesDirectory.Size == 0)
        {
            return found;
        }

        var reader = pe.GetMetadataReader();
        try
        {
            Scan(pe, reader, cor, found);
        }
        catch (Exception ex) when (ex is BadImageFormatException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            found.Add("(resources that cannot be read)"); // fail closed: judged like an unknown binary
        }

        return found;
    }

    private static void Scan(PEReader pe, MetadataReader reader, CorHeader cor, List<string> found)
    {
        var section = pe.GetSectionData(cor.ResourcesDirectory.RelativeVirtualAddress);
        foreach (var handle in reader.ManifestResources)
        {
            var resource = reader.GetManifestResource(handle);
            if (!resource.Implementation.IsNil)
            {
                continue; // linked or in another assembly: not in this file
            }

            var blob = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
            var length = blob.ReadInt32();
            if (length < 4 || length > blob.RemainingBytes)
            {
                continue;
            }

            if (ExecutableImage.Starts(blob.ReadBytes(4)))
            {
                found.Add(reader.GetString(resource.Name));
            }
        }
    }
}
