using HdrHistogram;

namespace LiveCommerce.LoadTests.Reporting;

/// <summary>Percentiles of one latency histogram, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P75Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Reads a histogram recorded in microseconds.</summary>
    public static LatencySummary From(HistogramBase us)
    {
        if (us.TotalCount == 0) return Empty;
        double Ms(double v) => Math.Round(v / 1000.0, 3);
        return new LatencySummary(
            us.TotalCount,
            Ms(us.GetMean()),
            Ms(us.GetValueAtPercentile(50)),
            Ms(us.GetValueAtPercentile(75)),
            Ms(us.GetValueAtPercentile(90)),
            Ms(us.GetValueAtPercentile(95)),
            Ms(us.GetValueAtPercentile(99)),
            Ms(us.GetValueAtPercentile(99.9)),
            Ms(us.GetMaxValue()));
    }
}
