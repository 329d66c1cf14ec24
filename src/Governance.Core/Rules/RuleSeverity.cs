namespace Governance.Core.Rules;

/// <summary>The intrinsic weight of a finding. The verdict uses this, never the severity a host reported it with
/// (Audit mode and .editorconfig can lower what is shown, not what is true).</summary>
public enum RuleSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
