using Governance.Core.Rules;

namespace Governance.Core.Findings;

/// <summary>One governance finding, whichever host produced it. <see cref="Severity"/> is the rule's intrinsic
/// severity from <see cref="RuleCatalog"/>; Audit mode or an .editorconfig override changes only how a host shows it.</summary>
public sealed class Finding
{
    public Finding(string ruleId, string message, string? file = null, int line = 0, int column = 0, string? subject = null, RuleSeverity? severity = null)
    {
        RuleId = ruleId;
        Message = message;
        File = file;
        Line = line;
        Column = column;
        Subject = subject;
        Severity = severity ?? (RuleCatalog.TryGet(ruleId, out var rule) ? rule.Severity : RuleSeverity.Error);
    }

    public string RuleId { get; }
    public RuleSeverity Severity { get; }
    public string Message { get; }

    /// <summary>Full path of the file the finding is located in, or null.</summary>
    public string? File { get; }

    /// <summary>1-based; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What the finding is about (module name, package id, path): the target a plan suppression names.</summary>
    public string? Subject { get; }

    /// <summary>Set when an approved plan allowed this finding to be suppressed; it then no longer weighs on the verdict.</summary>
    public string? SuppressedByDispatchId { get; set; }

    /// <summary>True when the host already reported it at error level (the compiler failed the build for it).</summary>
    public bool ReportedAsError { get; set; }

    public override string ToString() => (File is null ? string.Empty : File + "(" + Line + "," + Column + "): ") + RuleId + ": " + Message;
}
