using Governance.Cli.Check;
using Xunit;

namespace Governance.Cli.Tests;

/// <summary>What the check reads from a restore's project.assets.json (shaped as NuGet writes it).</summary>
public class RestoreAssetsTests : CliTestBase
{
    private const string Assets = """
        {
          "version": 3,
          "targets": {
            "net10.0": {
              "Newtonsoft.Json/13.0.3": { "type": "package", "compile": { "lib/net6.0/Newtonsoft.Json.dll": {} }, "runtime": { "lib/net6.0/Newtonsoft.Json.dll": {} } },
              "Microsoft.NET.ILLink.Tasks/10.0.12": { "type": "package", "build": { "build/_._": {} } },
              "Lib/1.0.0": { "type": "project", "framework": ".NETCoreApp,Version=v10.0" }
            },
            "net10.0/linux-x64": {
              "Newtonsoft.Json/13.0.3": { "type": "package", "runtime": { "lib/net6.0/Newtonsoft.Json.dll": {} } }
            }
          },
          "libraries": {
            "Newtonsoft.Json/13.0.3": { "type": "package", "path": "newtonsoft.json/13.0.3", "files": ["lib/net6.0/Newtonsoft.Json.dll", "newtonsoft.json.nuspec"] },
            "Microsoft.NET.ILLink.Tasks/10.0.12": { "type": "package", "path": "microsoft.net.illink.tasks/10.0.12", "files": [] },
            "Lib/1.0.0": { "type": "project", "path": "../Lib/Lib.csproj", "msbuildProject": "../Lib/Lib.csproj" }
          },
          "packageFolders": { "/home/u/.nuget/packages/": {} },
          "project": {
            "restore": { "frameworks": { "net10.0": { "targetAlias": "net10.0", "projectReferences": { "/repo/src/Lib/Lib.csproj": { "projectPath": "/repo/src/Lib/Lib.csproj" } } } } },
            "frameworks": {
              "net10.0": {
                "targetAlias": "net10.0",
                "dependencies": {
                  "Newtonsoft.Json": { "target": "Package", "version": "[13.0.3, )" },
                  "Microsoft.NET.ILLink.Tasks": { "target": "Package", "version": "[10.0.12, )", "autoReferenced": true }
                },
                "downloadDependencies": [ { "name": "Microsoft.NETCore.App.Runtime.linux-x64", "version": "[10.0.12, 10.0.12]" } ],
                "frameworkReferences": { "Microsoft.NETCore.App": { "privateAssets": "all" }, "Microsoft.AspNetCore.App": {} }
              }
            }
          }
        }
        """;

    [Fact]
    public void Reads_direct_implicit_and_resolved_packages_references_and_downloaded_packs()
    {
        var path = Path.Combine(Dir, "src", "App", "obj", "project.assets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Assets);

        var assets = RestoreAssets.Read(path);
        var target = Assert.Single(assets.Targets);
        Assert.Equal("net10.0", target.Alias);
        Assert.Equal(new[] { "Microsoft.NET.ILLink.Tasks", "Newtonsoft.Json" }, target.DirectPackages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "Microsoft.NET.ILLink.Tasks" }, target.AutoReferenced);
        Assert.Equal("13.0.3", target.Packages["Newtonsoft.Json"]);
        Assert.Equal(new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" }, target.FrameworkReferences);
        Assert.Equal(new[] { "/repo/src/Lib/Lib.csproj" }, target.ProjectReferences);
        Assert.Equal(new[] { Path.GetFullPath(Path.Combine(Dir, "src", "Lib", "Lib.csproj")) }, target.ProjectDependencies);
        // The framework's own target (not the RID-specific one) is read, and placeholder assets are not files.
        Assert.Equal(new[] { "lib/net6.0/Newtonsoft.Json.dll", "lib/net6.0/Newtonsoft.Json.dll" }, target.PackageAssets["Newtonsoft.Json"]);
        Assert.Empty(target.PackageAssets["Microsoft.NET.ILLink.Tasks"]);
        Assert.Equal(("Microsoft.NETCore.App.Runtime.linux-x64", "10.0.12"), Assert.Single(assets.DownloadedPacks));
        Assert.Equal("newtonsoft.json/13.0.3", assets.PackagePaths["Newtonsoft.Json"]);
    }

    [Fact]
    public void A_file_that_is_not_an_assets_file_is_an_error_naming_it()
    {
        var path = Path.Combine(Dir, "project.assets.json");
        File.WriteAllText(path, "{ \"project\": {} ");
        var error = Assert.Throws<InvalidDataException>(() => RestoreAssets.Read(path));
        Assert.Contains(path, error.Message);
    }
}

/// <summary>The trusted `packages` step and the output scan: data the build wrote is never code.</summary>
public class TrustedPackagesTests : CliTestBase
{
    [Fact]
    public void A_package_id_that_MSBuild_would_evaluate_is_refused_before_any_restore()
    {
        var assets = Path.Combine(Dir, "src", "App", "obj", "project.assets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(assets)!);
        File.WriteAllText(assets, """
            { "version": 3, "targets": { "net10.0": {} }, "packageFolders": {},
              "libraries": { "Leak$(SECRET)/1.0.0": { "type": "package", "path": "leak/1.0.0", "files": [] } },
              "project": { "frameworks": { "net10.0": { "targetAlias": "net10.0" } } } }
            """);
        var (code, _, error) = Cli("packages", "--repo", Dir, "--output", Path.Combine(Dir, "out"));
        Assert.Equal(3, code);
        Assert.Contains("not a NuGet package id and version", error);
        Assert.False(Directory.Exists(Path.Combine(Dir, "out")));
    }

    [Fact]
    public void A_zip_that_holds_code_is_a_binary_whatever_its_name()
    {
        var withCode = Path.Combine(Dir, "payload.dat");
        using (var zip = System.IO.Compression.ZipFile.Open(withCode, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var entry = zip.CreateEntry("inner/blob").Open();
            entry.Write("MZ\u0090\0"u8);
        }

        var data = Path.Combine(Dir, "data.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(data, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var entry = zip.CreateEntry("readme.txt").Open();
            entry.Write("just text"u8);
        }

        Assert.True(Governance.Cli.Check.ProjectOutputs.IsBinary(withCode));
        Assert.False(Governance.Cli.Check.ProjectOutputs.IsBinary(data));
    }
}
