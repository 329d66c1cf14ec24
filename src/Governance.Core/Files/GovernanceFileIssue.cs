namespace Governance.Core.Files;

/// <summary>A problem inside a governance file, located by character offset so that each host can turn it into its
/// own location type (Roslyn <c>Location</c>, MSBuild file/line/column, SARIF region).</summary>
public sealed class GovernanceFileIssue
{
    public GovernanceFileIssue(string path, int offset, int length, string message, string ruleId = Rules.RuleIds.InvalidGovernanceFile)
    {
        Path = path;
        Offset = offset < 0 ? 0 : offset;
        Length = length < 0 ? 0 : length;
        Message = message;
        RuleId = ruleId;
    }

    public string Path { get; }
    public int Offset { get; }
    public int Length { get; }
    public string Message { get; }
    public string RuleId { get; }

    public override string ToString() => Path + "@" + Offset + ": " + Message;
}
