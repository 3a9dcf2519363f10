using LiveCommerce.LiveHost.Limits;
using Microsoft.Extensions.Time.Testing;

namespace LiveCommerce.Tests.Limits;

/// <summary>The per-connection budget: refilled from the clock when spent from (no timer), never above its capacity.</summary>
public sealed class LazyTokenBucketTests
{
    [Fact]
    public void A_burst_is_spent_then_refills_with_time_up_to_the_capacity()
    {
        var time = new FakeTimeProvider();
        var bucket = new LazyTokenBucket(capacity: 6, perSecond: 2, time);
        Assert.True(bucket.TrySpend(3, out _));
        Assert.True(bucket.TrySpend(3, out _));
        Assert.False(bucket.TrySpend(1, out var retry));
        Assert.Equal(TimeSpan.FromSeconds(0.5), retry); // one token at 2 a second

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.TrySpend(2, out _));
        Assert.False(bucket.TrySpend(1, out _));

        time.Advance(TimeSpan.FromHours(1)); // idle: full again, not more
        Assert.True(bucket.TrySpend(6, out _));
        Assert.False(bucket.TrySpend(1, out _));
    }

    [Fact]
    public void A_refused_spend_takes_nothing()
    {
        var time = new FakeTimeProvider();
        var bucket = new LazyTokenBucket(capacity: 3, perSecond: 1, time);
        Assert.False(bucket.TrySpend(4, out var retry));
        Assert.Equal(TimeSpan.FromSeconds(1), retry);
        Assert.True(bucket.TrySpend(3, out _));
    }
}
