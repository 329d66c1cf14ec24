using System.Text.Json;
using Governance.Core.Files;
using Governance.Core.Receipts;

namespace Governance.EndToEnd.Tests;

/// <summary>A temporary repository set up only as the README tells a user to: the package once in
/// Directory.Build.props, a .governance/ folder with its root marker and plans folder (what init creates), the
/// baseline command.</summary>
public sealed class TempRepo : IDisposable
{
    private readonly PackageFixture _package;

    /// <param name="subfolder">A folder below the temporary one to use as the repository (spaces, non-ASCII).</param>
    /// <param name="governed">False: no .governance/ folder at all.</param>
    public TempRepo(PackageFixture package, string? subfolder = null, bool governed = true)
    {
        _package = package;
        _temp = Directory.CreateTempSubdirectory("gov-e2e-").FullName;
        Root = subfolder is null ? _temp : Directory.CreateDirectory(Path.Combine(_temp, subfolder)).FullName;
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="governance-local" value="{_package.PackageFolder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        Write("Directory.Build.props", """
            <Project>
              <ItemGroup>
                <PackageReference Include="Governance.Analyzers" Version="1.0.0" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        if (governed)
        {
            Directory.CreateDirectory(Path.Combine(Root, ".governance", "plans"));
            Write(GovernancePaths.RootMarker, "Marks the governance root.\n");
        }
    }

    private readonly string _temp;

    public string Root { get; }

    public string NuGetCache => _package.NuGetCache;

    public string LedgerPath => Path.Combine(Root, ".governance", "ledger", "receipts.ndjson");

    public TempRepo Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("\r\n", "\n"));
        return this;
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Root, relativePath));

    /// <summary>Two projects, App referencing Lib.</summary>
    public TempRepo WithAppAndLib()
    {
        Write("src/Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        Write("src/Lib/Clock.cs", "namespace Contoso.Lib;\n\npublic sealed class Clock\n{\n    public System.DateTime Now => System.DateTime.UtcNow;\n}\n");
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        Write("src/App/Service.cs", "namespace Contoso.App;\n\npublic sealed class Service\n{\n    private readonly Contoso.Lib.Clock _clock = new();\n}\n");
        var sln = Path.Combine(Root, "Repo.sln");
        Dotnet("new sln -n Repo --format sln");
        Dotnet("sln Repo.sln add src/App/App.csproj src/Lib/Lib.csproj");
        return this;
    }

    public PackageFixture.ProcessResult Build(string arguments = "") => Dotnet("build Repo.sln -nologo " + arguments);

    public PackageFixture.ProcessResult Dotnet(string arguments) =>
        PackageFixture.Run(Root, "dotnet", arguments, new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.NuGetCache }, TimeSpan.FromMinutes(5));

    public IReadOnlyList<JsonElement> Receipts()
    {
        if (!File.Exists(LedgerPath))
        {
            return Array.Empty<JsonElement>();
        }

        return File.ReadAllLines(LedgerPath).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    /// <summary>Receipts appended since <paramref name="count"/> lines, keyed by project path.</summary>
    public Dictionary<string, JsonElement> ReceiptsSince(int count) =>
        Receipts().Skip(count).ToDictionary(r => r.GetProperty("project").GetString()!, r => r);

    public LedgerVerification VerifyLedger() => LedgerVerifier.VerifyFile(LedgerPath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_temp, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
