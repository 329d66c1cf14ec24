using Microsoft.CodeAnalysis;

namespace Governance.Analyzers;

/// <summary>
/// Where findings about a whole file or project go. Never <see cref="Location.None"/>: a host may drop a project's
/// whole workspace report over one diagnostic without a location (csharp-ls does), and a located finding opens the
/// file the user fixes.
/// </summary>
internal static class Locations
{
    /// <summary>Line 1 of the project file: findings about the project itself (it has no baseline, the check ran).</summary>
    public static Location ProjectFile(GovernanceOptions options) =>
        options.Root is null || options.ProjectPath.Length == 0
            ? Location.None
            : FileStart(options.Root.TrimEnd('/', '\\') + "/" + options.ProjectPath);

    /// <summary>Line 1 of a file the compiler does not compile (a governance file, the project file).</summary>
    public static Location FileStart(string path) => Location.Create(path, default, default);
}
