using HdrHistogram;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Tests;

public sealed class ReportMathTests
{
    [Fact]
    public void Percentiles_of_a_uniform_spread_land_where_expected()
    {
        var h = new LongHistogram(1, Step.MaxLatencyUs, 3);
        for (var ms = 1; ms <= 1000; ms++) h.RecordValue(ms * 1000L);
        var s = LatencySummary.From(h);
        Assert.Equal(1000, s.Count);
        Assert.InRange(s.P50Ms, 499, 501);
        Assert.InRange(s.P99Ms, 989, 991);
        Assert.InRange(s.MaxMs, 999, 1001);
        Assert.InRange(s.MeanMs, 499, 502);
    }

    [Fact]
    public void An_empty_histogram_summarises_to_zeros()
    {
        Assert.Equal(LatencySummary.Empty, LatencySummary.From(new LongHistogram(1, 1000, 3)));
    }

    [Fact]
    public void A_step_counts_successes_and_failures_by_code()
    {
        var step = new Step("buy");
        step.Ok(2_000);
        step.Ok(4_000);
        step.Fail("rate_limited");
        step.Fail("rate_limited");
        step.Fail("timeout");
        Assert.Equal(2, step.OkCount);
        Assert.Equal(3, step.FailedCount);
        Assert.Equal(2, step.Errors["rate_limited"]);
        Assert.Equal(1, step.Errors["timeout"]);
        Assert.Equal(2, LatencySummary.From(step.Latencies).Count);
    }

    [Fact]
    public void Latencies_beyond_the_range_are_clamped_not_lost()
    {
        var step = new Step("x");
        step.Ok(-5);
        step.Ok(Step.MaxLatencyUs * 10);
        Assert.Equal(2, step.Latencies.TotalCount);
    }

    [Theory]
    [InlineData(300.0, 100.0, 3.0)]
    [InlineData(1.0, 3.0, 0.333)]
    public void Ratio_divides(double a, double b, double expected) => Assert.Equal(expected, Ratio.Of(a, b));

    [Fact]
    public void Ratio_is_absent_when_the_baseline_is_missing_or_zero()
    {
        Assert.Null(Ratio.Of(5, 0));
        Assert.Null(Ratio.Of(null, 2));
        Assert.Null(Ratio.Of(2, null));
    }

    [Fact]
    public void Largest_audience_held_needs_every_viewer_full_delivery_and_p99_under_the_limit()
    {
        ScalePoint[] points =
        [
            new(1_000, 1_000, 40, 1.0),
            new(2_500, 2_500, 120, 1.0),
            new(5_000, 5_000, 240, 0.98),  // lost deliveries
            new(7_500, 7_400, 200, 1.0),   // not everyone joined
            new(10_000, 10_000, 400, 1.0), // too slow
        ];
        Assert.Equal(2_500, Ratio.LargestHeld(points, 250));
        Assert.Null(Ratio.LargestHeld([new(1_000, 1_000, 300, 1)], 250));
    }
}
