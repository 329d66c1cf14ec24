namespace Governance.EndToEnd.Tests;

/// <summary>The bundled sample (samples/Contoso.Payments, committed plan and baseline included) copied into a
/// <see cref="TempRepo"/>, whose nuget.config points at the freshly packed package, with an agent's overlay on top.</summary>
public static class SampleRepo
{
    public const string Solution = "Contoso.Payments.sln";

    public static TempRepo WithSample(this TempRepo repo, string? overlay = null)
    {
        var sample = Path.Combine(PackageFixture.FindRepoRoot(), "samples", "Contoso.Payments");
        Copy(sample, repo.Root, top: true);
        if (overlay is not null)
        {
            Copy(Path.Combine(sample, "overlays", overlay), repo.Root, top: false);
        }

        return repo;
    }

    private static void Copy(string from, string to, bool top)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file).Replace('\\', '/');
            // The sample's nuget.config points at artifacts/packages; the TempRepo's points at the package under test.
            if (top && (relative == "nuget.config" || relative.StartsWith("overlays/", StringComparison.Ordinal)))
            {
                continue;
            }

            if (relative.Split('/').Any(part => part is "bin" or "obj" or "artifacts"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
