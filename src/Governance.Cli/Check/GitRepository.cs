using System.Diagnostics;
using System.Text;

namespace Governance.Cli.Check;

/// <summary>Reads commits through the `git` command of the machine the check runs on, never through files of the
/// branch's working tree: approvals come from the base commit, the list of projects from the head commit.</summary>
internal sealed class GitRepository
{
    private GitRepository(string root)
    {
        Root = root;
    }

    /// <summary>The repository's top-level folder.</summary>
    public string Root { get; }

    public static GitRepository Open(string folder)
    {
        var top = Run(folder, "rev-parse", "--show-toplevel");
        if (top.ExitCode != 0)
        {
            throw new CheckFailedException("'" + folder + "' is not inside a git repository: " + top.Error.Trim());
        }

        return new GitRepository(Path.GetFullPath(Encoding.UTF8.GetString(top.Output).Trim()));
    }

    /// <summary>The full commit id a ref names, or an exception saying the ref does not exist.</summary>
    public string ResolveCommit(string reference)
    {
        var result = Run(Root, "rev-parse", "--verify", "--quiet", "--end-of-options", reference + "^{commit}");
        if (result.ExitCode != 0)
        {
            throw new CheckFailedException("'" + reference + "' is not a commit of this repository (fetch it first, e.g. 'git fetch origin main').");
        }

        return Encoding.ASCII.GetString(result.Output).Trim();
    }

    /// <summary>Every file of a commit with its git object id (the SHA-1 of "blob &lt;size&gt;\0" and the bytes).</summary>
    public IReadOnlyDictionary<string, string> ListBlobs(string commit)
    {
        var result = Run(Root, "ls-tree", "-r", "-z", "--full-tree", commit);
        if (result.ExitCode != 0)
        {
            throw new CheckFailedException("git ls-tree " + commit + " failed: " + result.Error.Trim());
        }

        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Encoding.UTF8.GetString(result.Output).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> <type> <id>\t<path>"
            var tab = entry.IndexOf('\t');
            var fields = entry[..tab].Split(' ');
            if (fields.Length == 3 && fields[1] == "blob")
            {
                blobs[entry[(tab + 1)..]] = fields[2];
            }
        }

        return blobs;
    }

    /// <summary>A file's bytes in a commit; null when the commit has no such file.</summary>
    public byte[]? Show(string commit, string path)
    {
        var result = Run(Root, "cat-file", "blob", commit + ":" + path);
        return result.ExitCode == 0 ? result.Output : null;
    }

    private static (int ExitCode, byte[] Output, string Error) Run(string folder, params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Configuration of the checkout must not run code of the branch (fsmonitor, hooks are not run by these
        // plumbing commands; a repository-local config is still read, so switch off the one setting that executes).
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("core.fsmonitor=false");
        // Objects are what their ids say: no replacement refs (refs/replace, which a push can bring) and no grafts.
        info.ArgumentList.Add("--no-replace-objects");
        info.Environment["GIT_NO_REPLACE_OBJECTS"] = "1";
        info.Environment["GIT_GRAFT_FILE"] = "/dev/null";
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CheckFailedException("git is required and could not be started: " + ex.Message);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            return (process.ExitCode, output.ToArray(), error.Result);
        }
    }
}

/// <summary>The check itself could not run (no repository, unknown base ref): exit code "could not check".</summary>
internal sealed class CheckFailedException(string message) : Exception(message);
