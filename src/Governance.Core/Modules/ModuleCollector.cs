using System;
using System.Collections.Generic;

namespace Governance.Core.Modules;

/// <summary>One module and the declarations that make it, in the order they were found.</summary>
public sealed class DeclaredModule<TSite>
{
    private readonly List<TSite> _sites = new(1);

    internal DeclaredModule(string name) => Name = name;

    public string Name { get; }

    /// <summary>Where the module is declared (a partial type's parts, a namespace's types), first found first.</summary>
    public IReadOnlyList<TSite> Sites => _sites;

    internal void Add(TSite site) => _sites.Add(site);
}

/// <summary>
/// The one enumeration of a project's modules, whatever a host reads them from. A host hands it each top-level type
/// declaration it finds (syntax in the build-facts generator, symbols in the analyzers, metadata in
/// <c>dotnet governance check</c> and the baseline update) with its namespace as metadata spells it and its declared
/// name; this decides which are modules (<see cref="ModuleDefinition.ModuleOf"/>), names them at the granularity, and
/// merges the declarations of one module (partial parts, generic overloads by arity, the types of a namespace) into one
/// entry, in the order first found. Every host counts, judges and reports the same modules because none of them does
/// this itself. <typeparamref name="TSite"/> is what a host needs to place a finding (a token, a symbol, a handle).
/// </summary>
public sealed class ModuleCollector<TSite>
{
    private readonly bool _namespaceGranularity;
    private readonly Dictionary<string, DeclaredModule<TSite>> _byName = new(StringComparer.Ordinal);
    private readonly List<DeclaredModule<TSite>> _modules = new();

    public ModuleCollector(bool namespaceGranularity) => _namespaceGranularity = namespaceGranularity;

    /// <summary>Every module found, in the order first declared.</summary>
    public IReadOnlyList<DeclaredModule<TSite>> Modules => _modules;

    /// <summary>Records one top-level type declaration; returns its module, or null when it is not one.
    /// <paramref name="hasCompilerEmbeddedShape"/>: only metadata can tell (see <see cref="ModuleDefinition.IsModule"/>).</summary>
    public string? Add(string ns, string typeName, TSite site, bool hasCompilerEmbeddedShape = false)
    {
        if (ModuleDefinition.ModuleOf(ns, typeName, _namespaceGranularity, hasCompilerEmbeddedShape) is not { } name)
        {
            return null;
        }

        if (!_byName.TryGetValue(name, out var module))
        {
            module = new DeclaredModule<TSite>(name);
            _byName.Add(name, module);
            _modules.Add(module);
        }

        module.Add(site);
        return name;
    }

    /// <summary>The module names, in the order first declared.</summary>
    public List<string> Names()
    {
        var names = new List<string>(_modules.Count);
        foreach (var module in _modules)
        {
            names.Add(module.Name);
        }

        return names;
    }
}
