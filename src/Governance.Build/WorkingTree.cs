using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;

namespace Governance.Build;

/// <summary>
/// Whether the checkout had uncommitted changes when the build ran: a receipt of a dirty tree is no evidence for its
/// commit (`dotnet governance verify --commit` leaves it out). One `git status` per build and MSBuild node, shared by
/// the projects that node builds (a registered task object that lives as long as the build). Unknown (null) outside
/// a git checkout or without git.
/// </summary>
internal static class WorkingTree
{
    public static bool? IsDirty(IBuildEngine? engine, string root, string ledgerPath)
    {
        var key = "Governance.WorkingTree.Dirty|" + Path.GetFullPath(root);
        if (engine is IBuildEngine4 cache && cache.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is Tuple<bool?> known)
        {
            return known.Item1;
        }

        var dirty = Status(root, ledgerPath);
        (engine as IBuildEngine4)?.RegisterTaskObject(key, Tuple.Create(dirty), RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        return dirty;
    }

    /// <summary>`git status --porcelain -z` in <paramref name="root"/>: any entry outside the ledger's folder (which
    /// builds write) is an uncommitted change.</summary>
    internal static bool? Status(string root, string ledgerPath)
    {
        try
        {
            // The whole checkout (:(top)) except the ledger's folder, which builds write (pathspecs are relative to the
            // working directory).
            var fullRoot = Path.GetFullPath(root).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
            var ledgerFolder = Path.GetDirectoryName(Path.GetFullPath(ledgerPath))! + Path.DirectorySeparatorChar;
            var exclude = ledgerFolder.StartsWith(fullRoot, StringComparison.Ordinal)
                ? " \":(exclude)" + ledgerFolder.Substring(fullRoot.Length).Replace('\\', '/') + "\""
                : string.Empty;
            var start = new ProcessStartInfo("git", "status --porcelain=v1 -z --untracked-files=normal --ignore-submodules=dirty -- \":(top)\"" + exclude)
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEndAsync();
            git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(30_000))
            {
                try
                {
                    git.Kill();
                }
                catch (InvalidOperationException)
                {
                }

                return null;
            }

            if (git.ExitCode != 0)
            {
                return null; // not a git checkout
            }

            return output.Result.Split('\0').Any(entry => entry.Length > 3);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return null;
        }
    }
}
