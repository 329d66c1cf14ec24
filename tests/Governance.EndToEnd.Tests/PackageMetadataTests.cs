using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>The packed package carries what a public package needs: a license (expression and file), where the
/// project lives and where release notes are.</summary>
public sealed class PackageMetadataTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void The_package_names_its_license_project_and_release_notes_and_ships_the_license_file()
    {
        using var nupkg = ZipFile.OpenRead(Path.Combine(package.PackageFolder, "Governance.Analyzers.1.0.0.nupkg"));
        var nuspecEntry = nupkg.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal("expression", license.Attribute("type")!.Value);
        Assert.Equal("MIT", license.Value);
        Assert.StartsWith("https://github.com/", Value("projectUrl"));
        Assert.StartsWith("https://github.com/", Value("releaseNotes"));
        var licenseFile = nupkg.GetEntry("LICENSE");
        Assert.NotNull(licenseFile);
        using var reader = new StreamReader(licenseFile!.Open());
        Assert.StartsWith("MIT License", reader.ReadToEnd());
    }
}
