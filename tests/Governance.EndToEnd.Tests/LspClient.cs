using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// A small Language Server Protocol client over stdio: Content-Length framing, JSON-RPC 2.0 with System.Text.Json.
/// It answers the server's own requests as an editor would: <c>workspace/configuration</c> with the given settings
/// for each section asked, every other request (capability registration, progress tokens, refreshes) with null.
/// </summary>
public sealed class LspClient : IDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Func<string, JsonNode?> _configuration;
    private readonly StringBuilder _log = new();
    private readonly object _writeLock = new();
    private readonly Thread _reader;
    private int _nextId;

    /// <param name="configuration">The settings of a configuration section, by section name.</param>
    public LspClient(string fileName, string workingDirectory, IDictionary<string, string> environment, Func<string, JsonNode?> configuration)
    {
        _configuration = configuration;
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // MSBuildLocator, used by other tests in this process, points these at one SDK; the server finds its own.
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        info.Environment.Remove("MSBuildSDKsPath");
        foreach (var pair in environment)
        {
            info.Environment[pair.Key] = pair.Value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_log) { _log.AppendLine(e.Data); } } };
        _process.BeginErrorReadLine();
        _input = _process.StandardInput.BaseStream;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "lsp-reader" };
        _reader.Start();
    }

    /// <summary>The server's stderr and log messages, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task<JsonElement> RequestAsync(string method, object? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = ToNode(parameters) });
        var finished = await Task.WhenAny(completion.Task, Task.Delay(timeout));
        if (finished != completion.Task)
        {
            _pending.TryRemove(id, out _);
            throw new TimeoutException($"{method} got no answer in {timeout}.\n{Log}");
        }

        var response = await completion.Task;
        if (response.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}\n{Log}");
        }

        return response.GetProperty("result");
    }

    public void Notify(string method, object? parameters) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = ToNode(parameters) });

    private static JsonNode? ToNode(object? value) => value as JsonNode ?? (value is null ? null : JsonSerializer.SerializeToNode(value));

    private void Send(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_writeLock)
        {
            _input.Write(header);
            _input.Write(body);
            _input.Flush();
        }
    }

    private void ReadLoop()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                var length = -1;
                string? line;
                while ((line = ReadHeaderLine(output)) is not null && line.Length > 0)
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                if (line is null || length < 0)
                {
                    return;
                }

                var body = new byte[length];
                output.ReadExactly(body);
                Dispatch(JsonDocument.Parse(body).RootElement.Clone());
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or EndOfStreamException)
        {
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("the server closed its output.\n" + Log));
            }
        }
    }

    private void Dispatch(JsonElement message)
    {
        var hasId = message.TryGetProperty("id", out var id);
        if (message.TryGetProperty("method", out var method))
        {
            var name = method.GetString();
            if (name is "window/logMessage" or "window/showMessage")
            {
                lock (_log)
                {
                    _log.AppendLine("[" + name + "] " + message.GetProperty("params").GetProperty("message").GetString());
                }
            }

            if (hasId)
            {
                JsonNode? result = null;
                if (name == "workspace/configuration")
                {
                    var items = new JsonArray();
                    foreach (var item in message.GetProperty("params").GetProperty("items").EnumerateArray())
                    {
                        items.Add(item.TryGetProperty("section", out var section) ? _configuration(section.GetString() ?? string.Empty) : null);
                    }

                    result = items;
                }

                Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = result });
            }

            return;
        }

        if (hasId && id.ValueKind == JsonValueKind.Number && _pending.TryRemove(id.GetInt32(), out var completion))
        {
            completion.TrySetResult(message);
        }
    }

    private static string? ReadHeaderLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add((byte)b);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                RequestAsync("shutdown", null, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
                Notify("exit", null);
                _process.WaitForExit(10_000);
            }
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException)
        {
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
