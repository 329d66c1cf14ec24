using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.CompilerServices;
using Governance.Core.Findings;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Governance.Analyzers;

/// <summary>
/// In a real build the analyzers run on the compilation the generators produced, so this package's build facts are
/// in it: every module already judged, with the same inputs and the same code. On the passing path the analyzers
/// take that verdict instead of walking and judging every declared type again (the ModuleAnalyzer's walk was a
/// quarter of the package's compile-time cost at 10,000 types: docs/performance.md). The facts count only when they
/// saw everything the analyzers would: they belong to this project and target framework, and no other generator
/// added code (the build-facts generator never sees another generator's output). Otherwise, and always in the IDE
/// (no facts in design-time builds), the analyzers judge for themselves. What gates the build never depends on this:
/// the receipt step reads the facts the compiler wrote, not what an analyzer made of them.
/// </summary>
internal static class GeneratedBuildFacts
{
    private static readonly ConditionalWeakTable<Compilation, Box> s_byCompilation = new();
    private static readonly ConditionalWeakTable<Compilation, Box>.CreateValueCallback s_read = c => new Box(Find(c));

    /// <summary>The facts of this compilation's build-facts generator, or null when they cannot stand in for the
    /// analyzers' own judgement.</summary>
    public static ModuleCheckFacts? Of(Compilation compilation, GovernanceOptions options)
    {
        if (!options.BuildFacts)
        {
            return null;
        }

        var facts = s_byCompilation.GetValue(compilation, s_read).Facts;
        return facts is not null && string.Equals(facts.Project, options.ProjectPath, StringComparison.Ordinal)
            && string.Equals(facts.TargetFramework, options.TargetFramework, StringComparison.Ordinal) ? facts : null;
    }

    private static ModuleCheckFacts? Find(Compilation compilation)
    {
        // Generated trees follow every tree of the project, all under one folder:
        // <generated files>/<generator assembly>/<generator type>/<hint name>.
        var trees = compilation.SyntaxTrees is ImmutableArray<SyntaxTree> array ? array : ImmutableArray.CreateRange(compilation.SyntaxTrees);
        SyntaxTree? ours = null;
        string? generatedRoot = null;
        for (var i = trees.Length - 1; i >= 0; i--)
        {
            var path = trees[i].FilePath;
            if (generatedRoot is null)
            {
                if (!IsFactsPath(path))
                {
                    return null; // the last tree is not ours: another generator ran after it, or none of ours is here
                }

                ours = trees[i];
                generatedRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(path)));
                if (string.IsNullOrEmpty(generatedRoot))
                {
                    return null;
                }

                continue;
            }

            if (path.StartsWith(generatedRoot, StringComparison.Ordinal) && path.Length > generatedRoot.Length
                && path[generatedRoot.Length] is '/' or '\\')
            {
                return null; // another generator's code, or a second file posing as ours: judge everything
            }

            break;
        }

        if (ours is null)
        {
            return null;
        }

        try
        {
            return ModuleCheckFacts.Parse(ours.FilePath, Lines(ours.GetText()));
        }
        catch (InvalidDataException)
        {
            return null; // a failed check: the receipt step reports it; the analyzers still judge
        }
    }

    private static bool IsFactsPath(string path) =>
        path.EndsWith(BuildFactsGenerator.HintName, StringComparison.Ordinal)
        && string.Equals(Path.GetFileName(path), BuildFactsGenerator.HintName, StringComparison.Ordinal)
        && string.Equals(Path.GetFileName(Path.GetDirectoryName(path)), typeof(BuildFactsGenerator).FullName, StringComparison.Ordinal);

    private static IEnumerable<string> Lines(SourceText text)
    {
        foreach (var line in text.Lines)
        {
            yield return line.ToString();
        }
    }

    private sealed class Box
    {
        public Box(ModuleCheckFacts? facts) => Facts = facts;

        public ModuleCheckFacts? Facts { get; }
    }
}
