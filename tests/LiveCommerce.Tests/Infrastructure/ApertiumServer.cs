using System.Diagnostics;
using System.Text.Json;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>
/// A real Apertium APY server (<c>apertium-apy</c> with the installed pairs, e.g. apertium-eng-spa) on a
/// free loopback port. Missing APY is a test failure with instructions, never a silent skip.
/// </summary>
public sealed class ApertiumServer : IAsyncDisposable
{
    private const string ModesDirectory = "/usr/share/apertium/modes";
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ApertiumServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";

    public static async Task<ApertiumServer> StartAsync()
    {
        if (!File.Exists("/usr/bin/apertium-apy") || !File.Exists(Path.Combine(ModesDirectory, "eng-spa.mode")))
            throw new InvalidOperationException(
                "apertium-apy with the English-Spanish pair is needed by the translation tests: " +
                "apt-get install -y apertium-apy apertium-eng-spa (scripts/test.sh does this).");
        var port = FreePort.Next();
        var info = new ProcessStartInfo("/usr/bin/apertium-apy")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[] { "-p", port.ToString(), ModesDirectory }) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("apertium-apy did not start");
        var server = new ApertiumServer(process, port);
        process.OutputDataReceived += (_, e) => server.Log(e.Data);
        process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitForPairsAsync();
        return server;
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    private async Task WaitForPairsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // Until it lists its pairs, or exits; a refused connection only means not up yet.
        var listed = await Eventually.ProbeAsync(async () =>
        {
            if (_process.HasExited) return false;
            try
            {
                using var body = JsonDocument.Parse(await http.GetStringAsync($"{Url}/listPairs"));
                return body.RootElement.GetProperty("responseData").GetArrayLength() > 0;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                return false;
            }
        }, up => up || _process.HasExited, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        if (listed) return;
        string log;
        lock (_output) log = string.Join('\n', _output.TakeLast(30));
        await DisposeAsync();
        throw new TimeoutException($"apertium-apy on port {Port} did not list its pairs within 30 s:\n{log}");
    }

    /// <summary>Stops APY and the translation pipelines it started.</summary>
    public void Stop()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
