using System;
using System.IO;

namespace Governance.Build;

/// <summary>The commit a build is for: what CI says, else the git checkout's HEAD, read from files (no git process).</summary>
internal static class GitCommit
{
    private static readonly string[] s_ciVariables = { "GITHUB_SHA", "BUILD_SOURCEVERSION", "CI_COMMIT_SHA", "GIT_COMMIT" };

    public static string? Resolve(string? configured, string startDirectory, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured!.Trim();
        }

        foreach (var name in s_ciVariables)
        {
            var value = environment(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value!.Trim();
            }
        }

        try
        {
            return FromCheckout(startDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? FromCheckout(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            string? gitDir = null;
            if (Directory.Exists(dotGit))
            {
                gitDir = dotGit;
            }
            else if (File.Exists(dotGit))
            {
                // Worktrees and submodules: ".git" is a file "gitdir: <path>".
                var pointer = File.ReadAllText(dotGit).Trim();
                if (pointer.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    gitDir = Path.GetFullPath(Path.Combine(dir.FullName, pointer.Substring(7).Trim()));
                }
            }

            if (gitDir is null)
            {
                continue;
            }

            var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
            if (!head.StartsWith("ref:", StringComparison.Ordinal))
            {
                return head;
            }

            var reference = head.Substring(4).Trim();
            var commonDir = File.Exists(Path.Combine(gitDir, "commondir"))
                ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim()))
                : gitDir;
            foreach (var root in new[] { gitDir, commonDir })
            {
                var refFile = Path.Combine(root, reference.Replace('/', Path.DirectorySeparatorChar));
                if (File.Exists(refFile))
                {
                    return File.ReadAllText(refFile).Trim();
                }
            }

            var packed = Path.Combine(commonDir, "packed-refs");
            if (File.Exists(packed))
            {
                foreach (var line in File.ReadAllLines(packed))
                {
                    if (line.EndsWith(" " + reference, StringComparison.Ordinal))
                    {
                        return line.Substring(0, line.IndexOf(' '));
                    }
                }
            }

            return null; // a new repository with no commit yet
        }

        return null;
    }
}
