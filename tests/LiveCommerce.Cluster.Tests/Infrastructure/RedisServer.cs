using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>
/// A real redis-server on a free loopback port, in its own temp directory. Missing redis-server is a
/// test failure with instructions, never a silent skip.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly bool _appendOnly;
    private Process? _process;

    private RedisServer(string executable, int port, string directory, bool appendOnly)
    {
        Executable = executable;
        Port = port;
        Directory = directory;
        _appendOnly = appendOnly;
    }

    public string Executable { get; }
    public int Port { get; }
    public string Directory { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";
    public ChildProcesses.OutputLog Log { get; } = new(200);

    /// <param name="appendOnly">Persist every write (appendfsync always), so that a restart keeps the data.</param>
    public static async Task<RedisServer> StartAsync(bool appendOnly = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "livecommerce-cluster-tests", Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new RedisServer(FindExecutable(), FreePorts.Next(), directory, appendOnly);
        await server.StartProcessAsync();
        return server;
    }

    public static string FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("LIVECOMMERCE_REDIS_SERVER");
        if (!string.IsNullOrEmpty(configured)) return configured;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"]);
        foreach (var dir in path.Where(d => d.Length > 0))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            "redis-server was not found on PATH: the cluster tests run a real Redis. Install it " +
            "(Debian/Ubuntu: apt-get install -y redis-server; .ci/run does this) or point LIVECOMMERCE_REDIS_SERVER at the binary.");
    }

    private async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", Directory, "--save", "",
                     "--appendonly", _appendOnly ? "yes" : "no", "--appendfsync", "always",
                     "--daemonize", "no", "--logfile", "", "--databases", "1",
                 })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        ChildProcesses.Track(process);
        process.OutputDataReceived += (_, e) => Log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => Log.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var answered = await Eventually.ProbeAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"redis-server exited with {process.ExitCode}:\n{Log.Tail(30)}");
            return await PingAsync();
        }, ok => ok, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50));
        if (answered) return;
        throw new TimeoutException($"redis-server on port {Port} did not answer PING within 15 s:\n{Log.Tail(30)}");
    }

    /// <summary>PING over a raw socket (the tests need no Redis client library).</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs one command over a raw socket and returns the raw RESP answer (diagnostics).</summary>
    public async Task<string> CommandAsync(params string[] args)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
        var stream = client.GetStream();
        var request = new StringBuilder($"*{args.Length}\r\n");
        foreach (var arg in args) request.Append($"${Encoding.UTF8.GetByteCount(arg)}\r\n{arg}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Kills redis-server (SIGKILL, no goodbye), leaves it down for a while, and starts it again on the same port and data.</summary>
    public async Task RestartAsync(TimeSpan down)
    {
        Kill();
        await Pace.Outage(down);
        await StartProcessAsync();
    }

    /// <summary>Starts redis-server again after <see cref="Kill"/>, on the same port and data.</summary>
    public Task StartAgainAsync() => StartProcessAsync();

    public void Kill()
    {
        if (_process is not null) ChildProcesses.Kill(_process);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
