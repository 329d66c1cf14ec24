using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Governance.Analyzers;
using Governance.Core.Modules;
using Governance.Core.Policy;
using Governance.Core.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Governance.CodeFixes;

/// <summary>
/// On GOV100, when an approved plan for the project covers a nearby namespace (sharing the most leading segments
/// with the type's own): "Move &lt;type&gt; into &lt;approved namespace&gt;". Offered when the type is the only member of
/// its namespace declaration, so renaming that declaration moves exactly this type. Callers that import the old
/// namespace are left to the compiler to point out (they are the blast radius GOV101 already showed).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveToApprovedNamespaceFix)), Shared]
public sealed class MoveToApprovedNamespaceFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnapprovedModule);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<BaseTypeDeclarationSyntax>();
            if (declaration?.Parent is not BaseNamespaceDeclarationSyntax ns || ns.Members.Count != 1)
            {
                continue;
            }

            var projectPath = diagnostic.Properties.TryGetValue(ModuleAnalyzer.ProjectProperty, out var p) ? p ?? string.Empty : string.Empty;
            var target = NearestApprovedNamespace(context.Document.Project, projectPath, ns.Name.ToString(), context.CancellationToken);
            if (target is null)
            {
                continue;
            }

            var typeName = declaration.Identifier.ValueText;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Move '" + typeName + "' into '" + target + "'",
                    ct => MoveAsync(context.Document, ns, target, ct),
                    "GOV100:MoveNamespace:" + target),
                diagnostic);
        }
    }

    internal static string? NearestApprovedNamespace(Project project, string projectPath, string currentNamespace, CancellationToken cancellationToken)
    {
        var current = currentNamespace.Split('.');
        string? best = null;
        var bestShared = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var (_, plan) in AddModuleToPlanFix.PlansFor(project, projectPath))
        {
            if (!PlanAssessor.Assess(plan, now, SignaturePolicy.None).Approves)
            {
                continue;
            }

            foreach (var entry in plan.Modules)
            {
                var pattern = entry.Value;
                if (pattern.Kind == ModulePatternKind.Exact || pattern.Prefix.Length == 0 || pattern.Prefix == currentNamespace)
                {
                    continue;
                }

                var candidate = pattern.Prefix.Split('.');
                var shared = 0;
                while (shared < Math.Min(candidate.Length, current.Length) && candidate[shared] == current[shared])
                {
                    shared++;
                }

                if (shared > bestShared || (shared == bestShared && shared > 0 && string.CompareOrdinal(pattern.Prefix, best) < 0))
                {
                    best = pattern.Prefix;
                    bestShared = shared;
                }
            }
        }

        return bestShared > 0 ? best : null;
    }

    private static async Task<Document> MoveAsync(Document document, BaseNamespaceDeclarationSyntax ns, string target, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var renamed = ns.WithName(SyntaxFactory.ParseName(target).WithTriviaFrom(ns.Name));
        return document.WithSyntaxRoot(root!.ReplaceNode(ns, renamed));
    }
}
