using System.Text;

namespace Governance.Tests.Shared;

/// <summary>
/// The inputs the package's MSBuild files give the analyzers, for tests on Microsoft.CodeAnalysis.Testing: one project
/// (src/Payments) under the governance root /repo/, and the global analyzer config the SDK's
/// GenerateMSBuildEditorConfig writes (build_property.* keys, then a section per file with its metadata).
/// </summary>
internal static class GovernanceTestInputs
{
    public const string Root = "/repo/";
    public const string Project = "src/Payments/Payments.csproj";
    public const string PlansDir = "/repo/.governance/plans/";
    public const string BaselinePath = "/repo/.governance/baseline/src/Payments/Payments.csproj.json";
    public const string GlobalConfigPath = "/repo/src/Payments/obj/Payments.GeneratedMSBuildEditorConfig.editorconfig";

    /// <summary>The properties every governed build passes (the clock fixed at 2026-11-24T12:00:00Z).</summary>
    public static Dictionary<string, string> DefaultProperties() => new()
    {
        ["GovernanceRoot"] = Root,
        ["GovernanceProjectPath"] = Project,
        ["GovernanceTargetFramework"] = "net10.0",
        ["GovernanceNow"] = "2026-11-24T12:00:00Z",
    };

    public static string BaselineJson(IEnumerable<string> modules, string tfm = "net10.0", string granularity = "Type") =>
        "{ \"schemaVersion\": 1, \"project\": \"" + Project + "\", \"targets\": { \"" + tfm + "\": { \"moduleGranularity\": \"" + granularity + "\", \"modules\": ["
        + string.Join(", ", modules.Select(m => "\"" + m + "\"")) + "] } } }";

    /// <param name="properties">build_property.* values.</param>
    /// <param name="fileMetadata">per additional file, its build_metadata.AdditionalFiles.* values.</param>
    /// <param name="fileOptions">per source file, plain .editorconfig options (generated_code).</param>
    public static string GlobalConfig(
        IEnumerable<KeyValuePair<string, string>> properties,
        IEnumerable<KeyValuePair<string, Dictionary<string, string>>> fileMetadata,
        IEnumerable<KeyValuePair<string, Dictionary<string, string>>>? fileOptions = null)
    {
        var text = new StringBuilder("is_global = true\n");
        foreach (var property in properties)
        {
            text.Append("build_property.").Append(property.Key).Append(" = ").Append(property.Value).Append('\n');
        }

        void Sections(IEnumerable<KeyValuePair<string, Dictionary<string, string>>> files, string prefix)
        {
            foreach (var file in files)
            {
                text.Append("\n[").Append(file.Key).Append("]\n");
                foreach (var value in file.Value)
                {
                    text.Append(prefix).Append(value.Key).Append(" = ").Append(value.Value).Append('\n');
                }
            }
        }

        Sections(fileMetadata, "build_metadata.AdditionalFiles.");
        Sections(fileOptions ?? [], string.Empty);
        return text.ToString();
    }
}
