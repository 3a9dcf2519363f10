namespace LiveCommerce.LoadTests.Reporting;

/// <summary>One bid the server acknowledged (<c>leading</c> or <c>outbid</c>): a plain bid has no maximum.</summary>
/// <param name="Sequence">The bidder's own order of sending (a bidder waits for each answer before the next bid).</param>
public sealed record AckedBid(string BidderId, decimal Amount, decimal? MaxAmount, int Sequence)
{
    public decimal Max => MaxAmount ?? Amount;
}

/// <summary>What the rule says the auction must show once these bids are in.</summary>
/// <param name="Leaders">The bidder(s) who may lead: one, or every bidder tied on the highest maximum (the earlier bid leads, and the
/// generator cannot see the server's arrival order).</param>
public sealed record ExpectedAuction(IReadOnlyList<string> Leaders, decimal? Price, int Bids);

/// <summary>
/// PROTOCOL.md's auction rule ("Live auctions") written out again for the load test, apart from the
/// server's code: the increment table, and leader and price from the standing bids. Each bidder's latest
/// acknowledged bid stands; the leader has the highest maximum; the price is the larger of the leader's
/// floor and min(leader's maximum, runner-up's maximum + increment). A proxy bid's floor is its amount
/// raised to the minimum next bid on arrival; for a bidder who bid once that raise never exceeds the
/// price the rest of the rule gives (every earlier price is at most the runner-up's maximum), so the
/// outcome does not depend on the arrival order. The scenario has each proxy bidder bid once.
/// </summary>
public static class AuctionRule
{
    private static readonly (decimal From, decimal Step)[] Increments =
        [(2_000m, 50m), (1_000m, 20m), (300m, 10m), (100m, 5m), (50m, 3m), (30m, 2m), (0m, 1m)];

    public static decimal Increment(decimal bid) => Increments.First(i => bid >= i.From).Step;

    public static decimal MinNextBid(decimal startingBid, decimal? currentBid) =>
        currentBid is { } current ? current + Increment(current) : startingBid;

    public static ExpectedAuction Expect(decimal startingBid, IReadOnlyCollection<AckedBid> acknowledged)
    {
        var standing = acknowledged.GroupBy(b => b.BidderId).Select(g => g.MaxBy(b => b.Sequence)!).OrderByDescending(b => b.Max).ToList();
        if (standing.Count == 0) return new ExpectedAuction([], null, 0);
        var top = standing[0];
        var leaders = standing.TakeWhile(b => b.Max == top.Max).Select(b => b.BidderId).ToList();
        var floor = top.MaxAmount is null ? top.Amount : Math.Max(top.Amount, startingBid);
        decimal price;
        if (standing.Count == 1) price = floor;
        else
        {
            var runnerUp = standing[1].Max;
            price = Math.Max(floor, Math.Min(top.Max, runnerUp + Increment(runnerUp)));
        }
        return new ExpectedAuction(leaders, price, acknowledged.Count);
    }
}
