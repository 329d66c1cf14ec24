using System;
using System.Collections.Generic;

namespace Governance.Core.Files;

/// <summary>Paths inside governance files are relative to the governance root, with '/' separators, compared
/// case-insensitively (a plan written on Windows must match the same project on Linux CI).</summary>
public static class GovernancePaths
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public const string GovernanceFolder = ".governance";
    public const string PlansFolder = ".governance/plans";
    public const string BaselineFolder = ".governance/baseline";

    /// <summary>The file that marks the governance root for the build (GetDirectoryNameOfFileAbove sees files only,
    /// and git keeps no empty folder). <c>dotnet governance init</c> creates it.</summary>
    public const string RootMarker = ".governance/root";

    /// <summary>The governance root for a folder, as the build finds it: the nearest folder at or above
    /// <paramref name="start"/> that holds <see cref="RootMarker"/>; null when there is none.</summary>
    public static string? FindRootAbove(string start)
    {
        for (var dir = new System.IO.DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, RootMarker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Normalizes a root-relative path. Returns null with an error for absolute paths and paths that leave
    /// the governance root, because a plan must not be able to approve anything outside the repository.</summary>
    public static string? NormalizeRelative(string? path, out string? error)
    {
        error = null;
        if (path is null || path.Trim().Length == 0)
        {
            error = "The path is empty. Write a path relative to the governance root, such as \"src/Payments/Payments.csproj\".";
            return null;
        }

        var p = path.Trim().Replace('\\', '/');
        if (p.StartsWith("/", StringComparison.Ordinal) || (p.Length >= 2 && p[1] == ':') || p.StartsWith("~", StringComparison.Ordinal))
        {
            error = "'" + path + "' is an absolute path. Write it relative to the governance root, such as \"src/Payments/Payments.csproj\".";
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in p.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    error = "'" + path + "' leaves the governance root. Only paths inside the repository can be approved.";
                    return null;
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            if (segment.IndexOf('\0') >= 0)
            {
                error = "'" + path + "' contains a NUL character.";
                return null;
            }

            segments.Add(segment);
        }

        if (segments.Count == 0)
        {
            error = "'" + path + "' names the governance root itself, not a project.";
            return null;
        }

        return string.Join("/", segments);
    }

    /// <summary>The baseline file of a project, relative to the governance root.</summary>
    public static string BaselineFileFor(string projectRelativePath) => BaselineFolder + "/" + projectRelativePath + ".json";
}
