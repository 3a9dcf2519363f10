namespace LiveCommerce.LoadTests.Engine;

/// <summary>Named series of (seconds since start, value) points, filled once per sampling interval.</summary>
public sealed class TimeSeries
{
    private readonly Dictionary<string, List<double[]>> _series = new(StringComparer.Ordinal);

    public void Add(string name, double t, double value)
    {
        lock (_series)
        {
            if (!_series.TryGetValue(name, out var points)) _series[name] = points = [];
            points.Add([Math.Round(t, 3), Math.Round(value, 3)]);
        }
    }

    /// <summary>A copy: name → points as [t, value].</summary>
    public Dictionary<string, List<double[]>> Snapshot()
    {
        lock (_series) return _series.ToDictionary(p => p.Key, p => p.Value.ToList());
    }
}
