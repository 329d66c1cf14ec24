using System.Threading;
using Governance.Core.Rules;
using Microsoft.CodeAnalysis;

namespace Governance.Analyzers;

/// <summary>
/// The severity the compiler reports a governance diagnostic with in this compilation, after what the build and the
/// repository configure: /warnaserror (TreatWarningsAsErrors), /warnaserror+:id and /warnaserror-:id
/// (WarningsAsErrors, WarningsNotAsErrors), /nowarn, rule sets, and `dotnet_diagnostic.ID.severity` in .editorconfig
/// and global analyzer config files. The build facts record it, so that a receipt never approves a build that a
/// governance diagnostic failed. Follows the compiler's order (the tests ask the compiler): an id's command-line option
/// decides alone (/warnaserror- keeps the reported severity), else the file's analyzer config, else the global one,
/// else the severity the analyzer reported; /warnaserror then promotes a warning to an error.
/// </summary>
internal static class ReportedSeverity
{
    public static RuleSeverity Of(Compilation compilation, string id, DiagnosticSeverity reported, SyntaxTree? tree, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var specified = options.SpecificDiagnosticOptions.TryGetValue(id, out var report);
        var notAsError = specified && report == ReportDiagnostic.Default;
        if (!specified && options.SyntaxTreeOptionsProvider is { } provider
            && ((tree is not null && provider.TryGetDiagnosticValue(tree, id, cancellationToken, out var configured))
                || provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out configured)))
        {
            report = configured;
            specified = configured != ReportDiagnostic.Default;
        }

        if (!specified || report == ReportDiagnostic.Default)
        {
            report = reported switch
            {
                DiagnosticSeverity.Error => ReportDiagnostic.Error,
                DiagnosticSeverity.Warning => ReportDiagnostic.Warn,
                _ => ReportDiagnostic.Info,
            };
        }

        if (report == ReportDiagnostic.Warn && options.GeneralDiagnosticOption == ReportDiagnostic.Error && !notAsError)
        {
            report = ReportDiagnostic.Error;
        }

        return report switch
        {
            ReportDiagnostic.Error => RuleSeverity.Error,
            ReportDiagnostic.Warn => RuleSeverity.Warning,
            _ => RuleSeverity.Info,
        };
    }

    /// <summary>Whether the compiler reports <paramref name="id"/>, a warning-level rule, as an error in any file of
    /// the compilation.</summary>
    public static bool RaisedToErrorAnywhere(Compilation compilation, string id, CancellationToken cancellationToken)
    {
        if (Of(compilation, id, DiagnosticSeverity.Warning, null, cancellationToken) == RuleSeverity.Error)
        {
            return true;
        }

        if (compilation.Options.SyntaxTreeOptionsProvider is null)
        {
            return false;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (Of(compilation, id, DiagnosticSeverity.Warning, tree, cancellationToken) == RuleSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }
}
