using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Governance.Core.Findings;
using Governance.Core.Modules;
using Governance.Core.Policy;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Governance.Analyzers;

/// <summary>
/// In a real build the analyzers run on the compilation the generators produced, so this package's build facts are
/// in it: every module of the project's own trees already judged, with the same inputs and the same code. On the
/// passing path the analyzers take that verdict instead of walking and judging every declared type again (the
/// ModuleAnalyzer's walk was a quarter of the package's compile-time cost at 10,000 types: docs/performance.md).
/// The facts count only for the trees they saw: this project's and target framework's, the first
/// <see cref="ModuleCheckFacts.SyntaxTrees"/> trees of the compilation (the compiler appends every generator's output
/// after them). Other generators' trees ([GeneratedRegex], [LoggerMessage], System.Text.Json) come after those, and
/// the analyzers judge the modules they declare themselves (<see cref="ModulesJudge"/>), so the fast path holds beside
/// them without missing a type only they declare. Otherwise, and always in the IDE (no facts in design-time builds),
/// the analyzers judge everything. What gates the build never depends on this: the receipt step reads the facts the
/// compiler wrote, not what an analyzer made of them.
/// </summary>
internal static class GeneratedBuildFacts
{
    private static readonly ConditionalWeakTable<Compilation, Box> s_byCompilation = new();
    private static readonly ConditionalWeakTable<Compilation, Box>.CreateValueCallback s_read = c => Find(c);

    /// <summary>The facts of this compilation's build-facts generator and the generated trees after the ones they
    /// judged (other generators' output, which the analyzers judge), or null when they cannot stand in for the
    /// analyzers' own judgement.</summary>
    public static (ModuleCheckFacts Facts, IReadOnlyList<SyntaxTree> OtherGeneratedTrees)? Of(Compilation compilation, GovernanceOptions options)
    {
        if (!options.BuildFacts)
        {
            return null;
        }

        var box = s_byCompilation.GetValue(compilation, s_read);
        return box.Facts is { } facts && string.Equals(facts.Project, options.ProjectPath, StringComparison.Ordinal)
            && string.Equals(facts.TargetFramework, options.TargetFramework, StringComparison.Ordinal) ? (facts, box.OtherGeneratedTrees) : null;
    }

    private static Box Find(Compilation compilation)
    {
        // Generated trees follow every tree the generators saw, all under one folder:
        // <generated files>/<generator assembly>/<generator type>/<hint name>. Ours is among them.
        var trees = compilation.SyntaxTrees is ImmutableArray<SyntaxTree> array ? array : ImmutableArray.CreateRange(compilation.SyntaxTrees);
        var others = new List<SyntaxTree>();
        SyntaxTree? ours = null;
        var i = trees.Length - 1;
        for (; i >= 0 && ours is null; i--)
        {
            if (IsFactsPath(trees[i].FilePath))
            {
                ours = trees[i];
            }
            else
            {
                others.Add(trees[i]);
            }
        }

        var generatedRoot = ours is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(ours.FilePath)));
        if (ours is null || string.IsNullOrEmpty(generatedRoot))
        {
            return Box.None;
        }

        ModuleCheckFacts facts;
        try
        {
            facts = ModuleCheckFacts.Parse(ours.FilePath, Lines(ours.GetText()));
        }
        catch (InvalidDataException)
        {
            return Box.None; // a failed check: the receipt step reports it; the analyzers still judge
        }

        // The trees the facts judged are the first SyntaxTrees ones; every later tree must be generated output (under
        // the generated folder, not a second file posing as ours), and the analyzers judge those. Anything else is a
        // layout these facts were not made for: judge everything.
        if (facts.SyntaxTrees is not { } judged || judged < 0 || judged > i + 1)
        {
            return Box.None;
        }

        for (var j = i; j >= judged; j--)
        {
            others.Add(trees[j]);
        }

        foreach (var tree in others)
        {
            var path = tree.FilePath;
            if (!(path.StartsWith(generatedRoot, StringComparison.Ordinal) && path.Length > generatedRoot!.Length && path[generatedRoot.Length] is '/' or '\\')
                || IsFactsPath(path))
            {
                return Box.None;
            }
        }

        others.Reverse(); // compilation order, so a module in several of them is reported where the slow path would
        return new Box(facts, others);
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
        public static readonly Box None = new(null, Array.Empty<SyntaxTree>());

        public Box(ModuleCheckFacts? facts, IReadOnlyList<SyntaxTree> otherGeneratedTrees)
        {
            Facts = facts;
            OtherGeneratedTrees = otherGeneratedTrees;
        }

        public ModuleCheckFacts? Facts { get; }

        public IReadOnlyList<SyntaxTree> OtherGeneratedTrees { get; }
    }
}

/// <summary>
/// The analyzers' passing-path judgement of a compilation's modules, one place for both analyzers: the build facts
/// for the trees they judged, plus the modules that only other generators' trees declare, judged here with the same
/// approvals (a partial part of a type the project declares is the project's module, judged by the facts already).
/// Null when there are no usable facts: then the analyzers judge every module themselves.
/// </summary>
internal static class FastModuleJudgement
{
    public sealed class Result
    {
        public Result(int unapproved, int modulesChecked, bool unusedApprovals)
        {
            Unapproved = unapproved;
            ModulesChecked = modulesChecked;
            UnusedApprovals = unusedApprovals;
        }

        /// <summary>Modules no approval covers, in the facts' trees and the other generated ones.</summary>
        public int Unapproved { get; }

        public int ModulesChecked { get; }

        /// <summary>The facts hold a GOV005 (the ModuleAnalyzer reports it from its own walk).</summary>
        public bool UnusedApprovals { get; }
    }

    private static readonly ConditionalWeakTable<Compilation, StrongBox<Result?>> s_byCompilation = new();

    public static Result? Of(Compilation compilation, GovernanceOptions options, ModuleApprovals approvals, CancellationToken cancellationToken)
    {
        if (GeneratedBuildFacts.Of(compilation, options) is not { } found || found.Facts.UnapprovedModules is not { } unapproved)
        {
            return null;
        }

        // Both analyzers ask for the same compilation with the same inputs: judge the generated trees once.
        return s_byCompilation.GetValue(compilation, c => new StrongBox<Result?>(Judge(c, found.Facts, unapproved, found.OtherGeneratedTrees, options, approvals, cancellationToken))).Value;
    }

    private static Result Judge(Compilation compilation, ModuleCheckFacts facts, int unapproved, IReadOnlyList<SyntaxTree> generatedTrees, GovernanceOptions options,
        ModuleApprovals approvals, CancellationToken cancellationToken)
    {
        var unused = false;
        foreach (var finding in facts.Findings)
        {
            unused |= finding.RuleId == DiagnosticDescriptors.UnusedApproval.Id;
        }

        var generated = new HashSet<SyntaxTree>(generatedTrees);
        var modules = new ModuleCollector<INamedTypeSymbol>(options.NamespaceGranularity);
        foreach (var tree in generatedTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in TopLevelTypeDeclarations(tree.GetRoot(cancellationToken)))
            {
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol type && !JudgedAlready(type, options.NamespaceGranularity, generated))
                {
                    ModuleNames.AddTo(modules, type, type);
                }
            }
        }

        var judgement = ModuleJudgement.Of(approvals, modules.Names());
        return new Result(unapproved + judgement.Unapproved.Count, facts.ModulesChecked + judgement.Checked, unused);
    }

    /// <summary>Whether the module of a type a generated tree declares is declared in a tree the facts judged too.</summary>
    private static bool JudgedAlready(INamedTypeSymbol type, bool namespaceGranularity, HashSet<SyntaxTree> generated)
    {
        if (!namespaceGranularity || type.ContainingNamespace.IsGlobalNamespace)
        {
            return InJudgedTree(type, generated);
        }

        foreach (var member in type.ContainingNamespace.GetTypeMembers())
        {
            if (ModuleNames.ModuleOf(member, namespaceGranularity) is not null && InJudgedTree(member, generated))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InJudgedTree(INamedTypeSymbol type, HashSet<SyntaxTree> generated)
    {
        foreach (var location in type.Locations)
        {
            if (location.SourceTree is { } tree && !generated.Contains(tree))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<SyntaxNode> TopLevelTypeDeclarations(SyntaxNode root)
    {
        var members = new Stack<SyntaxNode>();
        members.Push(root);
        while (members.Count > 0)
        {
            foreach (var child in members.Pop().ChildNodes())
            {
                switch (child)
                {
                    case BaseNamespaceDeclarationSyntax:
                        members.Push(child);
                        break;
                    case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                        yield return child;
                        break;
                }
            }
        }
    }
}
