using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// The code fixes in a real workspace: the sample solution opened with <see cref="MSBuildWorkspace"/> (design-time
/// builds, as an IDE loads it), the package's analyzers and code fixes loaded from the files of the project's analyzer
/// references, which the restore resolved to the packed package, and every fix applied through the workspace
/// (<see cref="Workspace.TryApplyChanges(Solution)"/>), which writes to disk.
/// </summary>
public sealed class MSBuildWorkspaceCodeFixTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private const string Plan2471 = ".governance/plans/d-2471.json";
    private const string Plan3000 = ".governance/plans/d-3000.json";

    [Fact]
    public async Task Each_fix_and_fix_all_edit_the_plan_on_disk_and_reset_its_approval()
    {
        using var repo = new TempRepo(package).WithSample("outside-plan");
        // Three unapproved modules: the overlay's StringUtil, and two more so that fix-all has something to gather.
        repo.Write("src/Payments/Helpers/Guard.cs", "namespace Contoso.Payments.Helpers;\n\npublic static class Guard\n{\n    public static void NotEmpty(string value) => ArgumentException.ThrowIfNullOrEmpty(value);\n}\n");
        repo.Write("src/Payments/Formatting/Money.cs", "namespace Contoso.Payments.Formatting;\n\npublic static class Money\n{\n    public static string Format(decimal amount) => amount.ToString(\"F2\");\n}\n");
        // A second approved plan for the project, so a single fix and fix-all edit different files.
        repo.Write(Plan3000, """
            {
              "dispatchId": "d-3000",
              "task": "Audit trail",
              "approvedBy": "bob@example.com",
              "approvedAt": "2026-11-21T09:00:00Z",
              "projects": ["src/Payments/Payments.csproj"],
              "modules": ["Contoso.Payments.Audit.**"]
            }

            """);
        var restore = repo.Dotnet("restore " + SampleRepo.Solution);
        Assert.True(restore.ExitCode == 0, restore.Output);

        using var workspace = await OpenAsync(repo);
        var payments = workspace.CurrentSolution.Projects.Single(p => p.Name == "Payments");

        // The analyzers and code fixes come from the package the restore put in the test's NuGet cache.
        var packageFolder = Path.Combine(package.NuGetCache, "governance.analyzers", "1.0.0", "analyzers", "dotnet", "cs");
        var packageReferences = payments.AnalyzerReferences.OfType<AnalyzerFileReference>()
            .Where(r => r.FullPath.StartsWith(Path.Combine(package.NuGetCache, "governance.analyzers"), StringComparison.Ordinal))
            .ToList();
        Assert.Equal(
            new[] { "Governance.Analyzers.dll", "Governance.CodeFixes.dll", "Governance.Core.dll" },
            packageReferences.Select(r => Path.GetRelativePath(packageFolder, r.FullPath)).Order(StringComparer.Ordinal));
        var loader = new PackageLoadContext(packageFolder);
        var analyzers = packageReferences.Select(r => new AnalyzerFileReference(r.FullPath, loader)).ToList();
        var fixers = CodeFixProviders(analyzers);
        Assert.Equal(new[] { "AddModuleToPlanFix", "MoveToApprovedNamespaceFix" }, fixers.Select(f => f.GetType().Name).Order(StringComparer.Ordinal));
        var diagnosticProvider = new WorkspaceDiagnostics(analyzers);

        var diagnostics = await diagnosticProvider.GovernanceDiagnosticsAsync(payments);
        // Every Governance assembly that ran is the package's own file, Governance.Core included.
        Assert.Equal(
            new[] { "Governance.Analyzers.dll", "Governance.CodeFixes.dll", "Governance.Core.dll" },
            loader.Assemblies.Select(a => Path.GetRelativePath(packageFolder, a.Location)).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[]
            {
                "GOV100 Formatting/Money.cs(3) Contoso.Payments.Formatting.Money",
                "GOV100 Helpers/Guard.cs(3) Contoso.Payments.Helpers.Guard",
                "GOV100 Helpers/StringUtil.cs(4) Contoso.Payments.Helpers.StringUtil",
            },
            Describe(diagnostics.Where(d => d.Id == "GOV100")));
        Assert.Contains(diagnostics, d => d.Id == "GOV101" && d.Location.GetLineSpan().Path.EndsWith("PaymentClient.cs", StringComparison.Ordinal));

        // 1. Move: the nearest approved namespace. d-2471 (Retry.**) and d-3000 (Audit.**) share two segments with
        //    Contoso.Payments.Formatting; the ordinal tie-break picks Audit. A source edit, written by the workspace.
        var move = await SingleFixAsync(workspace, fixers, diagnostics, "Contoso.Payments.Formatting.Money", "Move 'Money' into 'Contoso.Payments.Audit'");
        Assert.True(workspace.TryApplyChanges(move));
        Assert.Equal(
            "namespace Contoso.Payments.Audit;\n\npublic static class Money\n{\n    public static string Format(decimal amount) => amount.ToString(\"F2\");\n}\n",
            File.ReadAllText(Path.Combine(repo.Root, "src/Payments/Formatting/Money.cs")));
        diagnostics = await diagnosticProvider.GovernanceDiagnosticsAsync(Payments(workspace));
        Assert.DoesNotContain(diagnostics, d => d.Id == "GOV100" && Module(d).StartsWith("Contoso.Payments.Audit", StringComparison.Ordinal));

        // 2. One fix: the module goes into d-3000 and d-3000 loses its approval. It is a proposal again, so the module
        //    it approved (the moved Money) is unapproved until someone approves the edited scope.
        var planText3000 = File.ReadAllText(Path.Combine(repo.Root, Plan3000));
        var addOne = await SingleFixAsync(workspace, fixers, diagnostics, "Contoso.Payments.Helpers.StringUtil", "Add 'Contoso.Payments.Helpers.StringUtil' to plan 'd-3000'");
        Assert.True(workspace.TryApplyChanges(addOne));
        Assert.Equal(
            planText3000
                .Replace("  \"approvedBy\": \"bob@example.com\",\n  \"approvedAt\": \"2026-11-21T09:00:00Z\",\n", string.Empty)
                .Replace("[\"Contoso.Payments.Audit.**\"]", "[\"Contoso.Payments.Audit.**\", \"Contoso.Payments.Helpers.StringUtil\"]"),
            File.ReadAllText(Path.Combine(repo.Root, Plan3000)));
        var planText3000AfterFix = File.ReadAllText(Path.Combine(repo.Root, Plan3000));
        diagnostics = await diagnosticProvider.GovernanceDiagnosticsAsync(Payments(workspace));
        Assert.Contains(diagnostics, d => d.Id == "GOV003" && d.GetMessage().Contains("'d-3000' is a proposal", StringComparison.Ordinal));
        Assert.Equal(
            new[]
            {
                "GOV100 Formatting/Money.cs(3) Contoso.Payments.Audit.Money",
                "GOV100 Helpers/Guard.cs(3) Contoso.Payments.Helpers.Guard",
                "GOV100 Helpers/StringUtil.cs(4) Contoso.Payments.Helpers.StringUtil",
            },
            Describe(diagnostics.Where(d => d.Id == "GOV100")));

        // 3. Fix-all (solution scope, the d-2471 action): every GOV100 of the solution in ONE edit of d-2471, sorted,
        //    approval removed, everything else of the file as it was.
        var planText2471 = File.ReadAllText(Path.Combine(repo.Root, Plan2471));
        var fixAll = await FixAllAsync(workspace, fixers.Single(f => f.GetType().Name == "AddModuleToPlanFix"), diagnosticProvider, diagnostics, "GOV100:AddToPlan:d-2471.json");
        Assert.True(workspace.TryApplyChanges(fixAll));
        Assert.Equal(
            planText2471
                .Replace("  \"approvedBy\": \"alice@example.com\",\n  \"approvedAt\": \"2026-11-20T10:00:00Z\",\n", string.Empty)
                .Replace(
                    "\"modules\": [\"Contoso.Payments.Retry.**\", \"Contoso.Payments.RetryOptions\"]",
                    "\"modules\": [\"Contoso.Payments.Audit.Money\", \"Contoso.Payments.Helpers.Guard\", \"Contoso.Payments.Helpers.StringUtil\", \"Contoso.Payments.Retry.**\", \"Contoso.Payments.RetryOptions\"]"),
            File.ReadAllText(Path.Combine(repo.Root, Plan2471)));
        Assert.Equal(planText3000AfterFix, File.ReadAllText(Path.Combine(repo.Root, Plan3000)));

        // 4. A new proposal is a new additional document. MSBuildWorkspace cannot add one (it would have to edit the
        //    project file): the workspace refuses the change as a whole and writes nothing.
        diagnostics = await diagnosticProvider.GovernanceDiagnosticsAsync(Payments(workspace));
        var proposal = await SingleFixAsync(workspace, fixers, diagnostics, "Contoso.Payments.Helpers.Guard", "Add 'Contoso.Payments.Helpers.Guard' to a new proposal");
        Assert.False(workspace.CanApplyChange(ApplyChangesKind.AddAdditionalDocument));
        var plansBefore = Directory.GetFiles(Path.Combine(repo.Root, ".governance", "plans")).Order(StringComparer.Ordinal).ToList();
        Assert.Throws<NotSupportedException>(() => workspace.TryApplyChanges(proposal));
        Assert.Equal(plansBefore, Directory.GetFiles(Path.Combine(repo.Root, ".governance", "plans")).Order(StringComparer.Ordinal));
        var added = proposal.GetChanges(workspace.CurrentSolution).GetProjectChanges().SelectMany(c => c.GetAddedAdditionalDocuments()).Select(id => proposal.GetAdditionalDocument(id)!).Single();
        Assert.Matches(@"[/\\]\.governance[/\\]plans[/\\]proposal-[0-9a-f]{8}\.json$", added.FilePath);
    }

    private static Project Payments(Workspace workspace) => workspace.CurrentSolution.Projects.Single(p => p.Name == "Payments");

    private static async Task<MSBuildWorkspace> OpenAsync(TempRepo repo)
    {
        // MSBuildWorkspace runs its design-time builds in a BuildHost process that finds the SDK by itself; the
        // locator puts the same SDK's MSBuild behind the Microsoft.Build assemblies this process may load.
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }

        // The BuildHost, started by the first load, inherits this process's environment: give it the restore's package
        // cache for that moment only, so that other tests' child processes keep theirs.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        var workspace = MSBuildWorkspace.Create();
        try
        {
            Environment.SetEnvironmentVariable("NUGET_PACKAGES", repo.NuGetCache);
            await workspace.OpenSolutionAsync(Path.Combine(repo.Root, SampleRepo.Solution));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NUGET_PACKAGES", cache);
        }

        Assert.True(workspace.Diagnostics.All(d => d.Kind != WorkspaceDiagnosticKind.Failure), string.Join("\n", workspace.Diagnostics.Select(d => d.Message)));
        return workspace;
    }

    /// <summary>What `dotnet format` does: every exported code fix provider of the analyzer assemblies,
    /// loaded through the workspace's own analyzer references (its assembly loader, not this test's output).</summary>
    private static IReadOnlyList<CodeFixProvider> CodeFixProviders(IEnumerable<AnalyzerFileReference> references) =>
        references.Select(r => r.GetAssembly())
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();

    private static string Module(Diagnostic diagnostic) => diagnostic.Properties.TryGetValue("Module", out var m) ? m ?? string.Empty : string.Empty;

    private static IEnumerable<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            var path = span.Path.Replace('\\', '/');
            var file = path[(path.IndexOf("/src/Payments/", StringComparison.Ordinal) + "/src/Payments/".Length)..];
            return $"{d.Id} {file}({span.StartLinePosition.Line + 1}) {Module(d)}";
        }).Order(StringComparer.Ordinal);

    /// <summary>Registers the fixes for the GOV100 of <paramref name="module"/> and returns the solution of the one
    /// titled <paramref name="title"/>.</summary>
    private static async Task<Solution> SingleFixAsync(Workspace workspace, IReadOnlyList<CodeFixProvider> fixers, ImmutableArray<Diagnostic> diagnostics, string module, string title)
    {
        var diagnostic = diagnostics.Single(d => d.Id == "GOV100" && Module(d) == module);
        var document = workspace.CurrentSolution.GetDocument(diagnostic.Location.SourceTree) ?? throw new InvalidOperationException("no document for " + module);
        var actions = new List<CodeAction>();
        foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        }

        var chosen = actions.SingleOrDefault(a => a.Title == title);
        Assert.True(chosen is not null, "offered: " + string.Join(" | ", actions.Select(a => a.Title)));
        return await ChangedSolutionAsync(chosen!);
    }

    private static async Task<Solution> FixAllAsync(Workspace workspace, CodeFixProvider fixer, FixAllContext.DiagnosticProvider diagnosticProvider, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey)
    {
        var trigger = diagnostics.First(d => d.Id == "GOV100");
        var document = workspace.CurrentSolution.GetDocument(trigger.Location.SourceTree)!;
        var fixAllProvider = fixer.GetFixAllProvider() ?? throw new InvalidOperationException("no fix-all provider");
        Assert.Contains(FixAllScope.Solution, fixAllProvider.GetSupportedFixAllScopes());
        var context = new FixAllContext(document, fixer, FixAllScope.Solution, equivalenceKey, fixer.FixableDiagnosticIds, diagnosticProvider, CancellationToken.None);
        var action = await fixAllProvider.GetFixAsync(context) ?? throw new InvalidOperationException("fix-all offered nothing");
        return await ChangedSolutionAsync(action);
    }

    private static async Task<Solution> ChangedSolutionAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
    }

    /// <summary>The package's diagnostics, computed as an IDE does: the project's compilation with the analyzers and
    /// the project's analyzer options (its additional files and MSBuild properties). Also what a fix-all gathers.</summary>
    private sealed class WorkspaceDiagnostics(IReadOnlyList<AnalyzerFileReference> analyzers) : FixAllContext.DiagnosticProvider
    {
        public async Task<ImmutableArray<Diagnostic>> GovernanceDiagnosticsAsync(Project project)
        {
            var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException("no compilation for " + project.Name);
            var all = await compilation.WithAnalyzers(analyzers.SelectMany(r => r.GetAnalyzers(project.Language)).ToImmutableArray(), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
            return all.Where(d => d.Id.StartsWith("GOV", StringComparison.Ordinal)).ToImmutableArray();
        }

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await GovernanceDiagnosticsAsync(document.Project)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await GovernanceDiagnosticsAsync(project)).Where(d => !d.Location.IsInSource);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await GovernanceDiagnosticsAsync(project);
    }

    /// <summary>
    /// Loads the package's assemblies from the package folder and shares Roslyn and the BCL with this process, as a
    /// compiler or IDE host does. (Roslyn's own loader would bind Governance.Core to this test's copy, which the
    /// test project references; a real host has none, so that would not test the package as shipped.)
    /// </summary>
    private sealed class PackageLoadContext(string directory) : AssemblyLoadContext("governance-package"), IAnalyzerAssemblyLoader
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var candidate = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => LoadFromAssemblyName(AssemblyName.GetAssemblyName(fullPath));
    }
}
