using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>Follows one process's CPU and RSS over a run (what the generator and the server cost).</summary>
public sealed class ResourceTracker
{
    private readonly ProcessProbe _probe;
    private readonly double _cpuStart;
    private readonly long _rssStart;
    private long _rssPeak;
    private double _lastCpu;
    private double _lastT;

    public ResourceTracker(ProcessProbe probe)
    {
        _probe = probe;
        _cpuStart = _lastCpu = probe.CpuSeconds();
        _rssStart = _rssPeak = probe.RssBytes();
    }

    public void Sample(TimeSeries series, string who, double t)
    {
        var cpu = _probe.CpuSeconds();
        var rss = _probe.RssBytes();
        _rssPeak = Math.Max(_rssPeak, rss);
        if (t > _lastT) series.Add($"{who} cpu %", t, 100 * (cpu - _lastCpu) / (t - _lastT));
        series.Add($"{who} rss MB", t, rss / 1048576.0);
        _lastCpu = cpu;
        _lastT = t;
    }

    public ResourceUse Finish(double seconds)
    {
        var cpu = _probe.CpuSeconds() - _cpuStart;
        var rss = _probe.RssBytes();
        _rssPeak = Math.Max(_rssPeak, rss);
        return new ResourceUse(Math.Round(cpu, 2), Math.Round(100 * cpu / Math.Max(seconds, 0.001), 1),
            Mb(_rssStart), Mb(_rssPeak), Mb(rss));
    }

    private static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);
}
