using ScottPlot;

namespace LiveCommerce.LoadTests.Reporting;

/// <summary>The two PNG charts of a run: latency percentiles over time; connections and throughput over time.</summary>
public static class Charts
{
    public const string LatencyFile = "latency.png";
    public const string ThroughputFile = "throughput.png";

    public static void Write(RunReport r, string folder)
    {
        var latency = new Plot();
        latency.Title($"{r.Scenario} → {r.Target}: latency percentiles per second");
        latency.Axes.Bottom.Label.Text = "seconds since start";
        latency.Axes.Left.Label.Text = "ms";
        foreach (var (name, points) in r.Series.Where(s => s.Key.EndsWith(" p99 ms", StringComparison.Ordinal) || s.Key.EndsWith(" p50 ms", StringComparison.Ordinal)).OrderBy(s => s.Key, StringComparer.Ordinal))
            AddLine(latency, name, points, latency.Axes.Left);
        latency.ShowLegend(Alignment.UpperLeft);
        latency.SavePng(Path.Combine(folder, LatencyFile), 1000, 500);

        var load = new Plot();
        load.Title($"{r.Scenario} → {r.Target}: connections (left) and rates per second (right)");
        load.Axes.Bottom.Label.Text = "seconds since start";
        load.Axes.Left.Label.Text = "open connections";
        load.Axes.Right.Label.Text = "per second";
        double leftMax = 1, rightMax = 1;
        if (r.Series.TryGetValue("connections", out var conns))
        {
            AddLine(load, "connections", conns, load.Axes.Left);
            leftMax = Math.Max(leftMax, conns.Max(p => p[1]));
        }
        // "fanout count/s" would repeat "deliveries/s".
        foreach (var (name, points) in r.Series.Where(s => s.Key.EndsWith("/s", StringComparison.Ordinal) && s.Key != "fanout count/s" && s.Value.Any(p => p[1] > 0)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            AddLine(load, name, points, load.Axes.Right);
            rightMax = Math.Max(rightMax, points.Max(p => p[1]));
        }
        // Both axes from zero: a rate that halves should look halved.
        load.Axes.AutoScale();
        load.Axes.SetLimitsY(0, leftMax * 1.08, load.Axes.Left);
        load.Axes.SetLimitsY(0, rightMax * 1.08, load.Axes.Right);
        load.ShowLegend(Alignment.UpperLeft);
        load.SavePng(Path.Combine(folder, ThroughputFile), 1000, 500);
    }

    private static void AddLine(Plot plot, string name, List<double[]> points, IYAxis axis)
    {
        if (points.Count == 0) return;
        var line = plot.Add.Scatter(points.Select(p => p[0]).ToArray(), points.Select(p => p[1]).ToArray());
        line.LegendText = name;
        line.MarkerSize = 3;
        line.Axes.YAxis = axis;
    }
}
