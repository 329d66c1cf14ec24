using System;
using System.Collections.Generic;

namespace Governance.Core.Modules;

/// <summary>
/// A set of module patterns compiled once into three hash maps (exact names, one-level parents, any-depth
/// prefixes). A lookup costs O(segments of the module name), independent of how many patterns there are, so a
/// 10,000-pattern plan matches as fast as a 10-pattern one. It returns the index of the pattern that matched so
/// callers can tell which approvals were used (GOV005).
/// </summary>
public sealed class ModuleMatcher
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _oneLevel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _anyDepth = new(StringComparer.Ordinal);

    public static readonly ModuleMatcher Empty = new(Array.Empty<ModulePattern>());

    public ModuleMatcher(IReadOnlyList<ModulePattern> patterns)
    {
        Patterns = patterns;
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
            var map = pattern.Kind switch
            {
                ModulePatternKind.Exact => _exact,
                ModulePatternKind.OneLevel => _oneLevel,
                _ => _anyDepth,
            };

            // First pattern wins so the reported index is stable; duplicates are reported by the plan reader.
            if (!map.ContainsKey(pattern.Prefix))
            {
                map.Add(pattern.Prefix, i);
            }
        }
    }

    public IReadOnlyList<ModulePattern> Patterns { get; }

    public int Count => Patterns.Count;

    public bool IsMatch(string module) => Match(module) >= 0;

    /// <summary>Whether an any-depth pattern covers <paramref name="ns"/> and everything below it ("" is the global
    /// namespace): then every module named inside it, at either granularity, matches, and a walk over a referenced
    /// assembly need not look at its types one by one.</summary>
    public bool CoversNamespace(string ns)
    {
        if (_anyDepth.Count == 0)
        {
            return false;
        }

        if (_anyDepth.ContainsKey(string.Empty) || (ns.Length > 0 && _anyDepth.ContainsKey(ns)))
        {
            return true;
        }

        for (var end = ns.LastIndexOf('.'); end > 0; end = ns.LastIndexOf('.', end - 1))
        {
            if (_anyDepth.ContainsKey(ns.Substring(0, end)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the index of a pattern that covers <paramref name="module"/>, or -1.
    /// Exact beats one-level beats the deepest any-depth prefix, so the most specific approval is credited.</summary>
    public int Match(string module)
    {
        if (Patterns.Count == 0)
        {
            return -1;
        }

        if (_exact.TryGetValue(module, out var index))
        {
            return index;
        }

        var lastDot = module.LastIndexOf('.');
        var parent = lastDot < 0 ? string.Empty : module.Substring(0, lastDot);
        if (_oneLevel.Count > 0 && _oneLevel.TryGetValue(parent, out index))
        {
            return index;
        }

        if (_anyDepth.Count == 0)
        {
            return -1;
        }

        // Deepest prefix first: the module itself, then each ancestor, then the global wildcard "**".
        if (_anyDepth.TryGetValue(module, out index))
        {
            return index;
        }

        var end = lastDot;
        while (end > 0)
        {
            if (_anyDepth.TryGetValue(module.Substring(0, end), out index))
            {
                return index;
            }

            end = module.LastIndexOf('.', end - 1);
        }

        return _anyDepth.TryGetValue(string.Empty, out index) ? index : -1;
    }
}
