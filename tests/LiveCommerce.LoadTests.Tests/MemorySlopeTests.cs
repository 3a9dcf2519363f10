using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Tests;

public sealed class MemorySlopeTests
{
    [Fact]
    public void A_steady_climb_gives_its_rate_per_minute()
    {
        // 0.5 MB every 10 s = 3 MB/min, with GC saw-teeth around the trend.
        var samples = Enumerable.Range(0, 30).Select(i => (i * 10.0, 400 + i * 0.5 + (i % 2 == 0 ? 2 : -2))).ToList();
        Assert.InRange(MemorySlope.MbPerMinute(samples)!.Value, 2.9, 3.1);
    }

    [Fact]
    public void Flat_memory_has_no_slope_and_too_few_samples_have_none_at_all()
    {
        Assert.Equal(0, MemorySlope.MbPerMinute([(0, 500), (10, 500), (20, 500)]));
        Assert.Null(MemorySlope.MbPerMinute([(0, 500), (10, 900)]));
        Assert.Null(MemorySlope.MbPerMinute([(5, 500), (5, 600), (5, 700)]));
    }
}
