using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Receipts;

namespace Governance.Core.Files;

/// <summary>A governance file as read from disk by the task and the CLI (the analyzer gets its text from the compiler).</summary>
public sealed class GovernanceFileContent
{
    internal GovernanceFileContent(string path, string? text, string sha256, GovernanceFileIssue? rejection)
    {
        Path = path;
        Text = text;
        Sha256 = sha256;
        Rejection = rejection;
    }

    public string Path { get; }

    /// <summary>The decoded text, or null when the file was rejected without being parsed.</summary>
    public string? Text { get; }

    /// <summary>SHA-256 of the bytes on disk (recorded in receipts), also for a rejected file.</summary>
    public string Sha256 { get; }

    /// <summary>Why the file was not parsed (a symbolic link, or too large), located at its start.</summary>
    public GovernanceFileIssue? Rejection { get; }
}

/// <summary>
/// Reads governance files for the hosts that do their own IO. Two checks happen before parsing: a symbolic link is
/// rejected, because what a reviewer sees in the diff (a link) is then not what the build reads (its target, possibly
/// outside the repository); and a file over <see cref="MaxFileBytes"/> is rejected without being loaded, so that a
/// hostile 50 MB plan costs a stat and one streamed hash, not hundreds of megabytes of strings.
/// </summary>
public static class GovernanceFileSource
{
    /// <summary>The limits every host applies to a governance file's text (the analyzer included).</summary>
    public const int MaxFileChars = JsonFileReader.MaxFileChars;

    /// <summary>The most entries one list (modules, packages, ...) may have; wildcards cover more.</summary>
    public const int MaxListEntries = JsonFileReader.MaxListEntries;

    /// <summary>16 MiB on disk, as the analyzer allows 16 Mi characters: a UTF-8 file under one is under the other.
    /// (A UTF-16 file between 16 and 32 MiB passes the analyzer but not the task, which fails closed.)</summary>
    public const long MaxFileBytes = JsonFileReader.MaxFileChars;

    public static GovernanceFileContent Read(string path, string kind)
    {
        var info = new FileInfo(path);
        if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            return new GovernanceFileContent(path, null, HashStreamed(path),
                new GovernanceFileIssue(path, 0, 0, "The " + kind + " is a symbolic link; governance files must be regular files in the repository, so that the build reads what the reviewer saw. Replace the link with the file itself."));
        }

        if (info.Length > MaxFileBytes)
        {
            return new GovernanceFileContent(path, null, HashStreamed(path),
                new GovernanceFileIssue(path, 0, 0, "The " + kind + " is " + info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + " bytes long; governance files are limited to " + MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + " bytes (16 MiB). Split the " + kind + " or narrow its patterns."));
        }

        var bytes = File.ReadAllBytes(path);
        return new GovernanceFileContent(path, Decode(bytes), ReceiptChain.Sha256Hex(bytes), null);
    }

    /// <summary>Decodes like the compiler does for additional files: BOM-aware (UTF-8, UTF-16, UTF-32), UTF-8
    /// otherwise, with invalid bytes as U+FFFD (the reader then reports them where they stand).</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string HashStreamed(string path)
    {
        try
        {
            using var sha = SHA256.Create();
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return ReceiptChain.ToHex(sha.ComputeHash(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A dangling link or a folder behind the link: the file is rejected anyway; the digest says why.
            return "unreadable";
        }
    }
}
