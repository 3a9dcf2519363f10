using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;

namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>
/// One LiveHost as a real process (<c>dotnet LiveCommerce.LiveHost.dll ...</c>) with its own HTTP, silo and
/// gateway ports on 127.0.0.1. <see cref="Kill"/> is a crash (SIGKILL), not a graceful stop.
/// </summary>
public sealed class LiveHostProcess : IAsyncDisposable
{
    private Process? _process;

    private LiveHostProcess(string name, IReadOnlyList<string> arguments, int httpPort, int siloPort)
    {
        Name = name;
        Arguments = arguments;
        HttpPort = httpPort;
        SiloPort = siloPort;
        BaseUrl = $"http://127.0.0.1:{httpPort}";
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }
    public IReadOnlyList<string> Arguments { get; }
    public int HttpPort { get; }
    public int SiloPort { get; }
    public string BaseUrl { get; }
    public HttpClient Http { get; }
    public ChildProcesses.OutputLog Log { get; } = new();
    public bool HasExited => _process?.HasExited ?? true;
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>The LiveHost build the tests start: baked in at build time, or LIVECOMMERCE_LIVEHOST_DLL.</summary>
    public static string DllPath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("LIVECOMMERCE_LIVEHOST_DLL");
            if (string.IsNullOrEmpty(path))
                path = typeof(LiveHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                    .FirstOrDefault(a => a.Key == "LiveHostDll")?.Value;
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
                throw new InvalidOperationException($"LiveHost build not found at '{path}': build the solution first (dotnet build), or set LIVECOMMERCE_LIVEHOST_DLL");
            return path;
        }
    }

    /// <summary>Starts a host; <paramref name="settings"/> become <c>--Key=value</c> arguments.</summary>
    public static LiveHostProcess Start(string name, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var httpPort = FreePorts.Next();
        var siloPort = FreePorts.Next();
        var dll = DllPath;
        var arguments = new List<string>
        {
            dll,
            "--contentRoot", Path.GetDirectoryName(dll)!,
            "--urls", $"http://127.0.0.1:{httpPort}",
            $"--Orleans:SiloPort={siloPort}",
            $"--Orleans:GatewayPort={FreePorts.Next()}",
        };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var host = new LiveHostProcess(name, arguments, httpPort, siloPort);
        host.StartProcess();
        return host;
    }

    private void StartProcess()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(DllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments) info.ArgumentList.Add(argument);
        // Two cores are shared by the test runner and up to three hosts: keep each host's GC small.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_TieredCompilation"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        ChildProcesses.Track(process);
        process.OutputDataReceived += (_, e) => Log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => Log.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (silo up, Redis reachable).</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var ready = await Eventually.ProbeAsync(async () =>
        {
            if (HasExited) throw new InvalidOperationException($"{Name} exited with {ExitCode} before it was ready:\n{Log.Tail(60)}");
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var response = await Http.GetAsync("/health/ready", cts.Token);
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, ok => ok, timeout ?? TimeSpan.FromSeconds(90));
        if (ready) return;
        throw new TimeoutException($"{Name} was not ready in time:\n{Log.Tail(60)}");
    }

    public async Task<ClusterView> ClusterAsync(string? roomId = null, string? saleId = null)
    {
        var query = new List<string>();
        if (roomId is not null) query.Add($"room={Uri.EscapeDataString(roomId)}");
        if (saleId is not null) query.Add($"sale={Uri.EscapeDataString(saleId)}");
        var path = "/health/cluster" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return (await Http.GetFromJsonAsync<ClusterView>(path, cts.Token))!;
    }

    /// <summary>Set from the SIGTERM on until the host is started again: clients should go elsewhere.</summary>
    public bool Stopping { get; private set; }

    /// <summary>
    /// A graceful stop, as an orchestrator does it: SIGTERM, then wait for the process to exit by itself.
    /// Returns the exit code.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        Stopping = true;
        if (_process is null || _process.HasExited) return _process?.ExitCode ?? 0;
        if (Signal(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"could not send SIGTERM to {Name} (pid {_process.Id})");
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Starts the host again with the same ports and settings (after it exited) and waits until it is ready.</summary>
    public async Task RestartAsync()
    {
        if (!HasExited) throw new InvalidOperationException($"{Name} is still running");
        StartProcess();
        await WaitReadyAsync();
        Stopping = false;
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    /// <summary>A crash: SIGKILL to the process, no graceful shutdown.</summary>
    public void Kill()
    {
        if (_process is not null) ChildProcesses.Kill(_process);
    }

    /// <summary>Waits for the process to end by itself (e.g. a start-up failure).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public override string ToString() => $"{Name} ({BaseUrl}, silo {SiloPort})";

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed record ClusterView(string ClusterId, SiloView Self, SiloView[] Silos, string? RoomId, SiloView[]? RoomActiveOn, string? SaleId, SiloView[]? SaleActiveOn)
{
    public int ActiveSilos => Silos.Count(s => s.Status == "Active");
}

public sealed record SiloView(string Address, int SiloPort, string Status);
