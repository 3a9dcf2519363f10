using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Grains.Auctions;

namespace LiveCommerce.Tests.Auctions;

public sealed class AntiSnipingTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_change_with_less_than_the_counter_left_moves_the_end_to_now_plus_the_counter() =>
        Assert.Equal(Now.AddSeconds(10), AntiSniping.EndsAt(Now.AddSeconds(3), Now, 10, suddenDeath: false, visibleChange: true));

    [Fact]
    public void A_change_with_more_than_the_counter_left_keeps_the_end() =>
        Assert.Equal(Now.AddSeconds(30), AntiSniping.EndsAt(Now.AddSeconds(30), Now, 10, suddenDeath: false, visibleChange: true));

    [Fact]
    public void Exactly_the_counter_left_is_not_less_than_it() =>
        Assert.Equal(Now.AddSeconds(10), AntiSniping.EndsAt(Now.AddSeconds(10), Now, 10, suddenDeath: false, visibleChange: true));

    [Fact]
    public void A_bid_that_changes_nothing_visible_does_not_extend() =>
        Assert.Equal(Now.AddSeconds(2), AntiSniping.EndsAt(Now.AddSeconds(2), Now, 10, suddenDeath: false, visibleChange: false));

    [Fact]
    public void Sudden_death_never_extends() =>
        Assert.Equal(Now.AddSeconds(1), AntiSniping.EndsAt(Now.AddSeconds(1), Now, 10, suddenDeath: true, visibleChange: true));
}
