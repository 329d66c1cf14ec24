using System.Diagnostics;
using Xunit;

namespace Governance.Build.Tests;

/// <summary>Receipts say whether the checkout had uncommitted changes; the ledger the builds themselves write does not
/// count as one.</summary>
public sealed class WorkingTreeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gov-tree-").FullName;

    [Fact]
    public void Uncommitted_changes_outside_the_ledger_folder_make_the_tree_dirty()
    {
        var ledger = Path.Combine(_root, "artifacts", "governance", "receipts.ndjson");
        Assert.Null(WorkingTree.Status(_root, ledger)); // not a checkout: unknown

        Git("init -q");
        File.WriteAllText(Path.Combine(_root, "a.cs"), "class A { }\n");
        Git("add -A");
        Git("-c user.email=t@example.com -c user.name=t commit -q -m first");
        Assert.False(WorkingTree.Status(_root, ledger));

        Directory.CreateDirectory(Path.GetDirectoryName(ledger)!);
        File.WriteAllText(ledger, "{}\n");
        Assert.False(WorkingTree.Status(_root, ledger));

        File.WriteAllText(Path.Combine(_root, "a.cs"), "class A { int x; }\n");
        Assert.True(WorkingTree.Status(_root, ledger));
        Git("checkout -q -- a.cs");
        File.WriteAllText(Path.Combine(_root, "new.cs"), "class B { }\n");
        Assert.True(WorkingTree.Status(Path.Combine(_root), ledger));
    }

    private void Git(string arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true })!;
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
