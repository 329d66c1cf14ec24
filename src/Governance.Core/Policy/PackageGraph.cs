using System;
using System.Collections.Generic;
using Governance.Core.Json;

namespace Governance.Core.Policy;

/// <summary>
/// The restore graph of one target framework: which library (package or project, by name as project.assets.json
/// writes it) depends on which. It tells which direct dependency brought a transitive package in, so that GOV204 is
/// located at the PackageReference (or ProjectReference) the user changes, not in the package's own files.
/// </summary>
public sealed class PackageGraph
{
    private readonly Dictionary<string, List<string>> _edges = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _reachable = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string library, IEnumerable<string> dependencies)
    {
        if (!_edges.TryGetValue(library, out var list))
        {
            list = new List<string>();
            _edges[library] = list;
        }

        list.AddRange(dependencies);
        _reachable.Clear();
    }

    /// <summary>The graph of one target of project.assets.json (<c>targets["net8.0"]</c>): every library
    /// "Name/Version" with its "dependencies" by name.</summary>
    public static PackageGraph FromAssetsTarget(JsonValue? target)
    {
        var graph = new PackageGraph();
        if (target is null || target.Kind != JsonKind.Object)
        {
            return graph;
        }

        foreach (var library in target.Properties)
        {
            var names = new List<string>();
            var dependencies = library.Value["dependencies"];
            if (dependencies is not null && dependencies.Kind == JsonKind.Object)
            {
                foreach (var dependency in dependencies.Properties)
                {
                    names.Add(dependency.Name);
                }
            }

            graph.Add(NameOf(library.Name), names);
        }

        return graph;
    }

    /// <summary>"Newtonsoft.Json/13.0.3" → "Newtonsoft.Json".</summary>
    public static string NameOf(string library)
    {
        var slash = library.IndexOf('/');
        return slash < 0 ? library : library.Substring(0, slash);
    }

    /// <summary>True when <paramref name="to"/> is a dependency of <paramref name="from"/>, directly or through others.</summary>
    public bool Reaches(string from, string to)
    {
        if (!_reachable.TryGetValue(from, out var seen))
        {
            seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pending = new Stack<string>();
            pending.Push(from);
            while (pending.Count > 0)
            {
                if (_edges.TryGetValue(pending.Pop(), out var next))
                {
                    foreach (var dependency in next)
                    {
                        if (seen.Add(dependency))
                        {
                            pending.Push(dependency);
                        }
                    }
                }
            }

            _reachable[from] = seen;
        }

        return seen.Contains(to);
    }
}
