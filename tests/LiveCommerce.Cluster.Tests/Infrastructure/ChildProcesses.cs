using System.Collections.Concurrent;
using System.Diagnostics;

namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>
/// Every process a test starts is registered here and killed when the test disposes it, or at the latest
/// when the test runner exits (even after a failed or aborted test).
/// </summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    public static void Track(Process process) => Running[process.Id] = process;

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        Running.TryRemove(process.Id, out _);
    }

    private static void KillAll()
    {
        foreach (var process in Running.Values) Kill(process);
    }

    /// <summary>A bounded record of a process's output, for failure messages.</summary>
    public sealed class OutputLog
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly int _capacity;

        public OutputLog(int capacity = 400) => _capacity = capacity;

        public void Add(string? line)
        {
            if (line is null) return;
            _lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
            while (_lines.Count > _capacity) _lines.TryDequeue(out _);
        }

        public string[] Lines => [.. _lines];

        public string Tail(int count) => string.Join(Environment.NewLine, Lines.TakeLast(count));

        public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
    }
}
