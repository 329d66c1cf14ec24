using System.Diagnostics;
using System.Text.Json;
using Governance.Cli;
using Xunit;

namespace Governance.EndToEnd.Tests;

/// <summary>Git, keys and `dotnet governance check` around a <see cref="TempRepo"/>: what CI does after the build.</summary>
internal static class CheckRepo
{
    public static void Git(TempRepo repo, string arguments)
    {
        var result = PackageFixture.Run(repo.Root, "git", "-c user.name=agent -c user.email=agent@example.com " + arguments, null, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, "git " + arguments + " failed:\n" + result.Output);
    }

    public static void InitRepository(TempRepo repo)
    {
        repo.Write(".gitignore", "bin/\nobj/\nartifacts/\nout/\n");
        Git(repo, "init -q -b main");
    }

    public static void Commit(TempRepo repo, string message)
    {
        Git(repo, "add -A");
        Git(repo, "commit -q --allow-empty -m \"" + message + "\"");
    }

    /// <summary>Runs the check in-process, as the CI step runs the pinned tool; returns its exit code and JSON.</summary>
    public static (int ExitCode, JsonElement Result, string Error) Check(TempRepo repo, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = GovernanceCli.Run(["check", "--base", "main", "--repo", repo.Root, "--json", .. extra], output, error);
        var text = output.ToString();
        Assert.True(text.TrimStart().StartsWith('{'), "check printed no JSON (exit " + code + "):\n" + text + error);
        return (code, JsonDocument.Parse(text).RootElement.Clone(), error.ToString());
    }

    public static JsonElement Project(JsonElement result, string project) =>
        result.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("project").GetString() == project);

    public static IEnumerable<JsonElement> Findings(JsonElement project) => project.GetProperty("findings").EnumerateArray();

    public static string Describe(JsonElement project) =>
        project.GetProperty("verdict").GetString() + ": " + string.Join(" | ", Findings(project).Select(f => f.GetProperty("id").GetString() + " " + f.GetProperty("subject")));

    public static string Key(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        using var process = Process.Start(new ProcessStartInfo("ssh-keygen", $"-q -t ecdsa -b 256 -N \"\" -C {name} -f \"{path}\"") { UseShellExecute = false, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "ssh-keygen (openssh-client) is required: " + process.StandardError.ReadToEnd());
        return path;
    }

    public static string PublicKey(string privateKey)
    {
        var parts = File.ReadAllText(privateKey + ".pub").Trim().Split(' ');
        return parts[0] + " " + parts[1];
    }

    public static string Project(string name, string extraProperties = "", string extraItems = "", string projectAttributes = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk"{projectAttributes}>
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
        {extraProperties}
          </PropertyGroup>
          <ItemGroup>
        {extraItems}
          </ItemGroup>
        </Project>
        """;
}
