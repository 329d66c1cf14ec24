using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Governance.Core;
using Governance.Core.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Governance.Analyzers;

/// <summary>
/// GOV101: every reference from other code to a type of an unapproved module (the blast radius of a GOV100).
/// GOV110: every use of an assembly that came from a package not approved for this project (a using of one of its
/// namespaces, or a type from it). Operation and symbol actions only; approvals are memoised per type and assembly.
/// The package of a reference is read from its path in the NuGet packages folder (&lt;root&gt;/&lt;id&gt;/&lt;version&gt;/...),
/// so no generated file is needed and the IDE shows GOV110 before the first build.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UsageAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnapprovedModuleReference, DiagnosticDescriptors.UnapprovedPackageUse);

    private static readonly ImmutableArray<OperationKind> s_operations = ImmutableArray.Create(
        OperationKind.ObjectCreation, OperationKind.Invocation, OperationKind.FieldReference, OperationKind.PropertyReference,
        OperationKind.EventReference, OperationKind.MethodReference, OperationKind.TypeOf, OperationKind.Conversion,
        OperationKind.IsType, OperationKind.VariableDeclarator);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        GovernanceInputs inputs;
        try
        {
            var options = GovernanceOptions.From(context.Options);
            if (!options.IsGoverned || options.UpdateBaseline)
            {
                return;
            }

            inputs = GovernanceInputs.Read(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return;
        }

        if (inputs.BaselineTarget is null)
        {
            return; // GOV002/GOV001 already say the baseline is unusable; per-use warnings would be noise.
        }

        var state = new State(context.Compilation, inputs);
        if (!state.HasUnapprovedPackages && !state.DeclaresUnapprovedModule(inputs.Options, context.CancellationToken) && !state.ReferencesUnapprovedModule())
        {
            // The passing path: nothing in this compilation can be the target of GOV101 or GOV110, so no operation
            // is looked at. One walk over the declared types costs far less than an action on every operation.
            return;
        }

        context.RegisterOperationAction(state.OnOperation, s_operations);
        context.RegisterSymbolAction(state.OnSymbol, SymbolKind.NamedType, SymbolKind.Field, SymbolKind.Property, SymbolKind.Method, SymbolKind.Event);
        if (state.HasUnapprovedPackages)
        {
            context.RegisterSyntaxNodeAction(state.OnUsing, SyntaxKind.UsingDirective);
        }
    }

    private sealed class State
    {
        private readonly Compilation _compilation;
        private readonly ModuleApprovals _approvals;
        private readonly string _project;
        private readonly bool _namespaceGranularity;
        private readonly ConcurrentDictionary<INamedTypeSymbol, string?> _unapprovedModuleOf = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<IAssemblySymbol, string> _unapprovedPackageOf = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<IAssemblySymbol, ReferencedProject> _referencedProjects = new(SymbolEqualityComparer.Default);

        public State(Compilation compilation, GovernanceInputs inputs)
        {
            _compilation = compilation;
            _approvals = new ModuleApprovals(inputs.BaselineTarget, inputs.ProjectAssessments);
            _project = inputs.Options.ProjectPath;
            _namespaceGranularity = inputs.Options.NamespaceGranularity;

            var approvedIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Governance.Analyzers" };
            foreach (var p in inputs.BaselineTarget!.Packages)
            {
                approvedIds.Add(p.Id);
            }

            foreach (var p in inputs.BaselineTarget.TransitivePackages)
            {
                approvedIds.Add(p.Id);
            }

            foreach (var plan in inputs.ProjectAssessments)
            {
                if (plan.Approves)
                {
                    foreach (var p in plan.Plan.Packages)
                    {
                        approvedIds.Add(p.Value.Id);
                    }
                }
            }

            // The governed projects this one references, as the compiler sees them: metadata in a build, the other
            // project's own compilation in the IDE (so an unsaved edit there shows here too).
            if (inputs.ReferencedProjects.Count > 0)
            {
                foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
                {
                    if (inputs.ReferencedProjects.TryGetValue(assembly.Identity.Name, out var project))
                    {
                        _referencedProjects[assembly] = project;
                    }
                }
            }

            foreach (var reference in compilation.References)
            {
                if (reference is PortableExecutableReference { FilePath: { } path } && PackageOf(path) is { } package && !approvedIds.Contains(package.Id)
                    && compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly)
                {
                    _unapprovedPackageOf[assembly] = package.Id + " " + package.Version;
                }
            }
        }

        public bool HasUnapprovedPackages => _unapprovedPackageOf.Count > 0;

        /// <summary>Whether any module declared in this compilation is not approved (the same named list the
        /// ModuleAnalyzer judges, built once per compilation).</summary>
        public bool DeclaresUnapprovedModule(GovernanceOptions options, CancellationToken cancellationToken)
        {
            if (FastModuleJudgement.Of(_compilation, options, _approvals, cancellationToken) is { } judged)
            {
                return judged.Unapproved > 0; // judged already: the build facts and other generators' trees
            }

            return ModuleJudgement.AnyUnapproved(_approvals, DeclaredModules.Of(_compilation, _namespaceGranularity));
        }

        /// <summary>Whether a referenced governed project has a type of a module its approvals do not cover (then uses
        /// of its types are judged here). In a build, a project whose own compile found every module approved is
        /// taken at its word; otherwise (and always in the IDE) a walk over the referenced assembly's top-level types,
        /// kept cheap: a namespace an approving plan covers
        /// whole ("Contoso.Billing.**") is not opened, a type's module is judged by name before anything else is asked
        /// of the symbol, and nothing is remembered on this passing path.</summary>
        public bool ReferencesUnapprovedModule()
        {
            foreach (var pair in _referencedProjects)
            {
                if (pair.Value.ApprovedEverythingWhenBuilt)
                {
                    continue; // its own compile judged every module of it approved (ModuleSummary): nothing to look for
                }

                var approvals = pair.Value.Approvals;
                var namespaces = new Stack<INamespaceSymbol>();
                namespaces.Push(pair.Key.GlobalNamespace);
                while (namespaces.Count > 0)
                {
                    var ns = namespaces.Pop();
                    if (approvals.ApprovesEverythingIn(ModuleNames.Of(ns)))
                    {
                        continue;
                    }

                    foreach (var member in ns.GetMembers())
                    {
                        if (member is INamespaceSymbol child)
                        {
                            namespaces.Push(child);
                        }
                        else if (member is INamedTypeSymbol type
                            && !approvals.IsApproved(ModuleNames.Of(type, _namespaceGranularity))
                            && ModuleNames.IsModuleType(type) && CanBeUsedHere(type))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>Public types, and internal ones the other assembly shows this one, except the compiler's embedded
        /// attributes (NullableAttribute and kin, marked [Microsoft.CodeAnalysis.Embedded]), which no code can name.</summary>
        private bool CanBeUsedHere(INamedTypeSymbol type)
        {
            if (type.DeclaredAccessibility == Accessibility.Public)
            {
                return true;
            }

            if (!type.ContainingAssembly.GivesAccessTo(_compilation.Assembly))
            {
                return false;
            }

            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "EmbeddedAttribute" } embedded && embedded.ContainingNamespace?.ToDisplayString() == "Microsoft.CodeAnalysis")
                {
                    return false;
                }
            }

            return true;
        }

        private static readonly HashSet<string> s_targetingPacks = new(StringComparer.Ordinal)
        {
            "microsoft.netcore.app.ref", "microsoft.aspnetcore.app.ref", "microsoft.windowsdesktop.app.ref", "netstandard.library.ref",
        };

        /// <summary>Package id and version from a path like …/packages/newtonsoft.json/13.0.3/lib/net6.0/X.dll.</summary>
        internal static (string Id, string Version)? PackageOf(string path)
        {
            // The packages folder stores ids lowercased; SDK targeting packs (dotnet/packs/Microsoft.NETCore.App.Ref/…)
            // keep their casing and are not packages anyone approves.
            var parts = path.Replace('\\', '/').Split('/');
            for (var i = parts.Length - 3; i >= 1; i--)
            {
                var id = parts[i - 1];
                if (parts[i + 1] is "lib" or "ref" or "runtimes" && parts[i].Length > 0 && char.IsDigit(parts[i][0])
                    && id.Length > 0 && string.Equals(id, id.ToLowerInvariant(), StringComparison.Ordinal) && (i < 2 || parts[i - 2] != "packs"))
                {
                    // A targeting pack the SDK does not carry (net8.0 on a .NET 10 SDK) is restored into the packages
                    // folder: it is the target framework itself, not a package.
                    return s_targetingPacks.Contains(id) ? null : (id, parts[i]);
                }
            }

            return null;
        }

        public void OnOperation(OperationAnalysisContext context)
        {
            ITypeSymbol? type = context.Operation switch
            {
                IObjectCreationOperation creation => creation.Type,
                IInvocationOperation invocation => invocation.TargetMethod.IsStatic || invocation.TargetMethod.IsExtensionMethod ? invocation.TargetMethod.ContainingType : null,
                IMemberReferenceOperation member => member.Member.IsStatic ? member.Member.ContainingType : null,
                ITypeOfOperation typeOf => typeOf.TypeOperand,
                IConversionOperation { IsImplicit: false } conversion => conversion.Type,
                IIsTypeOperation isType => isType.TypeOperand,
                IVariableDeclaratorOperation declarator => declarator.Symbol.Type,
                _ => null,
            };
            if (type is not null)
            {
                Check(type, context.Operation.Syntax.GetLocation(), context.ContainingSymbol, context.ReportDiagnostic);
            }
        }

        public void OnSymbol(SymbolAnalysisContext context)
        {
            var symbol = context.Symbol;
            if (symbol.IsImplicitlyDeclared || symbol.Locations.Length == 0 || !symbol.Locations[0].IsInSource)
            {
                return;
            }

            var location = symbol.Locations[0];
            switch (symbol)
            {
                case INamedTypeSymbol named:
                    if (named.BaseType is { } baseType)
                    {
                        Check(baseType, location, symbol, context.ReportDiagnostic);
                    }

                    foreach (var i in named.Interfaces)
                    {
                        Check(i, location, symbol, context.ReportDiagnostic);
                    }

                    break;
                case IFieldSymbol field:
                    Check(field.Type, location, symbol, context.ReportDiagnostic);
                    break;
                case IPropertySymbol property:
                    Check(property.Type, location, symbol, context.ReportDiagnostic);
                    break;
                case IEventSymbol @event:
                    Check(@event.Type, location, symbol, context.ReportDiagnostic);
                    break;
                case IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor } method:
                    Check(method.ReturnType, location, symbol, context.ReportDiagnostic);
                    foreach (var parameter in method.Parameters)
                    {
                        Check(parameter.Type, parameter.Locations.Length > 0 ? parameter.Locations[0] : location, symbol, context.ReportDiagnostic);
                    }

                    break;
            }
        }

        public void OnUsing(SyntaxNodeAnalysisContext context)
        {
            var directive = (UsingDirectiveSyntax)context.Node;
            if (directive.Name is null || context.SemanticModel.GetSymbolInfo(directive.Name, context.CancellationToken).Symbol is not INamespaceSymbol ns)
            {
                return;
            }

            string? package = null;
            foreach (var constituent in ns.ConstituentNamespaces)
            {
                if (constituent.ContainingAssembly is not { } assembly || !_unapprovedPackageOf.TryGetValue(assembly, out package))
                {
                    return; // the namespace also comes from approved code; the using itself is harmless
                }
            }

            if (package is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnapprovedPackageUse, directive.Name.GetLocation(),
                    ns.ToDisplayString(), package, _project));
            }
        }

        private void Check(ITypeSymbol type, Location location, ISymbol? user, Action<Diagnostic> report) =>
            ModuleNames.ForEachUsedModuleType(type, top => CheckModuleType(top, location, user, report));

        private void CheckModuleType(INamedTypeSymbol top, Location location, ISymbol? user, Action<Diagnostic> report)
        {
            if (_unapprovedPackageOf.Count > 0 && top.ContainingAssembly is { } assembly && _unapprovedPackageOf.TryGetValue(assembly, out var package))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.UnapprovedPackageUse, location, top.ToDisplayString(), package, _project));
                return;
            }

            string? module;
            string? declaredIn = null;
            if (SymbolEqualityComparer.Default.Equals(top.ContainingAssembly, _compilation.Assembly))
            {
                module = _unapprovedModuleOf.GetOrAdd(top, t => ModuleIfUnapproved(t, _approvals));
            }
            else if (top.ContainingAssembly is { } other && _referencedProjects.TryGetValue(other, out var project))
            {
                // A type of a referenced governed project, judged by that project's approvals.
                module = _unapprovedModuleOf.GetOrAdd(top, t => ModuleIfUnapproved(t, project.Approvals));
                declaredIn = project.ProjectPath;
            }
            else
            {
                return;
            }

            if (module is null || IsInside(user, module))
            {
                return;
            }

            declaredIn ??= top.Locations.Length > 0 && top.Locations[0].IsInSource ? top.Locations[0].GetLineSpan().Path : "?";
            report(Diagnostic.Create(DiagnosticDescriptors.UnapprovedModuleReference, location, top.ToDisplayString(), module, declaredIn));
        }

        /// <summary>The module of a top-level type (<see cref="ModuleNames.IsModuleType"/>, as GOV100 judges it) when no
        /// approval covers it, else null: an approved or baselined module is never the target of a finding.</summary>
        private string? ModuleIfUnapproved(INamedTypeSymbol type, ModuleApprovals approvals)
        {
            return ModuleNames.ModuleOf(type, _namespaceGranularity) is { } module && !approvals.IsApproved(module) ? module : null;
        }

        /// <summary>Code inside the unapproved module itself is GOV100's business, not the blast radius.</summary>
        private bool IsInside(ISymbol? user, string module)
        {
            var type = user as INamedTypeSymbol ?? user?.ContainingType;
            while (type?.ContainingType is not null)
            {
                type = type.ContainingType;
            }

            return type is not null && ModuleNames.Of(type, _namespaceGranularity) == module;
        }
    }
}
