using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Grains.Auctions;

namespace LiveCommerce.Tests.Auctions;

/// <summary>
/// Exactness of the bid rule whatever the arrival order: the book is compared with a reference
/// written from PROTOCOL.md's sentences (sorting, not the book's single pass), and a set of proxy
/// bids with well-spaced maxima must end with the same leader and price in every order.
/// </summary>
public sealed class BidOrderTests
{
    private static readonly DateTime At = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private sealed record Bid(string Bidder, decimal Amount, decimal? Max);

    [Fact]
    public void Every_order_of_well_spaced_proxy_bids_gives_the_same_leader_and_price()
    {
        Bid[] bids =
        [
            new("a", 10m, 40m), new("b", 12m, 75m), new("c", 10m, 120m), new("d", 15m, 260m),
            new("e", 10m, 333m), new("f", 11m, 900m), new("g", 10m, 2_100m),
        ];
        var orders = 0;
        foreach (var order in Permutations(bids))
        {
            var book = BidBook.Opening(10m);
            foreach (var bid in order) book.Place(bid.Bidder, bid.Bidder, bid.Amount, bid.Max, At);
            // Leader: the highest maximum; price: min(2100, 900 + increment(900) = 910).
            Assert.Equal(("g", 910m), (book.LeaderId, book.CurrentBid));
            orders++;
        }
        Assert.Equal(5_040, orders);
    }

    [Fact]
    public void Equal_maxima_in_any_order_go_to_whoever_bid_first_at_that_maximum()
    {
        Bid[] bids = [new("a", 10m, 300m), new("b", 10m, 300m), new("c", 10m, 120m), new("d", 200m, null)];
        foreach (var order in Permutations(bids))
        {
            var book = BidBook.Opening(10m);
            foreach (var bid in order) book.Place(bid.Bidder, bid.Bidder, bid.Amount, bid.Max, At);
            var first = order.First(b => b.Max == 300m).Bidder;
            Assert.Equal((first, 300m), (book.LeaderId, book.CurrentBid));
        }
    }

    [Fact]
    public void Random_bids_in_random_orders_match_the_rule_as_written()
    {
        var random = new Random(20261123);
        for (var trial = 0; trial < 400; trial++)
        {
            var start = random.Next(1, 60);
            var bids = Enumerable.Range(0, random.Next(2, 16)).Select(_ => RandomBid(random, start)).ToList();
            var book = BidBook.Opening(start);
            var reference = new ReferenceAuction(start);
            for (var i = 0; i < bids.Count; i++)
            {
                var bid = bids[i];
                var outcome = book.Place(bid.Bidder, bid.Bidder, bid.Amount, bid.Max, At.AddMilliseconds(i));
                var expected = reference.Place(bid);
                Assert.Equal(expected, outcome.Status);
                Assert.Equal(reference.Leader, book.LeaderId);
                Assert.Equal(reference.Price, book.CurrentBid);
                Assert.Equal(reference.Accepted, book.Bids);
                if (book.CurrentBid is { } price) Assert.True(price <= book.Standing[book.LeaderId!].Max, "nobody pays more than their maximum");
            }
            // The visible price never goes down.
            Assert.True(book.History.Zip(book.History.Skip(1)).All(p => p.Second.Amount >= p.First.Amount));
        }
    }

    private static Bid RandomBid(Random random, int start)
    {
        var bidder = ((char)('a' + random.Next(0, 6))).ToString();
        var amount = (decimal)random.Next(start, start + 400);
        return random.Next(3) == 0 ? new Bid(bidder, amount, null) : new Bid(bidder, Math.Min(amount, random.Next(1, 200)), amount);
    }

    /// <summary>PROTOCOL.md's auction rule, applied literally by sorting the standing bids after each bid.</summary>
    private sealed class ReferenceAuction(decimal startingBid)
    {
        private readonly List<(string Bidder, decimal Floor, decimal Max, int Time)> _standing = [];
        private int _time;

        public string? Leader { get; private set; }
        public decimal? Price { get; private set; }
        public int Accepted { get; private set; }

        public BidStatus Place(Bid bid)
        {
            var minNext = Price is null ? startingBid : Price.Value + Increment(Price.Value);
            var max = bid.Max ?? bid.Amount;
            var floor = bid.Max is null ? bid.Amount : Math.Max(bid.Amount, minNext);
            var older = _standing.FindIndex(s => s.Bidder == bid.Bidder);
            if (max < minNext || (older >= 0 && max < _standing[older].Max)) return BidStatus.TooLow;
            var time = older >= 0 && _standing[older].Max == max ? _standing[older].Time : ++_time;
            if (older >= 0) _standing.RemoveAt(older);
            _standing.Add((bid.Bidder, floor, max, time));
            Accepted++;

            var ranked = _standing.OrderByDescending(s => s.Max).ThenBy(s => s.Time).ToList();
            var leader = ranked[0];
            Leader = leader.Bidder;
            Price = ranked.Count == 1
                ? leader.Floor
                : Math.Max(leader.Floor, Math.Min(leader.Max, ranked[1].Max + Increment(ranked[1].Max)));
            return Leader == bid.Bidder ? BidStatus.Leading : BidStatus.Outbid;
        }

        private static decimal Increment(decimal bid) =>
            bid < 30 ? 1 : bid < 50 ? 2 : bid < 100 ? 3 : bid < 300 ? 5 : bid < 1_000 ? 10 : bid < 2_000 ? 20 : 50;
    }

    private static IEnumerable<T[]> Permutations<T>(T[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest)) yield return [items[i], .. tail];
        }
    }
}
