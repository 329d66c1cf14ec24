using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Cli.Check;

/// <summary>
/// Whether a compiled assembly was built from the head commit's sources: the portable PDB records a checksum of every
/// source file the compiler read; each one that is a file of the head commit must match that commit's bytes. Outputs of
/// another commit (stale outputs of an earlier build, or outputs the build swapped in) are then a check that did not
/// run on this commit, never a pass.
/// </summary>
internal static class SourceFreshness
{
    private static readonly Guid s_sha256 = new("8829d00f-11b8-4213-878b-770e8597ac16");
    private static readonly Guid s_sha1 = new("ff1816ec-aa5e-4d10-87f7-6f4963833460");

    /// <returns>null when every source file of the head commit the PDB names matches; else why not.</returns>
    public static string? Verify(string assemblyPath, string repositoryRoot, IReadOnlyDictionary<string, string> headBlobs, ISet<string> compiled, out int verified)
    {
        verified = 0;
        using var assemblyStream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(assemblyStream);
        MetadataReaderProvider? provider = null;
        try
        {
            var entries = pe.ReadDebugDirectory();
            var embedded = entries.FirstOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            var codeView = entries.FirstOrDefault(e => e.Type == DebugDirectoryEntryType.CodeView);
            if (embedded.DataSize > 0)
            {
                provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
            }
            else
            {
                var pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
                if (!File.Exists(pdbPath) || codeView.DataSize == 0)
                {
                    return "it has no portable PDB beside it (" + Path.GetFileName(pdbPath) + "), so the check cannot tell which sources it was compiled from; build with the default DebugType (portable or embedded)";
                }

                provider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath));
                var id = new BlobContentId(provider.GetMetadataReader().DebugMetadataHeader!.Id);
                var expected = pe.ReadCodeViewDebugDirectoryData(codeView);
                if (id.Guid != expected.Guid)
                {
                    return "its PDB " + Path.GetFileName(pdbPath) + " belongs to another compilation";
                }
            }

            var pdb = provider.GetMetadataReader();
            var root = repositoryRoot.Replace('\\', '/').TrimEnd('/') + "/";
            foreach (var handle in pdb.Documents)
            {
                var document = pdb.GetDocument(handle);
                var name = pdb.GetString(document.Name).Replace('\\', '/');
                // Deterministic CI builds map the source root to "/_/" (PathMap, ContinuousIntegrationBuild).
                var path = name.StartsWith("/_/", StringComparison.Ordinal) ? root + name[3..] : name;
                if (!path.StartsWith(root, StringComparison.Ordinal) || !headBlobs.TryGetValue(path[root.Length..], out var blob))
                {
                    continue; // generated during the build (obj/), or outside the repository
                }

                var relative = path[root.Length..];
                compiled.Add(relative);
                var local = Path.Combine(repositoryRoot, relative);
                if (!File.Exists(local))
                {
                    return relative + " was compiled but is missing from the working tree";
                }

                var bytes = File.ReadAllBytes(local);
                if (!string.Equals(GitBlobId(bytes), blob, StringComparison.Ordinal))
                {
                    return relative + " in the working tree differs from the head commit; the check judges committed sources only";
                }

                var algorithm = pdb.GetGuid(document.HashAlgorithm);
                var hash = pdb.GetBlobBytes(document.Hash);
                var actual = algorithm == s_sha256 ? SHA256.HashData(bytes) : algorithm == s_sha1 ? SHA1.HashData(bytes) : null;
                if (actual is null || !actual.AsSpan().SequenceEqual(hash))
                {
                    return "it was compiled from another version of " + relative + " than the head commit's (stale output of an earlier build, or output of another commit)";
                }

                verified++;
            }

            return null;
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or IOException)
        {
            return "its debug information cannot be read: " + ex.Message;
        }
        finally
        {
            provider?.Dispose();
        }
    }

    private static string GitBlobId(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes("blob " + content.Length + "\0");
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(header);
        sha1.AppendData(content);
        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }
}
