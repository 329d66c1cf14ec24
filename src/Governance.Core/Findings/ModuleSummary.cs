using System;
using System.Globalization;
using System.Text;
using Governance.Core.Files;

namespace Governance.Core.Findings;

/// <summary>
/// What a governed project's last completed compile found about its own modules, for the projects that reference it:
/// how many of them no approval covers, judged by that project's own baseline and plans. A referencing project's
/// build reads it (an additional file the package's targets pass in) instead of opening every namespace of the
/// referenced assembly to look for an unapproved type, which was the whole cost of cross-project GOV101 in builds
/// (docs/performance.md). The IDE never uses it: there the other project's live compilation is judged.
/// One writer (the receipt step) and one reader (the analyzers) of one small text format.
/// </summary>
public sealed class ModuleSummary
{
    private const string Header = "governance-module-summary 1";

    public ModuleSummary(string project, string granularity, int? unapprovedModules, string? unknownBecause = null)
    {
        Project = project;
        Granularity = granularity;
        UnapprovedModules = unapprovedModules;
        UnknownBecause = unapprovedModules is null ? unknownBecause ?? "not judged" : null;
    }

    /// <summary>Root-relative path of the project the summary is about.</summary>
    public string Project { get; }

    /// <summary>"Type" or "Namespace": the module names the count was judged by.</summary>
    public string Granularity { get; }

    /// <summary>Null when the last compile does not tell (it failed, updated the baseline, or another source generator
    /// added types the module check could not see): then a referencing project judges the types itself.</summary>
    public int? UnapprovedModules { get; }

    public string? UnknownBecause { get; }

    /// <summary>
    /// What a build says about its project's modules: the count of the build facts it accepted as evidence of this
    /// build, or "unknown" whenever they may not hold every module the output assembly declares (a baseline update
    /// judges nothing, a compile that did not complete made no output, another source generator's types come after
    /// the check). <paramref name="otherGeneratorOutput"/> names such a generator's output folder, or returns null.
    /// </summary>
    public static ModuleSummary Of(string project, string granularity, ModuleCheckFacts? acceptedFacts, bool updateBaseline, bool compileCompleted,
        Func<string?> otherGeneratorOutput)
    {
        var unknown = updateBaseline ? "the baseline was being updated"
            : !compileCompleted ? "the compile did not complete"
            : acceptedFacts?.UnapprovedModules is null ? "no module judgement in the build facts"
            : otherGeneratorOutput() is { } other ? "another source generator added code the module check does not see (" + other + ")"
            : null;
        return new ModuleSummary(project, granularity, unknown is null ? acceptedFacts!.UnapprovedModules : null, unknown);
    }

    /// <summary>Whether a referencing project judging by <paramref name="granularity"/> may take this project's types as
    /// all approved without looking at them.</summary>
    public bool ApprovesEverything(string project, string granularity) =>
        UnapprovedModules == 0
        && string.Equals(Project, project, StringComparison.Ordinal)
        && string.Equals(Granularity, granularity, StringComparison.OrdinalIgnoreCase);

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        text.Append("project: ").Append(Project).Append('\n');
        text.Append("granularity: ").Append(Granularity).Append('\n');
        text.Append("unapprovedModules: ").Append(UnapprovedModules is { } count ? count.ToString(CultureInfo.InvariantCulture) : "unknown (" + UnknownBecause + ")").Append('\n');
        return text.ToString();
    }

    /// <summary>The summary in <paramref name="text"/>, or null when the text is not exactly one (a reader that cannot
    /// read it judges the referenced types itself: fail closed).</summary>
    public static ModuleSummary? Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        if (lines.Length != 4 || lines[0] != Header
            || Value(lines[1], "project") is not { Length: > 0 } project
            || Value(lines[2], "granularity") is not ("Type" or "Namespace") || Value(lines[3], "unapprovedModules") is not { } count)
        {
            return null;
        }

        var granularity = Value(lines[2], "granularity")!;
        if (count.StartsWith("unknown", StringComparison.Ordinal))
        {
            return new ModuleSummary(project, granularity, null, count);
        }

        return int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var unapproved)
            ? new ModuleSummary(project, granularity, unapproved)
            : null;
    }

    /// <summary>Writes the summary only when its text changes: it is an input of every referencing project's compile,
    /// so an unchanged summary must keep its timestamp, or a referenced project's compile would recompile them all.</summary>
    public void WriteIfChanged(string path) => AtomicFile.WriteIfChanged(path, ToText());

    private static string? Value(string line, string key) =>
        line.StartsWith(key + ": ", StringComparison.Ordinal) ? line.Substring(key.Length + 2) : null;
}
