namespace Governance.Core.Rules;

/// <summary>
/// The one list of rule ids. Analyzer descriptors, task log calls, receipts, SARIF reports and docs/rules/ pages all
/// key on these constants, so a rule cannot be renamed in one host and not in another.
/// Ranges: GOV0xx governance files and trust, GOV1xx modules (analyzers), GOV2xx dependencies (task),
/// GOV3xx tamper detection, GOV9xx infrastructure (a check that could not run).
/// </summary>
public static class RuleIds
{
    public const string InvalidGovernanceFile = "GOV001";
    public const string MissingBaseline = "GOV002";
    public const string InactivePlan = "GOV003";
    public const string UnverifiedApproval = "GOV004";
    public const string UnusedApproval = "GOV005";
    public const string ProjectNotGoverned = "GOV006";

    /// <summary>`dotnet governance check`: the branch's baseline adds an entry that no trusted approval covers.</summary>
    public const string UnapprovedBaselineChange = "GOV007";

    public const string UnapprovedModule = "GOV100";
    public const string UnapprovedModuleReference = "GOV101";
    public const string UnapprovedPackageUse = "GOV110";

    /// <summary>A binary in a project's build output (or copied there) that no project, approved package or approved
    /// reference accounts for.</summary>
    public const string UnapprovedBinary = "GOV120";

    /// <summary>Hidden inventory diagnostic the analyzer emits only while the baseline is being updated.</summary>
    public const string ModuleInventory = "GOV190";

    /// <summary>Info diagnostic the analyzer emits once per governed compilation, so the receipt can tell "checked,
    /// nothing found" from "the analyzers never ran" (not loaded, CS9057, disabled).</summary>
    public const string AnalyzerHeartbeat = "GOV191";

    public const string UnapprovedPackage = "GOV200";
    public const string PackageVersionOutOfRange = "GOV201";
    public const string UnapprovedProjectReference = "GOV202";
    public const string UnapprovedAssemblyReference = "GOV203";
    public const string NewTransitivePackage = "GOV204";
    public const string UnapprovedFrameworkReference = "GOV205";

    public const string SuppressedInSource = "GOV300";
    public const string SuppressedByBuildConfiguration = "GOV301";
    public const string AnalyzersDisabled = "GOV302";
    public const string GovernancePropertiesOverridden = "GOV303";

    /// <summary>`dotnet governance check`: a receipt the build wrote says approve where the trusted check holds.</summary>
    public const string ReceiptContradicted = "GOV310";

    public const string CheckDidNotRun = "GOV900";
    public const string LedgerRecovered = "GOV901";
}
