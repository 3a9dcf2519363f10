using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Grains.Auctions;
using AuctionTerms = LiveCommerce.LoadTests.Reporting.AuctionTerms;
using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Tests;

/// <summary>The load test's own reading of the auction rule, checked against the server's bid book in many arrival orders.</summary>
public sealed class AuctionVerdictTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly AuctionTerms Terms = new(10m, CounterBidSeconds: 10, SuddenDeath: false, InitialEndsAt: T0.AddSeconds(30));

    private sealed record Sent(string Bidder, decimal Amount, decimal? Max, int Sequence);

    /// <summary>Runs the bids through the server's book in the given order; returns the acknowledged ones and the auction as it ended.</summary>
    private static (List<AckedBid> Acked, AuctionDetails Auction) Run(IEnumerable<Sent> arrivals, AuctionTerms terms)
    {
        var book = BidBook.Opening(terms.StartingBid);
        var acked = new List<AckedBid>();
        var endsAt = terms.InitialEndsAt;
        var at = T0.AddSeconds(25);
        foreach (var bid in arrivals)
        {
            at = at.AddMilliseconds(7);
            var outcome = book.Place(bid.Bidder, bid.Bidder, bid.Amount, bid.Max, at);
            if (!outcome.Accepted) continue;
            acked.Add(new AckedBid(bid.Bidder, bid.Amount, bid.Max, bid.Sequence));
            endsAt = AntiSniping.EndsAt(endsAt, at, terms.CounterBidSeconds, terms.SuddenDeath, outcome.VisibleChange);
        }
        var auction = new Auction
        {
            AuctionId = "a1", ProductId = "p1", Currency = "USD", StartingBid = terms.StartingBid, CurrentBid = book.CurrentBid,
            LeaderId = book.LeaderId, LeaderName = book.LeaderId, Bids = book.Bids, MinNextBid = book.MinNextBid, EndsAt = endsAt,
            CounterBidSeconds = terms.CounterBidSeconds, SuddenDeath = terms.SuddenDeath, Status = AuctionStatus.Ended,
            WinnerId = book.LeaderId, OrderId = book.LeaderId is null ? null : "o1",
            EndReason = book.LeaderId is null ? AuctionEndReason.NoBids : AuctionEndReason.Sold,
        };
        var history = book.History.Select(h => new BidHistoryEntry { BidderName = h.BidderName, Amount = h.Amount, At = h.At }).ToArray();
        return (acked, new AuctionDetails(auction, history));
    }

    private static Order WinnerOrder(decimal total) => new()
    {
        OrderId = "o1", UserId = "w", RoomId = "r1", Total = total, Currency = "USD", Status = OrderStatus.PendingPayment,
        Lines = [new LineItem { RoomId = "r1", ProductId = "p1", Name = "p1", UnitPrice = total, Quantity = 1 }],
        CreatedAt = T0, HoldExpiresAt = T0.AddMinutes(5),
    };

    /// <summary>Proxy bidders bid once; plain bidders bid rising amounts; the bidders' sends interleave at random.</summary>
    private static List<Sent> RandomStampede(Random rng)
    {
        var perBidder = new List<List<Sent>>();
        for (var b = 0; b < rng.Next(1, 12); b++)
        {
            var id = $"b{b}";
            if (rng.Next(3) == 0)
            {
                var max = 10m + rng.Next(0, 40_000) / 100m;
                perBidder.Add([new Sent(id, Math.Min(max, 10m + rng.Next(0, 5_000) / 100m), max, 0)]);
                continue;
            }
            var amount = 10m + rng.Next(0, 3_000) / 100m;
            var bids = new List<Sent>();
            for (var k = 0; k < rng.Next(1, 4); k++)
            {
                bids.Add(new Sent(id, amount, null, k));
                amount += rng.Next(1, 8_000) / 100m;
            }
            perBidder.Add(bids);
        }
        var arrivals = new List<Sent>();
        var next = perBidder.Select(_ => 0).ToArray();
        while (arrivals.Count < perBidder.Sum(b => b.Count))
        {
            var b = rng.Next(perBidder.Count);
            if (next[b] < perBidder[b].Count) arrivals.Add(perBidder[b][next[b]++]);
        }
        return arrivals;
    }

    [Fact]
    public void The_rule_gives_the_books_leader_and_price_in_every_arrival_order()
    {
        var rng = new Random(20261123);
        for (var trial = 0; trial < 2_000; trial++)
        {
            var (acked, auction) = Run(RandomStampede(rng), Terms);
            var verdict = AuctionVerdict.Evaluate(Terms, acked, auction, auction.OrderId is null ? null : WinnerOrder(auction.CurrentBid!.Value));
            Assert.True(verdict.Exact, $"trial {trial}: {verdict.Summary}");
        }
    }

    [Fact]
    public void Proxy_resolution_does_not_depend_on_who_came_first()
    {
        Sent[] bids = [new("ann", 10m, 120m, 0), new("bob", 10m, 95m, 0), new("cy", 40m, null, 0), new("cy", 60m, null, 1)];
        foreach (var order in new[] { bids, bids.Reverse().ToArray(), [bids[2], bids[0], bids[3], bids[1]] })
        {
            var (acked, auction) = Run(order, Terms);
            var expected = AuctionRule.Expect(Terms.StartingBid, acked);
            Assert.Equal(["ann"], expected.Leaders);
            Assert.Equal(98m, expected.Price); // bob's 95 + the increment at 95 (3)
            Assert.Equal("ann", auction.LeaderId);
            Assert.Equal(98m, auction.CurrentBid);
        }
    }

    [Fact]
    public void Increments_follow_the_table()
    {
        Assert.Equal([1m, 2m, 2m, 3m, 5m, 10m, 20m, 50m],
            new[] { 29.99m, 30m, 49.99m, 50m, 100m, 300m, 1_000m, 2_000m }.Select(AuctionRule.Increment));
        Assert.Equal(10m, AuctionRule.MinNextBid(10m, null));
        Assert.Equal(105m, AuctionRule.MinNextBid(10m, 100m));
    }

    [Fact]
    public void A_wrong_price_a_missing_extension_and_a_missing_order_are_caught()
    {
        Sent[] bids = [new("ann", 10m, 50m, 0), new("bob", 20m, null, 0)];
        var (acked, auction) = Run(bids, Terms);
        Assert.True(AuctionVerdict.Evaluate(Terms, acked, auction, WinnerOrder(auction.CurrentBid!.Value)).Exact);

        var cheap = AuctionVerdict.Evaluate(Terms, acked, auction with { CurrentBid = auction.CurrentBid - 1 }, WinnerOrder(auction.CurrentBid!.Value - 1));
        Assert.False(cheap.Exact);
        Assert.Contains(cheap.Problems, p => p.StartsWith("price"));

        var late = AuctionVerdict.Evaluate(Terms, acked, auction with { EndsAt = Terms.InitialEndsAt }, WinnerOrder(auction.CurrentBid!.Value));
        Assert.False(late.Exact);
        Assert.Contains(late.Problems, p => p.StartsWith("endsAt"));

        var orderless = AuctionVerdict.Evaluate(Terms, acked, auction, null);
        Assert.False(orderless.Exact);
        Assert.StartsWith("NOT exact", orderless.Summary);

        var twoLeaders = AuctionVerdict.Evaluate(Terms, acked, auction with { LeaderId = "bob", WinnerId = "bob" }, WinnerOrder(auction.CurrentBid!.Value));
        Assert.Contains(twoLeaders.Problems, p => p.StartsWith("leader"));
    }

    [Fact]
    public void Sudden_death_never_moves_the_end_and_no_bids_ends_noBids()
    {
        var sudden = Terms with { SuddenDeath = true };
        var (acked, auction) = Run([new Sent("ann", 12m, null, 0)], sudden);
        Assert.Equal(sudden.InitialEndsAt, auction.EndsAt);
        Assert.True(AuctionVerdict.Evaluate(sudden, acked, auction, WinnerOrder(12m)).Exact);

        var (none, empty) = Run([new Sent("ann", 5m, null, 0)], Terms); // below the starting bid: tooLow
        var verdict = AuctionVerdict.Evaluate(Terms, none, empty, null);
        Assert.True(verdict.Exact, verdict.Summary);
        Assert.Contains("noBids", verdict.Summary);
    }
}
