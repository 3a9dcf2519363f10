using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Grains.Auctions;

namespace LiveCommerce.Tests.Auctions;

public sealed class BidBookTests
{
    private static readonly DateTime At = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_first_plain_bid_leads_at_its_amount()
    {
        var book = BidBook.Opening(10m);
        var outcome = book.Place("ann", "Ann", 10m, null, At);
        Assert.Equal(BidStatus.Leading, outcome.Status);
        Assert.True(outcome.VisibleChange);
        Assert.Equal(("ann", 10m, 11m, 1), (book.LeaderId, book.CurrentBid, book.MinNextBid, book.Bids));
    }

    [Fact]
    public void A_bid_below_the_minimum_is_too_low_and_changes_nothing()
    {
        var book = BidBook.Opening(10m);
        Assert.Equal(BidStatus.TooLow, book.Place("ann", "Ann", 9m, null, At).Status);
        Assert.Equal(BidStatus.TooLow, book.Place("ann", "Ann", 5m, 9.99m, At).Status);
        book.Place("bob", "Bob", 10m, null, At);
        Assert.Equal(BidStatus.TooLow, book.Place("ann", "Ann", 10.5m, null, At).Status);
        Assert.Equal(("bob", 10m, 1), (book.LeaderId, book.CurrentBid, book.Bids));
        Assert.Single(book.History);
    }

    [Fact]
    public void A_proxy_bid_shows_only_its_floor_until_someone_challenges_it()
    {
        var book = BidBook.Opening(10m);
        book.Place("ann", "Ann", 10m, 100m, At);
        Assert.Equal(10m, book.CurrentBid);

        // Bob's 40 is beaten at once by Ann's proxy: 40 + increment(40) = 42.
        var outcome = book.Place("bob", "Bob", 40m, null, At);
        Assert.Equal(BidStatus.Outbid, outcome.Status);
        Assert.Null(outcome.DisplacedLeaderId);
        Assert.True(outcome.VisibleChange);
        Assert.Equal(("ann", 42m, 2), (book.LeaderId, book.CurrentBid, book.Bids));
    }

    [Fact]
    public void A_proxy_floor_is_raised_to_the_minimum_next_bid()
    {
        var book = BidBook.Opening(10m);
        book.Place("ann", "Ann", 60m, null, At);
        book.Place("bob", "Bob", 1m, 500m, At);
        // Bob's floor 1 becomes minNextBid 63, and runner-up 60 + 3 = 63 too.
        Assert.Equal(("bob", 63m), (book.LeaderId, book.CurrentBid));
        Assert.Equal(63m, book.Standing["bob"].Floor);
    }

    [Fact]
    public void Nobody_pays_more_than_their_maximum()
    {
        var book = BidBook.Opening(10m);
        book.Place("ann", "Ann", 10m, 101m, At);
        book.Place("bob", "Bob", 100m, null, At);
        // 100 + increment(100) = 105, capped by Ann's maximum 101.
        Assert.Equal(("ann", 101m), (book.LeaderId, book.CurrentBid));
    }

    [Fact]
    public void Between_equal_maxima_the_earlier_bid_leads_at_that_maximum()
    {
        var book = BidBook.Opening(10m);
        book.Place("ann", "Ann", 10m, 80m, At);
        var outcome = book.Place("bob", "Bob", 20m, 80m, At.AddSeconds(1));
        Assert.Equal(BidStatus.Outbid, outcome.Status);
        Assert.Equal(("ann", 80m), (book.LeaderId, book.CurrentBid));
    }

    [Fact]
    public void Overtaking_a_proxy_tells_who_lost_the_lead()
    {
        var book = BidBook.Opening(10m);
        book.Place("ann", "Ann", 10m, 50m, At);
        var outcome = book.Place("bob", "Bob", 20m, 70m, At);
        Assert.Equal(BidStatus.Leading, outcome.Status);
        Assert.Equal("ann", outcome.DisplacedLeaderId);
        // Runner-up 50 + 3 = 53, within Bob's maximum.
        Assert.Equal(("bob", 53m), (book.LeaderId, book.CurrentBid));
    }

    [Fact]
    public void A_newer_bid_replaces_the_older_and_lowering_ones_maximum_is_too_low()
    {
        var book = BidBook.Opening(10m);
        book.Place("ann", "Ann", 10m, 50m, At);
        book.Place("bob", "Bob", 20m, null, At);
        Assert.Equal(BidStatus.TooLow, book.Place("ann", "Ann", 25m, 40m, At).Status);
        Assert.Equal(50m, book.Standing["ann"].Max);

        var raised = book.Place("ann", "Ann", 25m, 90m, At);
        Assert.Equal(BidStatus.Leading, raised.Status);
        Assert.Equal(2, book.Standing.Count);
        Assert.Equal(90m, book.Standing["ann"].Max);
        Assert.Equal(3, book.Bids);
    }

    [Fact]
    public void Rebidding_ones_own_maximum_keeps_ones_place_among_equal_maxima()
    {
        var book = BidBook.Opening(10m);
        book.Place("ann", "Ann", 10m, 80m, At);
        book.Place("bob", "Bob", 10m, 80m, At);
        book.Place("ann", "Ann", 30m, 80m, At);
        Assert.Equal("ann", book.LeaderId);
    }

    [Fact]
    public void Raising_ones_own_maximum_lifts_ones_floor_to_the_minimum_next_bid()
    {
        var book = BidBook.Opening(10m);
        book.Place("ann", "Ann", 10m, 500m, At);
        book.Place("bob", "Bob", 20m, null, At);
        Assert.Equal(21m, book.CurrentBid);
        // The proxy rule as written: floor = amount raised to minNextBid (22), so the leader's own raise shows.
        var outcome = book.Place("ann", "Ann", 1m, 600m, At);
        Assert.Equal(BidStatus.Leading, outcome.Status);
        Assert.Null(outcome.DisplacedLeaderId);
        Assert.Equal(("ann", 22m), (book.LeaderId, book.CurrentBid));
    }

    [Fact]
    public void The_history_records_each_visible_change_without_maxima()
    {
        var book = BidBook.Opening(10m);
        book.Place("ann", "Ann", 10m, 100m, At);
        book.Place("bob", "Bob", 30m, null, At.AddSeconds(1));
        book.Place("cat", "Cat", 120m, null, At.AddSeconds(2));
        Assert.Equal(
            [("Ann", 10m), ("Ann", 32m), ("Cat", 120m)],
            book.History.Select(h => (h.BidderName, h.Amount)).ToArray());
        Assert.Equal(At.AddSeconds(2), book.History[^1].At);
    }
}
