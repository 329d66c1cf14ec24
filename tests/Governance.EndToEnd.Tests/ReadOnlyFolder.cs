using System.Runtime.Versioning;

namespace Governance.EndToEnd.Tests;

/// <summary>Makes a folder and the files in it read-only for everyone, root included, until disposed. Permission bits
/// alone do not stop root (these tests run as root in CI), so as root the folder and its files are also made immutable
/// with <c>chattr +i</c>. The constructor proves the folder is read-only by trying to write, so a test can never pass
/// against a folder that was writable after all.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class ReadOnlyFolder : IDisposable
{
    private const UnixFileMode ReadOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode ReadOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _folder;
    private readonly string[] _files;
    private readonly bool _immutable;

    private ReadOnlyFolder(string folder)
    {
        _folder = folder;
        _files = Directory.GetFiles(folder);
        _immutable = Environment.UserName == "root";
    }

    public static ReadOnlyFolder Make(string folder)
    {
        var readOnly = new ReadOnlyFolder(folder);
        readOnly.Apply();
        return readOnly;
    }

    private void Apply()
    {
        foreach (var file in _files)
        {
            File.SetUnixFileMode(file, ReadOnlyFile);
        }

        File.SetUnixFileMode(_folder, ReadOnlyDirectory);
        if (_immutable)
        {
            var result = Chattr(["+i", .. _files, _folder]);
            if (result.ExitCode != 0)
            {
                Dispose();
                throw new InvalidOperationException("chattr +i failed, so the folder cannot be made read-only for root here: " + result.Output);
            }
        }

        var probe = Path.Combine(_folder, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(probe, "x");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        File.Delete(probe);
        Dispose();
        throw new InvalidOperationException($"{_folder} is still writable; the test would prove nothing.");
    }

    public void Dispose()
    {
        if (_immutable)
        {
            Chattr(["-i", _folder, .. _files]);
        }

        File.SetUnixFileMode(_folder, ReadOnlyDirectory | UnixFileMode.UserWrite);
        foreach (var file in _files)
        {
            File.SetUnixFileMode(file, ReadOnlyFile | UnixFileMode.UserWrite);
        }
    }

    private static PackageFixture.ProcessResult Chattr(params string[] arguments) =>
        PackageFixture.Run(Environment.CurrentDirectory, "chattr", string.Join(" ", arguments.Select(a => "\"" + a + "\"")), new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
}
