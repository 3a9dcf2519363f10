using System.Text.Json;
using LiveCommerce.LoadTests.Bench;

namespace LiveCommerce.LoadTests.Tests;

public sealed class BenchSummaryTests
{
    private static BenchResult Run(string load, BenchTarget target, double generatorCpu, params (string Key, double Value)[] figures) => new()
    {
        Load = BenchPlan.Loads(quick: false).First(l => l.Key == load),
        Target = target,
        Folder = "x",
        Outcome = "completed",
        GeneratorCpuPercent = generatorCpu,
        Figures = figures.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value)),
    };

    [Fact]
    public void A_generator_bound_run_is_shown_but_not_compared()
    {
        var rows = BenchSummary.Rows(
        [
            Run("flash", BenchPlan.LiveHost, 40, ("attemptsPerSecond", 3_000), ("stampedeGeneratorCpuPercent", 95)),
            Run("flash", BenchPlan.Bare, 40, ("attemptsPerSecond", 9_000), ("stampedeGeneratorCpuPercent", 60)),
        ]);
        var row = rows.First(r => r.Measure.StartsWith("flash sale: attempts/s", StringComparison.Ordinal));
        Assert.Equal(3_000, row.LiveCommerce);
        Assert.Equal(9_000, row.Baseline);
        Assert.Null(row.Ratio);
        Assert.Null(row.Met);
        Assert.Contains("generator-bound: livecommerce 95%", row.Measure);
    }

    [Fact]
    public void The_phase_figure_decides_over_the_whole_run()
    {
        // The joins before a fan-out load the generator; the sends are what is measured.
        var busyJoins = Run("fanout300", BenchPlan.LiveHost, 120, ("sendGeneratorCpuPercent", 50));
        var busySends = Run("fanout300", BenchPlan.LiveHost, 30, ("sendGeneratorCpuPercent", 90));
        Assert.False(busyJoins.GeneratorBound);
        Assert.True(busySends.GeneratorBound);
        Assert.True(Run("join", BenchPlan.LiveHost, 86).GeneratorBound);
    }

    [Fact]
    public void Compared_runs_give_ratios_and_cpu_per_delivery_side_by_side()
    {
        var rows = BenchSummary.Rows(
        [
            Run("fanout300", BenchPlan.LiveHost, 50, ("deliveriesPerSecond", 300), ("serverCpuUsPerDelivery", 20), ("sendGeneratorCpuPercent", 50)),
            Run("fanout300", BenchPlan.Bare, 50, ("deliveriesPerSecond", 100), ("serverCpuUsPerDelivery", 40), ("sendGeneratorCpuPercent", 50)),
        ]);
        Assert.Equal(3.0, rows.First(r => r.Measure == "fan-out 300/s: deliveries/s" && r.BaselineLabel == "bare-1msg").Ratio);
        var cpu = rows.Single(r => r.Measure == "fanout300: server CPU µs per delivery");
        Assert.Equal((20, 40, 0.5), (cpu.LiveCommerce, cpu.Baseline, cpu.Ratio));
    }

    [Fact]
    public void The_largest_audience_held_leaves_out_generator_bound_sizes()
    {
        var rows = BenchSummary.Rows(
        [
            Run("scale1000", BenchPlan.LiveHost, 30, ("viewersJoined", 1_000), ("fanoutP99Ms", 90), ("deliveredShare", 1), ("sendGeneratorCpuPercent", 30)),
            Run("scale2500", BenchPlan.LiveHost, 90, ("viewersJoined", 2_500), ("fanoutP99Ms", 200), ("deliveredShare", 1), ("sendGeneratorCpuPercent", 92)),
        ]);
        Assert.Equal(1_000, rows.First(r => r.Measure.StartsWith("largest N", StringComparison.Ordinal)).LiveCommerce);
    }
}
