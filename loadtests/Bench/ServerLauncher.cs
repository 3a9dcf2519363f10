using System.Globalization;
using System.Net.Sockets;

namespace LiveCommerce.LoadTests.Bench;

/// <summary>Starts a bench target as its own process on free local ports and waits until it answers.</summary>
public static class ServerLauncher
{
    public static async Task<(ChildProcess Process, Uri Url)> StartAsync(BenchTarget target, string root, string? cpus, CancellationToken ct)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        ChildProcess process;
        if (target.IsLiveHost)
        {
            var dll = RepoPaths.LiveHostDll(root);
            process = ChildProcess.Start("dotnet",
                [dll, "--urls", url.ToString().TrimEnd('/'),
                 $"--Orleans:SiloPort={FreePort()}", $"--Orleans:GatewayPort={FreePort()}",
                 "--Auth:DevTokens=true", "--Logging:LogLevel:Default=Warning"],
                cpus, Path.GetDirectoryName(dll)!);
        }
        else
        {
            process = ChildProcess.Start("dotnet",
                [RepoPaths.SelfDll(), "baseline-hub", "--urls", url.ToString().TrimEnd('/'), "--frame-ms", target.FrameMs.ToString(CultureInfo.InvariantCulture)],
                cpus, AppContext.BaseDirectory);
        }
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (process.Exited) throw new InvalidOperationException($"{target.Label} exited at start:\n{process.Tail}");
            try
            {
                using var r = await http.GetAsync("/health/ready", ct);
                if (r.IsSuccessStatusCode) return (process, url);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        process.Dispose();
        throw new TimeoutException($"{target.Label} did not become ready in 90 s:\n{process.Tail}");
    }

    public static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
