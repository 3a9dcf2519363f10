using System.Collections.Concurrent;
using HdrHistogram;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>
/// One named step of a scenario (NBomber's "step"): successes with their latency, failures by error
/// code. Latencies are microseconds in an HDR histogram; a second histogram is swapped out every
/// sampling interval for the over-time chart (a write racing the swap may land in the older interval,
/// the run totals stay exact).
/// </summary>
public sealed class Step(string name)
{
    public const long MaxLatencyUs = 600_000_000; // 10 minutes: anything longer is clamped.

    private readonly LongConcurrentHistogram _total = NewHistogram();
    private LongConcurrentHistogram _interval = NewHistogram();
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private long _ok;
    private long _failed;

    public string Name { get; } = name;
    public long OkCount => Interlocked.Read(ref _ok);
    public long FailedCount => Interlocked.Read(ref _failed);
    public IReadOnlyDictionary<string, long> Errors => _errors;
    public HistogramBase Latencies => _total;

    public void Ok(long latencyUs)
    {
        var v = Math.Clamp(latencyUs, 1, MaxLatencyUs);
        _total.RecordValue(v);
        Volatile.Read(ref _interval).RecordValue(v);
        Interlocked.Increment(ref _ok);
    }

    public void Fail(string code)
    {
        _errors.AddOrUpdate(code, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _failed);
    }

    /// <summary>Takes the histogram of the interval that just ended.</summary>
    internal HistogramBase TakeInterval() => Interlocked.Exchange(ref _interval, NewHistogram());

    internal static LongConcurrentHistogram NewHistogram() => new(1, MaxLatencyUs, 3);
}
