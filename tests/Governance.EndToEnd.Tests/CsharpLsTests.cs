using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// A real language server: csharp-ls 0.28.0 (a .NET tool; it loads the solution with MSBuildWorkspace and runs the
/// analyzers of the projects' packages when the client's settings say <c>csharp.analyzersEnabled: true</c>), driven
/// over stdio by <see cref="LspClient"/>. The repository is restored, never built: everything the server shows comes
/// from the live workspace.
/// </summary>
public sealed class CsharpLsTests(PackageFixture package, ITestOutputHelper output) : IClassFixture<PackageFixture>
{
    private const string Version = "0.28.0";
    private static readonly TimeSpan Load = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim s_installLock = new(1, 1);
    private const string PaymentClient = "src/Payments/PaymentClient.cs";
    private readonly HashSet<string> _opened = new(StringComparer.Ordinal);

    private const string Jitter = """
        namespace Contoso.Resilience.Text;

        public static class Jitter
        {
            public static TimeSpan Add(TimeSpan delay) => delay + TimeSpan.FromMilliseconds(Random.Shared.Next(100));
        }

        """;

    private const string Backoff = """
        namespace Contoso.Resilience;

        public static class Backoff
        {
            public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max)
            {
                var ticks = initial.Ticks * Math.Pow(2, Math.Max(0, attempt - 1));
                return Contoso.Resilience.Text.Jitter.Add(TimeSpan.FromTicks((long)Math.Min(ticks, max.Ticks)));
            }
        }

        """;

    [Fact]
    public async Task Pulled_diagnostics_show_the_agent_change_in_both_projects_and_an_unsaved_edit_live()
    {
        using var repo = AgentChange();
        using var server = await StartAsync(repo);

        // The helper the agent added to Payments (the overlay), and the one it added to Resilience and used from both.
        var client = await PullUntilAsync(server, repo, PaymentClient, items => items.Count(i => i.Code == "GOV101") >= 2);
        var clientText = File.ReadAllText(Path.Combine(repo.Root, PaymentClient));
        Assert.Equal(2, client.Count(i => i.Code == "GOV101"));
        Assert.Contains(client, i => i.Code == "GOV101" && i.At == Position(clientText, "StringUtil.Mask") && i.Message.Contains("'Contoso.Payments.Helpers.StringUtil'", StringComparison.Ordinal));
        // Across the project boundary: the use in Payments of a type Resilience declares, naming that project.
        Assert.Contains(client, i => i.Code == "GOV101" && i.At == Position(clientText, "Jitter.Add") && i.Message.Contains("(declared in src/Resilience/Resilience.csproj)", StringComparison.Ordinal));
        // And the use of the package no plan approves (Newtonsoft.Json, added by the overlay).
        Assert.Contains(client, i => i.Code == "GOV110" && i.At == Position(clientText, "JsonConvert."));

        var stringUtil = await PullAsync(server, repo, "src/Payments/Helpers/StringUtil.cs");
        Assert.Equal(new[] { ("GOV100", Position(File.ReadAllText(Path.Combine(repo.Root, "src/Payments/Helpers/StringUtil.cs")), "StringUtil\n")) }, stringUtil.Select(i => (i.Code, i.At)));
        // The package's code fixes are not offered here: csharp-ls instantiates code fix providers only from Roslyn's
        // own assemblies and matches them to compiler diagnostics, not to analyzer diagnostics (docs/editors.md).
        var (line, character) = stringUtil.Single().At;
        var actions = await server.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri(repo, "src/Payments/Helpers/StringUtil.cs") },
            ["range"] = Range(line, character, line, character + "StringUtil".Length),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["triggerKind"] = 1 },
        }, Load);
        var titles = actions.ValueKind == JsonValueKind.Array ? actions.EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList() : new List<string?>();
        output.WriteLine("code actions at the GOV100: " + string.Join(" | ", titles));
        Assert.DoesNotContain(titles, t => t is not null && (t.Contains("to plan", StringComparison.Ordinal) || t.Contains("new proposal", StringComparison.Ordinal)));

        var jitter = await PullAsync(server, repo, "src/Resilience/Text/Jitter.cs");
        Assert.Equal(new[] { ("GOV100", Position(Jitter, "Jitter\n")) }, jitter.Select(i => (i.Code, i.At)));
        var backoff = await PullAsync(server, repo, "src/Resilience/Backoff.cs");
        Assert.Contains(backoff, i => i.Code == "GOV101" && i.Message.Contains("'Contoso.Resilience.Text.Jitter'", StringComparison.Ordinal));

        // An unsaved edit: a new type in an open document. Nothing is written or built; the next pull shows GOV100.
        const string request = "src/Payments/PaymentRequest.cs";
        var text = File.ReadAllText(Path.Combine(repo.Root, request));
        Assert.Empty(await PullAsync(server, repo, request));
        var edited = text + "\npublic sealed class LedgerExport { }\n";
        var clock = Stopwatch.StartNew();
        server.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri(repo, request), ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = edited }),
        });
        var live = await PullUntilAsync(server, repo, request, items => items.Any(i => i.Code == "GOV100"));
        clock.Stop();
        output.WriteLine($"GOV100 after the unsaved edit: {clock.Elapsed.TotalMilliseconds:F0} ms from didChange to the pull that showed it");
        Assert.Equal(new[] { ("GOV100", Position(edited, "LedgerExport")) }, live.Select(i => (i.Code, i.At)));
        Assert.Contains("'Contoso.Payments.LedgerExport'", live.Single().Message, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(Path.Combine(repo.Root, request)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(repo.Root, "src/Payments"), "Payments.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_workspace_report_lists_the_governance_diagnostics_of_every_file()
    {
        using var repo = AgentChange();
        using var server = await StartAsync(repo);
        // Wait until the solution is loaded and analyzed: the first pull that shows the agent's change.
        await PullUntilAsync(server, repo, PaymentClient, items => items.Any(i => i.Code == "GOV101"));

        var report = await server.RequestAsync("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() }, Load);
        var byFile = new Dictionary<string, List<Item>>(StringComparer.Ordinal);
        foreach (var document in report.GetProperty("items").EnumerateArray())
        {
            var relative = Path.GetRelativePath(repo.Root, new Uri(document.GetProperty("uri").GetString()!).LocalPath).Replace('\\', '/');
            var items = Items(document).ToList();
            if (items.Count > 0)
            {
                byFile[relative] = items;
            }
        }

        // Every source file of both governed projects: the workspace report says what a pull of that file says.
        var sources = Directory.EnumerateFiles(Path.Combine(repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(repo.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(6, sources.Count);
        foreach (var source in sources)
        {
            var pulled = await PullAsync(server, repo, source);
            var listed = byFile.TryGetValue(source, out var l) ? l : new List<Item>();
            Assert.True(
                pulled.Select(i => i.ToString()).Order(StringComparer.Ordinal).SequenceEqual(listed.Select(i => i.ToString()).Order(StringComparer.Ordinal)),
                $"{source}: pulled [{string.Join("; ", pulled)}], workspace report [{string.Join("; ", listed)}]");
        }

        Assert.Equal(
            new[] { "src/Payments/Helpers/StringUtil.cs", "src/Payments/PaymentClient.cs", "src/Resilience/Backoff.cs", "src/Resilience/Text/Jitter.cs" },
            byFile.Keys.Where(k => k.StartsWith("src/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        // Diagnostics in additional files are listed too: the plan's unused module patterns (GOV005, info).
        Assert.Contains(byFile[".governance/plans/d-2471.json"], i => i.Code == "GOV005");
    }

    /// <summary>The sample with the outside-plan overlay, a helper module added to Resilience and used from both
    /// projects, restored (not built).</summary>
    private TempRepo AgentChange()
    {
        var repo = new TempRepo(package).WithSample("outside-plan");
        // The overlay's PaymentClient, also calling the helper the agent added to Resilience.
        var client = File.ReadAllText(Path.Combine(repo.Root, PaymentClient)).Replace("\r\n", "\n");
        client = client.Replace("using Newtonsoft.Json;\n", "using Contoso.Resilience.Text;\nusing Newtonsoft.Json;\n", StringComparison.Ordinal);
        client = client[..client.LastIndexOf('}')] + "\n    public TimeSpan Pause(int attempt) => Jitter.Add(TimeSpan.FromSeconds(attempt));\n}\n";
        repo.Write(PaymentClient, client);
        repo.Write("src/Resilience/Text/Jitter.cs", Jitter);
        repo.Write("src/Resilience/Backoff.cs", Backoff);
        var restore = repo.Dotnet("restore " + SampleRepo.Solution);
        Assert.True(restore.ExitCode == 0, restore.Output);
        return repo;
    }

    private async Task<LspClient> StartAsync(TempRepo repo)
    {
        var server = new LspClient(
            await InstallAsync(),
            repo.Root,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = repo.NuGetCache, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            section => section == "csharp" ? new JsonObject { ["analyzersEnabled"] = true } : null);
        try
        {
            var root = new Uri(repo.Root + Path.DirectorySeparatorChar).AbsoluteUri;
            await server.RequestAsync("initialize", new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = root,
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = "repo" }),
                ["capabilities"] = new JsonObject
                {
                    ["workspace"] = new JsonObject { ["configuration"] = true },
                    // Pull diagnostics, statically registered (no client/registerCapability round trip).
                    ["textDocument"] = new JsonObject { ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false } },
                },
            }, Load);
            server.Notify("initialized", new JsonObject());
            return server;
        }
        catch
        {
            output.WriteLine(server.Log);
            server.Dispose();
            throw;
        }
    }

    /// <summary>Installs csharp-ls into artifacts/e2e/tools once, from the configured NuGet sources.</summary>
    private static async Task<string> InstallAsync()
    {
        var tools = Path.Combine(PackageFixture.FindRepoRoot(), "artifacts", "e2e", "tools");
        var exe = Path.Combine(tools, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
        await s_installLock.WaitAsync();
        try
        {
            var installed = File.Exists(exe) ? PackageFixture.Run(tools, exe, "--version", null, TimeSpan.FromMinutes(1)).Output : string.Empty;
            if (!installed.Contains(Version, StringComparison.Ordinal))
            {
                if (File.Exists(exe))
                {
                    PackageFixture.Run(PackageFixture.FindRepoRoot(), "dotnet", $"tool uninstall csharp-ls --tool-path \"{tools}\"", null, TimeSpan.FromMinutes(2));
                }

                var install = PackageFixture.Run(PackageFixture.FindRepoRoot(), "dotnet", $"tool install csharp-ls --version {Version} --tool-path \"{tools}\"", null, TimeSpan.FromMinutes(5));
                Assert.True(install.ExitCode == 0, install.Output);
            }

            return exe;
        }
        finally
        {
            s_installLock.Release();
        }
    }

    private sealed record Item(string Code, (int Line, int Character) At, string Message)
    {
        public override string ToString() => $"{Code} {At.Line}:{At.Character} {Message}";
    }

    private static JsonObject Range(int startLine, int startCharacter, int endLine, int endCharacter) => new()
    {
        ["start"] = new JsonObject { ["line"] = startLine, ["character"] = startCharacter },
        ["end"] = new JsonObject { ["line"] = endLine, ["character"] = endCharacter },
    };

    private static string Uri(TempRepo repo, string relative) => new Uri(Path.Combine(repo.Root, relative)).AbsoluteUri;

    /// <summary>Zero-based line and character of the first occurrence of <paramref name="needle"/>, as LSP counts.</summary>
    private static (int, int) Position(string text, string needle)
    {
        var at = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(at >= 0, needle + " not found");
        var line = text[..at].Count(c => c == '\n');
        return (line, at - (text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1));
    }

    private static IEnumerable<Item> Items(JsonElement report) =>
        report.GetProperty("items").EnumerateArray()
            .Where(d => d.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString()!.StartsWith("GOV", StringComparison.Ordinal))
            .Select(d =>
            {
                var start = d.GetProperty("range").GetProperty("start");
                return new Item(d.GetProperty("code").GetString()!, (start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32()), d.GetProperty("message").GetString()!);
            });

    /// <summary>Opens the document once, with its text on disk, as an editor does when the user opens it.</summary>
    private void Open(LspClient server, TempRepo repo, string relative)
    {
        if (!_opened.Add(relative))
        {
            return;
        }

        server.Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject
            {
                ["uri"] = Uri(repo, relative),
                ["languageId"] = "csharp",
                ["version"] = 1,
                ["text"] = File.ReadAllText(Path.Combine(repo.Root, relative)),
            },
        });
    }

    private async Task<List<Item>> PullAsync(LspClient server, TempRepo repo, string relative)
    {
        Open(server, repo, relative);

        var report = await server.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri(repo, relative) } }, Load);
        return Items(report).ToList();
    }

    /// <summary>Pulls the document's diagnostics until <paramref name="done"/> holds (the server answers with what it
    /// has while the solution is still loading).</summary>
    private async Task<List<Item>> PullUntilAsync(LspClient server, TempRepo repo, string relative, Func<List<Item>, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var items = await PullAsync(server, repo, relative);
            if (done(items))
            {
                return items;
            }

            Assert.True(deadline.Elapsed < Load, $"{relative}: still [{string.Join("; ", items)}] after {Load}.\n{server.Log}");
            await Task.Delay(50);
        }
    }
}
