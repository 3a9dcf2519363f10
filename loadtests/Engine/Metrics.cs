using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>
/// All the numbers of one run: steps (latency + errors), counters (deliveries, frames...) and gauges
/// (open connections), sampled once a second into <see cref="Series"/> for the charts.
/// </summary>
public sealed class Metrics
{
    private readonly ConcurrentDictionary<string, Step> _steps = new();
    private readonly List<string> _stepOrder = [];
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new();
    private readonly Dictionary<string, long> _lastCounter = [];
    private readonly ConcurrentDictionary<string, Func<double>> _gauges = new();

    public TimeSeries Series { get; } = new();

    public Step Step(string name) => _steps.GetOrAdd(name, n =>
    {
        lock (_stepOrder) _stepOrder.Add(n);
        return new Step(n);
    });

    public IReadOnlyList<Step> Steps
    {
        get { lock (_stepOrder) return _stepOrder.Select(n => _steps[n]).ToList(); }
    }

    public void Add(string counter, long n = 1) =>
        Interlocked.Add(ref _counters.GetOrAdd(counter, _ => new StrongBox<long>()).Value, n);

    public long Get(string counter) =>
        _counters.TryGetValue(counter, out var box) ? Interlocked.Read(ref box.Value) : 0;

    public IReadOnlyDictionary<string, long> Counters => _counters.ToDictionary(c => c.Key, c => Interlocked.Read(ref c.Value.Value));

    public void Gauge(string name, Func<double> read) => _gauges[name] = read;

    public double ReadGauge(string name) => _gauges.TryGetValue(name, out var g) ? g() : 0;

    public IEnumerable<string> GaugeNames => _gauges.Keys;

    /// <summary>Closes one interval of <paramref name="seconds"/> length ending at <paramref name="t"/>.</summary>
    public void Sample(double t, double seconds)
    {
        foreach (var step in Steps)
        {
            var h = step.TakeInterval();
            Series.Add($"{step.Name} count/s", t, h.TotalCount / seconds);
            if (h.TotalCount == 0) continue;
            Series.Add($"{step.Name} p50 ms", t, h.GetValueAtPercentile(50) / 1000.0);
            Series.Add($"{step.Name} p99 ms", t, h.GetValueAtPercentile(99) / 1000.0);
        }
        foreach (var (name, value) in Counters)
        {
            _lastCounter.TryGetValue(name, out var last);
            _lastCounter[name] = value;
            Series.Add($"{name}/s", t, (value - last) / seconds);
        }
        foreach (var (name, read) in _gauges) Series.Add(name, t, read());
    }
}
