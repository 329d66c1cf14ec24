using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Governance.Core.Files;

/// <summary>
/// Paths as receipts, evidence and messages show them: relative to the governance root with '/' separators, so that a
/// ledger reads the same on every machine and holds no user name or temporary folder. A file outside the root gets a
/// stable display instead of its machine path: <c>nuget:&lt;id&gt;/&lt;version&gt;/&lt;path&gt;</c> in a NuGet
/// package folder, <c>sdk:&lt;path&gt;</c> below the .NET installation, <c>.governance/…</c> for a governance file
/// whose root is not known here, and <c>external:&lt;file name&gt;</c> otherwise.
/// </summary>
public sealed class DisplayPaths
{
    private readonly string? _root;
    private readonly List<(string Prefix, string Label)> _folders = new();

    /// <param name="root">The governance root; null when unknown.</param>
    /// <param name="packageFolders">NuGet package folders (the global packages folder, fallback folders).</param>
    /// <param name="sdkFolders">Folders of the .NET installation and MSBuild.</param>
    public DisplayPaths(string? root, IEnumerable<string?>? packageFolders = null, IEnumerable<string?>? sdkFolders = null)
    {
        _root = Folder(root);
        if (_root is not null)
        {
            _folders.Add((_root, string.Empty));
        }

        foreach (var folder in (packageFolders ?? Enumerable.Empty<string?>()).Select(Folder))
        {
            if (folder is not null)
            {
                _folders.Add((folder, "nuget:"));
            }
        }

        foreach (var folder in (sdkFolders ?? Enumerable.Empty<string?>()).Select(Folder))
        {
            if (folder is not null)
            {
                _folders.Add((folder, "sdk:"));
            }
        }

        // The innermost folder decides (a repository inside the SDK's folder is still the repository).
        _folders.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
    }

    /// <summary>Only the governance root known: governance files and paths below it.</summary>
    public static DisplayPaths ForRoot(string? root) => new(root);

    /// <summary>The display of one path; a relative path is returned with '/' separators.</summary>
    public string? Display(string? path)
    {
        if (path is null || path.Length == 0)
        {
            return path;
        }

        var normalized = path.Replace('\\', '/');
        if (!IsAbsolute(normalized))
        {
            return normalized;
        }

        if (_root is not null && string.Equals(normalized.TrimEnd('/') + "/", _root, StringComparison.OrdinalIgnoreCase))
        {
            return ".";
        }

        foreach (var (prefix, label) in _folders)
        {
            if (normalized.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return label + normalized.Substring(prefix.Length);
            }
        }

        // Folders nobody named, recognized by their shape.
        var packages = normalized.LastIndexOf("/.nuget/packages/", StringComparison.OrdinalIgnoreCase);
        if (packages >= 0)
        {
            return "nuget:" + normalized.Substring(packages + "/.nuget/packages/".Length);
        }

        var governance = normalized.LastIndexOf("/" + GovernancePaths.GovernanceFolder + "/", StringComparison.Ordinal);
        if (governance >= 0)
        {
            return normalized.Substring(governance + 1);
        }

        return "external:" + normalized.Substring(normalized.TrimEnd('/').LastIndexOf('/') + 1);
    }

    /// <summary>Free text (a message, an exception's message, evidence) with every known folder replaced as
    /// <see cref="Display"/> would: the root by nothing, a package folder by <c>nuget:</c>, the SDK's by <c>sdk:</c>.</summary>
    public string Scrub(string text)
    {
        if (text.Length == 0 || _folders.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            // Only at the start of a path: not inside a longer one ("/a/repo/x" does not contain root "/repo/").
            if ((text[i] == '/' || text[i] == '\\' || (i + 1 < text.Length && text[i + 1] == ':')) && (i == 0 || !IsPathChar(text[i - 1])))
            {
                foreach (var (prefix, label) in _folders)
                {
                    if (StartsWithPath(text, i, prefix))
                    {
                        result.Append(label);
                        i += prefix.Length;
                        matched = true;
                        break;
                    }
                }
            }

            if (!matched)
            {
                result.Append(text[i]);
                i++;
            }
        }

        return result.ToString();
    }

    /// <summary>The text at <paramref name="at"/> starts with <paramref name="prefix"/> ('/' matching '\' too).</summary>
    private static bool StartsWithPath(string text, int at, string prefix)
    {
        if (text.Length - at < prefix.Length)
        {
            return false;
        }

        for (var k = 0; k < prefix.Length; k++)
        {
            var c = text[at + k] == '\\' ? '/' : text[at + k];
            if (char.ToUpperInvariant(c) != char.ToUpperInvariant(prefix[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPathChar(char c) => char.IsLetterOrDigit(c) || c is '/' or '\\' or '.' or '_' or '-' or '~';

    private static bool IsAbsolute(string path) => path.StartsWith("/", StringComparison.Ordinal) || (path.Length >= 2 && path[1] == ':');

    /// <summary>Normalized with '/' and one trailing '/'; null for nothing or a filesystem root (which would swallow every path).</summary>
    private static string? Folder(string? folder)
    {
        if (folder is null || folder.Trim().Length == 0)
        {
            return null;
        }

        var normalized = folder.Trim().Replace('\\', '/').TrimEnd('/');
        return normalized.Length == 0 || (normalized.Length == 2 && normalized[1] == ':') ? null : normalized + "/";
    }
}
