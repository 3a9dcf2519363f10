using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Grains.Giveaways;

namespace LiveCommerce.Tests.Giveaways;

public sealed class WatchTimeTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Counts_nothing_before_a_mark()
    {
        var watch = new WatchTime();
        watch.Arrived("ann", T0);
        Assert.Equal(TimeSpan.Zero, watch.Of("ann", T0.AddMinutes(5)));
    }

    [Fact]
    public void Users_present_at_the_mark_count_from_the_mark_not_from_their_arrival()
    {
        var watch = new WatchTime();
        watch.Arrived("ann", T0);
        watch.Mark(T0.AddSeconds(100));
        Assert.Equal(TimeSpan.FromSeconds(30), watch.Of("ann", T0.AddSeconds(130)));
    }

    [Fact]
    public void Visits_after_the_mark_add_up_and_gaps_do_not_count()
    {
        var watch = new WatchTime();
        watch.Mark(T0);
        watch.Arrived("bob", T0.AddSeconds(10));
        watch.Departed("bob", T0.AddSeconds(25));
        watch.Arrived("bob", T0.AddSeconds(40));
        Assert.Equal(TimeSpan.FromSeconds(15), watch.Of("bob", T0.AddSeconds(40)));
        Assert.Equal(TimeSpan.FromSeconds(35), watch.Of("bob", T0.AddSeconds(60)));
        watch.Departed("bob", T0.AddSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(35), watch.Of("bob", T0.AddSeconds(500)));
    }

    [Fact]
    public void A_new_mark_starts_everyone_from_zero()
    {
        var watch = new WatchTime();
        watch.Mark(T0);
        watch.Arrived("cat", T0);
        watch.Arrived("dan", T0);
        watch.Departed("dan", T0.AddSeconds(50));
        watch.Mark(T0.AddSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(5), watch.Of("cat", T0.AddSeconds(65)));
        Assert.Equal(TimeSpan.Zero, watch.Of("dan", T0.AddSeconds(65)));
    }

    [Fact]
    public void A_second_arrival_while_present_does_not_restart_the_visit()
    {
        var watch = new WatchTime();
        watch.Mark(T0);
        watch.Arrived("eve", T0);
        watch.Arrived("eve", T0.AddSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(30), watch.Of("eve", T0.AddSeconds(30)));
    }
}
