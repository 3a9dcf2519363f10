using System.Globalization;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>Reads a local process's resident memory and CPU time from /proc (Linux); zeros elsewhere.</summary>
public sealed class ProcessProbe(int pid) : IResourceProbe
{
    public string Source => $"/proc/{Pid}";

    public Task<ResourceReading> ReadAsync() => Task.FromResult(new ResourceReading(CpuSeconds(), RssBytes()));

    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux.

    public int Pid { get; } = pid;

    public long RssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    /// <summary>User + system CPU seconds used so far.</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ", field 3 (state) is index 0: utime is field 14 → index 11, stime → 12.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    public bool Alive => File.Exists($"/proc/{Pid}/stat");
}
