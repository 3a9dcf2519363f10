using System.Diagnostics;

namespace LiveCommerce.LoadTests.Bench;

/// <summary>
/// A process the bench starts (a server or a scenario run), optionally pinned to CPUs with taskset
/// (which execs, so the pid is the program's own). Killed with its tree when disposed.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringWriterQueue _output = new();

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;
    public bool Exited => _process.HasExited;
    public string Tail => _output.Tail();

    public static ChildProcess Start(string fileName, IEnumerable<string> args, string? cpus, string workDir, Action<string>? onLine = null)
    {
        var info = new ProcessStartInfo
        {
            FileName = cpus is null ? fileName : "taskset",
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (cpus is not null)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(cpus);
            info.ArgumentList.Add(fileName);
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } l) { child._output.Add(l); onLine?.Invoke(l); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) { child._output.Add(l); onLine?.Invoke(l); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public async Task<int> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Asks a scenario run to stop as Ctrl+C would (SIGINT), so it still writes its report.</summary>
    public void Interrupt()
    {
        if (_process.HasExited) return;
        try { Process.Start("kill", ["-INT", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit(2000); }
        catch (System.ComponentModel.Win32Exception) { }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }

    private sealed class StringWriterQueue
    {
        private readonly Queue<string> _lines = new();

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 40) _lines.Dequeue();
            }
        }

        public string Tail()
        {
            lock (_lines) return string.Join(Environment.NewLine, _lines);
        }
    }
}
