using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>Follows the CPU and memory of the generator or the server over a run.</summary>
public sealed class ResourceTracker
{
    private readonly IResourceProbe _probe;
    private readonly double _cpuStart;
    private readonly long _rssStart;
    private long _rssPeak;
    private double _lastCpu;
    private double _lastT;

    private ResourceTracker(IResourceProbe probe, ResourceReading start)
    {
        _probe = probe;
        _cpuStart = _lastCpu = start.CpuSeconds;
        _rssStart = _rssPeak = start.RssBytes;
    }

    public static async Task<ResourceTracker> StartAsync(IResourceProbe probe) => new(probe, await probe.ReadAsync());

    /// <summary>
    /// The server's probe: its own <c>/metrics</c> when every host serves them (any machine, any number of
    /// hosts), else /proc of <see cref="ScenarioSettings.ServerPid"/> on this machine, else none.
    /// </summary>
    public static async Task<IResourceProbe?> ServerProbeAsync(ScenarioSettings settings) =>
        (IResourceProbe?)await ServerMetricsProbe.TryCreateAsync(settings.Urls)
        ?? (settings.ServerPid is { } pid ? new ProcessProbe(pid) : null);

    public async Task SampleAsync(TimeSeries series, string who, double t)
    {
        ResourceReading now;
        try
        {
            now = await _probe.ReadAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException)
        {
            return; // a missed sample (server busy or restarting) leaves a gap in the chart, not a failed run
        }
        _rssPeak = Math.Max(_rssPeak, now.RssBytes);
        if (t > _lastT) series.Add($"{who} cpu %", t, 100 * (now.CpuSeconds - _lastCpu) / (t - _lastT));
        series.Add($"{who} rss MB", t, now.RssBytes / 1048576.0);
        if (_probe is ServerMetricsProbe server) series.Add($"{who} connections", t, server.ServerConnections);
        _lastCpu = now.CpuSeconds;
        _lastT = t;
    }

    public async Task<ResourceUse> FinishAsync(double seconds)
    {
        var end = await _probe.ReadAsync();
        var cpu = end.CpuSeconds - _cpuStart;
        _rssPeak = Math.Max(_rssPeak, end.RssBytes);
        return new ResourceUse(Math.Round(cpu, 2), Math.Round(100 * cpu / Math.Max(seconds, 0.001), 1),
            Mb(_rssStart), Mb(_rssPeak), Mb(end.RssBytes));
    }

    private static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);
}
