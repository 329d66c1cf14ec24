using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Governance.Core.Files;
using Governance.Core.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Governance.Analyzers;

/// <summary>
/// GOV001 (a governance file cannot be read), GOV003 (a plan is a proposal or expired) and GOV004 (a plan's approval
/// signature does not verify), each located inside the file. Reported from an additional-file action, not at
/// compilation end, so the IDE shows them live while the plan is edited.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GovernanceFileAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidGovernanceFile, DiagnosticDescriptors.InactivePlan, DiagnosticDescriptors.UnverifiedApproval);

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
            if (!options.IsGoverned)
            {
                return;
            }

            inputs = GovernanceInputs.Read(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Core never throws on bad input; anything here is a defect, and still must not become AD0001.
            return;
        }

        context.RegisterAdditionalFileAction(fileContext =>
        {
            foreach (var diagnostic in FileDiagnostics(inputs, fileContext.AdditionalFile.Path, fileContext.AdditionalFile.GetText(fileContext.CancellationToken)))
            {
                fileContext.ReportDiagnostic(diagnostic);
            }
        });
    }

    /// <summary>GOV001, GOV003 and GOV004 located in one governance file, as the analyzer reports them and as the
    /// build facts record them.</summary>
    internal static List<Diagnostic> FileDiagnostics(GovernanceInputs inputs, string path, SourceText? fileText)
    {
        var diagnostics = new List<Diagnostic>();
        var audit = inputs.Options.Mode == GovernanceMode.Audit;
        void Report(DiagnosticDescriptor descriptor, int offset, int length, bool lowerInAudit, params object[] args) =>
            diagnostics.Add(Create(path, fileText, descriptor, offset, length, lowerInAudit, args));

        foreach (var issue in inputs.Plans.Issues)
        {
            if (string.Equals(issue.Path, path, StringComparison.Ordinal))
            {
                Report(DiagnosticDescriptors.InvalidGovernanceFile, issue.Offset, issue.Length, audit, issue.Message);
            }
        }

        if (inputs.BaselineFile is { } baseline && string.Equals(baseline.File.Path, path, StringComparison.Ordinal) && inputs.Baseline is not null)
        {
            foreach (var issue in inputs.Baseline.Issues)
            {
                Report(DiagnosticDescriptors.InvalidGovernanceFile, issue.Offset, issue.Length, audit, issue.Message);
            }
        }

        if (inputs.AllowedSignersFile is { } signers && string.Equals(signers.File.Path, path, StringComparison.Ordinal) && inputs.Signers is not null)
        {
            foreach (var error in inputs.Signers.Errors)
            {
                var text = signers.Text;
                var line = error.Line > 0 && error.Line <= text.Lines.Count ? text.Lines[error.Line - 1].Span : new TextSpan(0, 0);
                Report(DiagnosticDescriptors.InvalidGovernanceFile, line.Start, line.Length, audit, "Trust root: " + error.Message);
            }
        }

        foreach (var assessment in inputs.ProjectAssessments)
        {
            if (!string.Equals(assessment.Plan.Path, path, StringComparison.Ordinal))
            {
                continue;
            }

            var at = assessment.Plan.DispatchIdOffset;
            var length = assessment.Plan.DispatchId.Length + 2;
            if (assessment.State is PlanState.Proposal or PlanState.Expired)
            {
                // Where the user fixes it: expiresAt, or the approval fields.
                var fix = assessment.FixSpan;
                Report(DiagnosticDescriptors.InactivePlan, fix.Offset, fix.Length, false, assessment.Plan.DispatchId, assessment.Reason + ".");
            }
            else if (assessment.State == PlanState.SignatureRejected)
            {
                Report(DiagnosticDescriptors.UnverifiedApproval, at, length, audit, assessment.Plan.DispatchId, assessment.Reason);
            }
        }

        return diagnostics;
    }

    private static Diagnostic Create(string path, SourceText? text, DiagnosticDescriptor descriptor, int offset, int length, bool audit, object[] args)
    {
        var location = Locations.FileStart(path);
        if (text is not null)
        {
            var start = Math.Min(Math.Max(offset, 0), text.Length);
            var span = new TextSpan(start, Math.Min(Math.Max(length, 0), text.Length - start));
            location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
        }

        var severity = audit && descriptor.DefaultSeverity == DiagnosticSeverity.Error ? DiagnosticSeverity.Warning : descriptor.DefaultSeverity;
        return Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties: null, args);
    }
}
