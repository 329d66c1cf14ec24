using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Governance.Core;
using Governance.Core.Modules;
using Microsoft.CodeAnalysis;

namespace Governance.Analyzers;

internal static class ModuleNames
{
    // A namespace holds many types: name each namespace symbol once. Weak keys: the entries go with the compilation
    // that owns the symbols.
    private static readonly ConditionalWeakTable<INamespaceSymbol, string> s_namespaceNames = new();

    /// <summary>The module name of a top-level type (<see cref="ModuleDefinition.NameOf"/>), without asking whether it
    /// is one: for lookups that judge the name first (<see cref="ModuleOf"/> asks).</summary>
    public static string Of(INamedTypeSymbol topLevelType, bool namespaceGranularity) =>
        ModuleDefinition.NameOf(Of(topLevelType.ContainingNamespace), topLevelType.Name, namespaceGranularity);

    /// <summary>The module a type symbol declares, or null when it is none: the symbols' side of
    /// <see cref="ModuleDefinition.ModuleOf"/> (<see cref="IsModuleType"/> says which symbols are top-level declarations
    /// as metadata has them).</summary>
    public static string? ModuleOf(INamedTypeSymbol type, bool namespaceGranularity) =>
        IsModuleType(type) ? ModuleDefinition.ModuleOf(Of(type.ContainingNamespace), type.Name, namespaceGranularity) : null;

    /// <summary>Hands a type symbol to the one module enumeration; returns its module, or null when it is none.</summary>
    public static string? AddTo<TSite>(ModuleCollector<TSite> modules, INamedTypeSymbol type, TSite site) =>
        IsModuleType(type) ? modules.Add(Of(type.ContainingNamespace), type.Name, site) : null;

    /// <summary>The namespace as metadata spells it (<see cref="ModuleDefinition.JoinNamespace"/>): raw segment names,
    /// not ToDisplayString, which escapes keywords ("@class") and would name a module the metadata check cannot find.</summary>
    public static string Of(INamespaceSymbol ns) => s_namespaceNames.GetValue(ns, n =>
    {
        var segments = new List<string>();
        for (var current = n; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            segments.Insert(0, current.Name);
        }

        return ModuleDefinition.JoinNamespace(segments);
    });

    /// <summary>A module as <see cref="ModuleDefinition"/> defines it, whatever file, header, attribute or generator
    /// declared it: nested types belong to their container; a file-local type is the module of its declared name
    /// (code the branch wrote, which can run: a module initializer). Of the implicitly declared types only the
    /// top-level statements' Program class is one: it is a class named Program in metadata, which cannot tell it from
    /// a declared one.</summary>
    public static bool IsModuleType(INamedTypeSymbol type) =>
        type.ContainingType is null && type.TypeKind != TypeKind.Error && !type.IsAnonymousType && type.CanBeReferencedByName
        && (!type.IsImplicitlyDeclared || IsTopLevelProgram(type));

    /// <summary>
    /// The one answer to "which module does a use of this type touch", for GOV101 and GOV110: the module of the named
    /// type a use resolves to, never a module of its own for what the compiler builds around it. Arrays, pointers and
    /// function pointers are their element types, constructed generics (nullable values and tuples too) their
    /// definition plus each type argument, nested types their outermost container. Anonymous types, the compiler's
    /// closure and state-machine classes, <c>dynamic</c>, type parameters and error types name no module (their
    /// parts are uses of their own, at their own syntax). Calls <paramref name="onNamed"/> for each top-level named
    /// type that is a module (<see cref="IsModuleType"/>), with its definition.
    /// </summary>
    public static void ForEachUsedModuleType(ITypeSymbol? type, Action<INamedTypeSymbol> onNamed)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                ForEachUsedModuleType(array.ElementType, onNamed);
                return;
            case IPointerTypeSymbol pointer:
                ForEachUsedModuleType(pointer.PointedAtType, onNamed);
                return;
            case IFunctionPointerTypeSymbol functionPointer:
                ForEachUsedModuleType(functionPointer.Signature.ReturnType, onNamed);
                foreach (var parameter in functionPointer.Signature.Parameters)
                {
                    ForEachUsedModuleType(parameter.Type, onNamed);
                }

                return;
            case INamedTypeSymbol named:
                if (named.IsGenericType)
                {
                    foreach (var argument in named.TypeArguments)
                    {
                        ForEachUsedModuleType(argument, onNamed);
                    }

                    named = named.OriginalDefinition;
                }

                while (named.ContainingType is not null)
                {
                    named = named.ContainingType;
                }

                if (IsModuleType(named))
                {
                    onNamed(named);
                }

                return;
        }
    }

    /// <summary>The class the compiler declares for top-level statements (its entry point is "&lt;Main&gt;$").</summary>
    private static bool IsTopLevelProgram(INamedTypeSymbol type) =>
        type.ContainingNamespace.IsGlobalNamespace && type.GetMembers(WellKnownMemberNames.TopLevelStatementsEntryPointMethodName).Length > 0;

    public static bool HasSourceLocation(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The modules a compilation declares, generated code included, named once per compilation and shared by the
/// analyzers that judge them (both need the whole list on the passing path). A walk over declared symbols: no syntax,
/// no binding of bodies.
/// </summary>
internal static class DeclaredModules
{
    private static readonly ConditionalWeakTable<Compilation, Lazy<IReadOnlyList<string>>> s_byType = new();
    private static readonly ConditionalWeakTable<Compilation, Lazy<IReadOnlyList<string>>> s_byNamespace = new();

    // Not cancellable on purpose: a cancelled walk must not be cached as a failure for the next analysis of the same
    // compilation, and the walk is a few milliseconds of declaration lookups.
    public static IReadOnlyList<string> Of(Compilation compilation, bool namespaceGranularity) =>
        (namespaceGranularity ? s_byNamespace : s_byType)
            .GetValue(compilation, c => new Lazy<IReadOnlyList<string>>(() => Walk(c, namespaceGranularity), LazyThreadSafetyMode.ExecutionAndPublication))
            .Value;

    private static IReadOnlyList<string> Walk(Compilation compilation, bool namespaceGranularity)
    {
        var modules = new ModuleCollector<INamedTypeSymbol>(namespaceGranularity);
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(compilation.Assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            foreach (var member in namespaces.Pop().GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    namespaces.Push(child);
                }
                else if (member is INamedTypeSymbol type && ModuleNames.HasSourceLocation(type))
                {
                    ModuleNames.AddTo(modules, type, type);
                }
            }
        }

        return modules.Names();
    }
}
