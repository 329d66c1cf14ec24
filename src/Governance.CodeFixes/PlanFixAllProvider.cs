using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Governance.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Governance.CodeFixes;

/// <summary>Fix-all for the plan edits: gathers every GOV100 in scope and makes ONE edit per plan file (all modules
/// inserted sorted, approval cleared once), or one new proposal per project. Supports Document, Project and Solution
/// scope; `dotnet format analyzers` requires Solution.</summary>
internal sealed class PlanFixAllProvider : FixAllProvider
{
    public static readonly PlanFixAllProvider Instance = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
    {
        var diagnostics = new List<(Project Project, Diagnostic Diagnostic)>();
        switch (context.Scope)
        {
            case FixAllScope.Document when context.Document is not null:
                diagnostics.AddRange((await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)).Select(d => (context.Project, d)));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange((await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false)).Select(d => (context.Project, d)));
                break;
            default:
                foreach (var project in context.Solution.Projects)
                {
                    diagnostics.AddRange((await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false)).Select(d => (project, d)));
                }

                break;
        }

        var key = context.CodeActionEquivalenceKey ?? string.Empty;
        return CodeAction.Create("Add all unapproved modules to the plan", async ct =>
        {
            var solution = context.Solution;
            if (key == AddModuleToPlanFix.NewProposalKey)
            {
                foreach (var group in diagnostics.GroupBy(d => d.Project.Id))
                {
                    var project = solution.GetProject(group.Key)!;
                    var projectPath = Property(group.First().Diagnostic, ModuleAnalyzer.ProjectProperty);
                    solution = AddModuleToPlanFix.AddProposal(project, projectPath, group.Select(d => Property(d.Diagnostic, ModuleAnalyzer.ModuleProperty)).Where(m => m.Length > 0).ToList());
                }

                return solution;
            }

            // One edit per plan file: multi-targeted and linked projects share plan files, so group by path.
            var byPlan = new Dictionary<string, (DocumentId Id, HashSet<string> Modules)>(StringComparer.Ordinal);
            foreach (var (project, diagnostic) in diagnostics)
            {
                var module = Property(diagnostic, ModuleAnalyzer.ModuleProperty);
                if (module.Length == 0)
                {
                    continue;
                }

                foreach (var (document, _) in AddModuleToPlanFix.PlansFor(project, Property(diagnostic, ModuleAnalyzer.ProjectProperty)))
                {
                    if (AddModuleToPlanFix.EquivalenceKeyFor(document) != key)
                    {
                        continue;
                    }

                    var path = document.FilePath ?? document.Name;
                    if (!byPlan.TryGetValue(path, out var entry))
                    {
                        entry = (document.Id, new HashSet<string>(StringComparer.Ordinal));
                        byPlan[path] = entry;
                    }

                    entry.Modules.Add(module);
                }
            }

            foreach (var entry in byPlan.Values)
            {
                solution = await AddModuleToPlanFix.AddToPlanAsync(solution, entry.Id, entry.Modules, ct).ConfigureAwait(false);
            }

            return solution;
        }, key);
    }

    private static string Property(Diagnostic diagnostic, string name) =>
        diagnostic.Properties.TryGetValue(name, out var value) && value is not null ? value : string.Empty;
}
