using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Governance.Analyzers;
using Governance.Core.Plans;
using Governance.Core.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Governance.CodeFixes;

/// <summary>
/// On GOV100: "Add &lt;module&gt; to plan &lt;dispatchId&gt;" for each plan that applies to the project, and "Add &lt;module&gt; to a
/// new proposal". The diagnostic sits on the type (a source location), so the light bulb and `dotnet format` can
/// fix it; the fix edits the plan, an additional document. Fix-all makes one edit per plan file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddModuleToPlanFix)), Shared]
public sealed class AddModuleToPlanFix : CodeFixProvider
{
    public const string NewProposalKey = "GOV100:NewProposal";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnapprovedModule);

    public override FixAllProvider GetFixAllProvider() => PlanFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ModuleAnalyzer.ModuleProperty, out var module) || module is null)
            {
                continue;
            }

            var project = context.Document.Project;
            var projectPath = diagnostic.Properties.TryGetValue(ModuleAnalyzer.ProjectProperty, out var p) ? p ?? string.Empty : string.Empty;
            foreach (var (document, plan) in PlansFor(project, projectPath))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Add '" + module + "' to plan '" + plan.DispatchId + "'",
                        ct => AddToPlanAsync(project.Solution, document.Id, new[] { module }, ct),
                        EquivalenceKeyFor(document)),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add '" + module + "' to a new proposal",
                    ct => Task.FromResult(AddProposal(project, projectPath, new[] { module })),
                    NewProposalKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    internal static string EquivalenceKeyFor(TextDocument planDocument) => "GOV100:AddToPlan:" + Path.GetFileName(planDocument.FilePath ?? planDocument.Name);

    /// <summary>Plan files of the project (additional documents under .governance/plans) that apply to it.</summary>
    internal static IEnumerable<(TextDocument Document, DispatchPlan Plan)> PlansFor(Project project, string projectPath)
    {
        var list = new List<(TextDocument, DispatchPlan)>();
        foreach (var document in project.AdditionalDocuments)
        {
            var path = (document.FilePath ?? document.Name).Replace('\\', '/');
            if (!path.Contains("/.governance/plans/") || !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !document.TryGetText(out var text))
            {
                continue;
            }

            var plan = PlanReader.Read(path, text.ToString()).Plan;
            if (plan is not null && (projectPath.Length == 0 || plan.AppliesTo(projectPath)))
            {
                list.Add((document, plan));
            }
        }

        return list.OrderBy(x => x.Item1.FilePath, StringComparer.Ordinal);
    }

    internal static async Task<Solution> AddToPlanAsync(Solution solution, DocumentId planId, IEnumerable<string> modules, CancellationToken cancellationToken)
    {
        var document = solution.GetAdditionalDocument(planId);
        if (document is null)
        {
            return solution;
        }

        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var edited = PlanEditor.AddModules(text.ToString(), modules);
        return edited is null ? solution : solution.WithAdditionalDocumentText(planId, SourceText.From(edited, text.Encoding ?? new UTF8Encoding(false)));
    }

    internal static Solution AddProposal(Project project, string projectPath, IReadOnlyCollection<string> modules)
    {
        var plansFolder = FindPlansFolder(project);
        if (plansFolder is null)
        {
            return project.Solution;
        }

        var id = "proposal-" + ShortHash(projectPath + "|" + string.Join(",", modules.OrderBy(m => m, StringComparer.Ordinal)));
        var path = Path.Combine(plansFolder, id + ".json");
        var text = PlanEditor.NewProposal(id, projectPath, modules);
        return project.AddAdditionalDocument(id + ".json", SourceText.From(text, new UTF8Encoding(false)), filePath: path).Project.Solution;
    }

    private static string? FindPlansFolder(Project project)
    {
        foreach (var document in project.AdditionalDocuments)
        {
            var path = document.FilePath?.Replace('\\', '/');
            var at = path?.IndexOf("/.governance/", StringComparison.Ordinal) ?? -1;
            if (at >= 0)
            {
                return Path.Combine(document.FilePath!.Substring(0, at), ".governance", "plans");
            }
        }

        return null;
    }

    private static string ShortHash(string text)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        return BitConverter.ToString(bytes, 0, 4).Replace("-", string.Empty).ToLowerInvariant();
    }
}
