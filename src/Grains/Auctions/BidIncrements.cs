
namespace LiveCommerce.Grains.Auctions;

/// <summary>The minimum increment table of PROTOCOL.md ("Live auctions"), in currency units.</summary>
public static class BidIncrements
{
    // From the highest threshold down: the first one the bid reaches gives the step.
    private static readonly (decimal From, decimal Step)[] Table =
        [(2_000m, 50m), (1_000m, 20m), (300m, 10m), (100m, 5m), (50m, 3m), (30m, 2m)];

    public static decimal For(decimal bid)
    {
        foreach (var (from, step) in Table)
            if (bid >= from) return step;
        return 1m;
    }

    /// <summary><c>startingBid</c> while nobody has bid, else <c>currentBid + increment(currentBid)</c>.</summary>
    public static decimal MinNextBid(decimal startingBid, decimal? currentBid) =>
        currentBid is { } current ? current + For(current) : startingBid;
}
