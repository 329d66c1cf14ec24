using System;
using System.IO;
using System.Text;
using System.Threading;

namespace Governance.Core.Files;

/// <summary>
/// Replaces a file so that a reader (or a crash) sees either the old content or the new, never half of each: the
/// text goes to a temporary file in the same folder, is flushed to disk, and is then renamed over the target (an
/// atomic rename on the same volume). UTF-8 without BOM. Used for baselines and the task's intermediate files.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var bytes = new UTF8Encoding(false).GetBytes(content);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if (File.Exists(full))
                    {
                        File.Replace(temp, full, null);
                    }
                    else
                    {
                        File.Move(temp, full);
                    }

                    return;
                }
                catch (IOException) when (attempt < 20)
                {
                    // Windows: a reader may hold the target open for a moment.
                    Thread.Sleep(10 * (attempt + 1));
                }
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> (creating the folder) only when the file does not already hold exactly it, so
    /// an unchanged file keeps its timestamp: for files that are inputs of the compiler's up-to-date check, where a
    /// rewrite with the same text would recompile every project that reads it.
    /// </summary>
    public static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        WriteAllText(path, content);
    }
}
