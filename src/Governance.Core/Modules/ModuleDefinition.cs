using System;
using System.Collections.Generic;
using System.Text;

namespace Governance.Core.Modules;

/// <summary>
/// The one definition of a module, shared by every host: the analyzers and the build-facts generator apply it to
/// syntax and symbols, `dotnet governance check` to the metadata of the assemblies the build produced. A module is a
/// top-level named type (or, at namespace granularity, the namespace that declares one), whatever file, header,
/// attribute or generator produced it; a file-local type is the module of its declared name. Not modules: nested
/// types (they belong to their container), and types the compiler synthesizes itself, which are exactly the types
/// whose name holds '&lt;' or '&gt;' (anonymous types, &lt;PrivateImplementationDetails&gt;, &lt;Module&gt;) plus the
/// attribute types the compiler embeds when the target framework lacks them (see <see cref="IsEmbeddedAttribute"/>).
/// </summary>
public static class ModuleDefinition
{
    /// <summary>Attribute types the C# compiler emits into an assembly itself (marked [CompilerGenerated] and
    /// [Microsoft.CodeAnalysis.Embedded]) when the referenced framework does not define them.</summary>
    private static readonly HashSet<string> s_embeddedAttributes = new(StringComparer.Ordinal)
    {
        "Microsoft.CodeAnalysis.EmbeddedAttribute",
        "System.Runtime.CompilerServices.IsReadOnlyAttribute",
        "System.Runtime.CompilerServices.IsByRefLikeAttribute",
        "System.Runtime.CompilerServices.IsUnmanagedAttribute",
        "System.Runtime.CompilerServices.NullableAttribute",
        "System.Runtime.CompilerServices.NullableContextAttribute",
        "System.Runtime.CompilerServices.NullablePublicOnlyAttribute",
        "System.Runtime.CompilerServices.NativeIntegerAttribute",
        "System.Runtime.CompilerServices.ScopedRefAttribute",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
        "System.Runtime.CompilerServices.RequiresLocationAttribute",
        "System.Runtime.CompilerServices.ParamCollectionAttribute",
        "System.Runtime.CompilerServices.ExtensionMarkerAttribute",
    };

    /// <summary>Whether a granularity setting (GovernanceModuleGranularity, a baseline's moduleGranularity) names
    /// namespace modules; anything else is "Type", the default.</summary>
    public static bool IsNamespaceGranularity(string? granularity) => string.Equals(granularity, "Namespace", StringComparison.OrdinalIgnoreCase);

    /// <summary>A granularity setting as baselines and summaries spell it: "Namespace" or "Type".</summary>
    public static string GranularityName(string? granularity) => IsNamespaceGranularity(granularity) ? "Namespace" : "Type";

    /// <summary>The module a top-level type belongs to. <paramref name="ns"/> is the containing namespace's full
    /// name as metadata spells it (segments joined by '.', no '@' escapes; empty for the global namespace);
    /// <paramref name="typeName"/> the type's name without generic arity.</summary>
    public static string NameOf(string ns, string typeName, bool namespaceGranularity)
    {
        if (ns.Length == 0)
        {
            // A type in the global namespace is its own module at either granularity.
            return typeName;
        }

        return namespaceGranularity ? ns : ns + "." + typeName;
    }

    /// <summary>The question every host asks of a top-level type declaration: its module, or null when it is none
    /// (<see cref="IsModule"/>). <paramref name="ns"/> as metadata spells it (empty for the global namespace),
    /// <paramref name="typeName"/> the declared name without arity. Hosts ask it through <see cref="ModuleCollector{TSite}"/>.</summary>
    public static string? ModuleOf(string ns, string typeName, bool namespaceGranularity, bool hasCompilerEmbeddedShape = false) =>
        IsModule(ns, typeName, hasCompilerEmbeddedShape) ? NameOf(ns, typeName, namespaceGranularity) : null;

    /// <summary>A type name as metadata writes it ("Cache`1") to the name source uses ("Cache").</summary>
    public static string WithoutArity(string metadataName)
    {
        var tick = metadataName.IndexOf('`');
        return tick < 0 ? metadataName : metadataName.Substring(0, tick);
    }

    /// <summary>True unless the name holds '&lt;' or '&gt;': every type the C# and VB compilers synthesize at the top
    /// level carries them (&lt;Module&gt;, &lt;PrivateImplementationDetails&gt;, &lt;&gt;f__AnonymousType0,
    /// &lt;&gt;y__InlineArray2, ...), and no C# or VB identifier can, whatever Unicode letters it uses. A branch
    /// cannot declare such a type in C#, so this is a rule it cannot use to hide one.</summary>
    public static bool IsSpeakable(string name) => name.Length > 0 && name.IndexOf('<') < 0 && name.IndexOf('>') < 0;

    /// <summary>A file-local type (`file class Helper`) is emitted as &lt;File&gt;F&lt;hex&gt;__Helper: it is code the
    /// branch wrote, so it is the module of its declared name. Null for any other name.</summary>
    public static string? FileLocalName(string metadataName)
    {
        if (metadataName.Length == 0 || metadataName[0] != '<')
        {
            return null;
        }

        var close = metadataName.IndexOf(">F", StringComparison.Ordinal);
        var separator = close < 0 ? -1 : metadataName.IndexOf("__", close + 2, StringComparison.Ordinal);
        if (separator < 0 || separator == close + 2)
        {
            return null;
        }

        for (var i = close + 2; i < separator; i++)
        {
            if (!Uri.IsHexDigit(metadataName[i]))
            {
                return null;
            }
        }

        var name = metadataName.Substring(separator + 2);
        return IsSpeakable(name) && name.Length > 0 ? name : null;
    }

    /// <summary>Whether a top-level type found in metadata is a module: a speakable name in a speakable namespace,
    /// and not one of the compiler's embedded attributes (which must have the compiler's shape: see
    /// <see cref="IsEmbeddedAttribute"/> and the metadata reader, so declaring a type of that name is not enough).</summary>
    public static bool IsModule(string ns, string typeNameWithoutArity, bool compilerGeneratedAndEmbedded)
    {
        if (!IsSpeakable(typeNameWithoutArity))
        {
            return false;
        }

        // Every segment speakable: no '<' or '>' anywhere, no empty segment (one scan, no split: every host asks this
        // of every type).
        if (ns.Length > 0 && (!IsSpeakable(ns) || ns[0] == '.' || ns[ns.Length - 1] == '.' || ns.IndexOf("..", StringComparison.Ordinal) >= 0))
        {
            return false;
        }

        return !(compilerGeneratedAndEmbedded && IsEmbeddedAttribute(ns, typeNameWithoutArity));
    }

    public static bool IsEmbeddedAttribute(string ns, string typeName) => s_embeddedAttributes.Contains(ns.Length == 0 ? typeName : ns + "." + typeName);

    /// <summary>Joins namespace segments as metadata does (no keyword escapes).</summary>
    public static string JoinNamespace(IReadOnlyList<string> segments)
    {
        if (segments.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(segments[0]);
        for (var i = 1; i < segments.Count; i++)
        {
            text.Append('.').Append(segments[i]);
        }

        return text.ToString();
    }
}
