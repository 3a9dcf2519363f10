using LiveCommerce.Contracts.Auctions;

namespace LiveCommerce.Grains.Auctions;

/// <summary>
/// The bids of one auction and the rule that turns them into a leader and a visible price
/// (PROTOCOL.md, "Live auctions"). Every bidder has one standing bid with a floor and a maximum;
/// the leader is the highest maximum (the earlier bid on a tie) and the price is recomputed from
/// the standing bids after each accepted bid, so it never depends on how the bids raced in.
/// No clock, no grain: the auction grain keeps the book in its state and asks it.
/// </summary>
[GenerateSerializer, Alias("BidBook")]
public sealed class BidBook
{
    [Id(0)] public decimal StartingBid { get; set; }
    [Id(1)] public Dictionary<string, StandingBid> Standing { get; set; } = [];
    /// <summary>Accepted bids, including those a proxy beat at once and those that replaced the bidder's older bid.</summary>
    [Id(2)] public int Bids { get; set; }
    [Id(3)] public long Arrivals { get; set; }
    [Id(4)] public string? LeaderId { get; set; }
    [Id(5)] public decimal? CurrentBid { get; set; }
    /// <summary>Every change of the visible price or leader: public, so it shows no maximum.</summary>
    [Id(6)] public List<PriceChange> History { get; set; } = [];

    public static BidBook Opening(decimal startingBid) => new() { StartingBid = startingBid };

    public decimal MinNextBid => BidIncrements.MinNextBid(StartingBid, CurrentBid);

    public StandingBid? Leader => LeaderId is null ? null : Standing[LeaderId];

    /// <summary>
    /// A plain bid (<paramref name="maxAmount"/> null: floor = maximum = amount) or a proxy bid
    /// (maximum = maxAmount ≥ amount, floor = amount raised to <see cref="MinNextBid"/>). Arguments are
    /// checked by the caller (amount &gt; 0, maxAmount ≥ amount); a refused bid changes nothing.
    /// </summary>
    public BidOutcome Place(string bidderId, string name, decimal amount, decimal? maxAmount, DateTime at)
    {
        if (amount <= 0 || maxAmount < amount) throw new ArgumentOutOfRangeException(nameof(maxAmount), "a bid needs 0 < amount ≤ maxAmount");
        var minNext = MinNextBid;
        var max = maxAmount ?? amount;
        var floor = maxAmount is null ? amount : Math.Max(amount, minNext);
        if (max < minNext) return BidOutcome.Refused(BidStatus.TooLow);
        Standing.TryGetValue(bidderId, out var older);
        if (older is not null && max < older.Max) return BidOutcome.Refused(BidStatus.TooLow);

        var (previousLeader, previousPrice) = (LeaderId, CurrentBid);
        Standing[bidderId] = new StandingBid
        {
            BidderId = bidderId,
            Name = name,
            Floor = floor,
            Max = max,
            // Keeping one's maximum keeps one's place among equal maxima; a new maximum is a new bid.
            Arrival = older is not null && older.Max == max ? older.Arrival : ++Arrivals,
            At = at,
        };
        Bids++;
        Resolve();

        var leaderChanged = LeaderId != previousLeader;
        var priceChanged = CurrentBid != previousPrice;
        if (leaderChanged || priceChanged)
            History.Add(new PriceChange { BidderName = Leader!.Name, Amount = CurrentBid!.Value, At = at });
        return new BidOutcome(
            LeaderId == bidderId ? BidStatus.Leading : BidStatus.Outbid,
            leaderChanged ? previousLeader : null,
            leaderChanged || priceChanged);
    }

    /// <summary>Leader = highest maximum, earlier arrival on a tie; price = max(leader floor, min(leader max, runner-up max + increment)).</summary>
    private void Resolve()
    {
        StandingBid? leader = null, runnerUp = null;
        foreach (var bid in Standing.Values)
        {
            if (leader is null || Ranks(bid, leader))
            {
                runnerUp = leader;
                leader = bid;
            }
            else if (runnerUp is null || Ranks(bid, runnerUp))
            {
                runnerUp = bid;
            }
        }
        if (leader is null) return;
        LeaderId = leader.BidderId;
        CurrentBid = runnerUp is null
            ? leader.Floor
            : Math.Max(leader.Floor, Math.Min(leader.Max, runnerUp.Max + BidIncrements.For(runnerUp.Max)));
    }

    private static bool Ranks(StandingBid a, StandingBid b) => a.Max > b.Max || (a.Max == b.Max && a.Arrival < b.Arrival);
}

/// <summary>A bidder's one standing bid. The maximum is private: it never leaves the server.</summary>
[GenerateSerializer, Alias("StandingBid")]
public sealed class StandingBid
{
    [Id(0)] public required string BidderId { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required decimal Floor { get; init; }
    [Id(3)] public required decimal Max { get; init; }
    /// <summary>Order of arrival: between equal maxima the earlier bid leads.</summary>
    [Id(4)] public required long Arrival { get; init; }
    [Id(5)] public required DateTime At { get; init; }
}

/// <summary>One entry of the public history: who holds the visible price, and since when.</summary>
[GenerateSerializer, Immutable, Alias("PriceChange")]
public sealed record PriceChange
{
    [Id(0)] public required string BidderName { get; init; }
    [Id(1)] public required decimal Amount { get; init; }
    [Id(2)] public required DateTime At { get; init; }
}

/// <param name="Status">leading, outbid or tooLow.</param>
/// <param name="DisplacedLeaderId">The bidder who just lost the lead (gets the personal <c>outbid</c>).</param>
/// <param name="VisibleChange">The leader or the visible price changed: a <c>bidPlaced</c>, and anti-sniping applies.</param>
public sealed record BidOutcome(BidStatus Status, string? DisplacedLeaderId, bool VisibleChange)
{
    public bool Accepted => Status is BidStatus.Leading or BidStatus.Outbid;

    public static BidOutcome Refused(BidStatus status) => new(status, null, false);
}
