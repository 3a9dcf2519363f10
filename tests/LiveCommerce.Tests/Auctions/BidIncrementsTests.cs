using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Grains.Auctions;

namespace LiveCommerce.Tests.Auctions;

public sealed class BidIncrementsTests
{
    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(29.99, 1)]
    [InlineData(30, 2)]
    [InlineData(49.99, 2)]
    [InlineData(50, 3)]
    [InlineData(99, 3)]
    [InlineData(100, 5)]
    [InlineData(299.5, 5)]
    [InlineData(300, 10)]
    [InlineData(999, 10)]
    [InlineData(1000, 20)]
    [InlineData(1999.99, 20)]
    [InlineData(2000, 50)]
    [InlineData(1_000_000, 50)]
    public void Increment_follows_the_table(decimal bid, decimal step) => Assert.Equal(step, BidIncrements.For(bid));

    [Fact]
    public void Min_next_bid_is_the_starting_bid_until_someone_bids() => Assert.Equal(25m, BidIncrements.MinNextBid(25m, null));

    [Theory]
    [InlineData(10, 11)]
    [InlineData(30, 32)]
    [InlineData(98, 101)]
    [InlineData(2000, 2050)]
    public void Min_next_bid_adds_the_increment_of_the_current_bid(decimal current, decimal next) =>
        Assert.Equal(next, BidIncrements.MinNextBid(5m, current));
}
