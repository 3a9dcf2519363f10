using System.Collections.Concurrent;
using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// One auction driven by simulated bidders, and everything its verdict needs: the terms the server
/// answered, every acknowledged bid, the statuses, the latest <c>endsAt</c> any answer showed. A bidder
/// either places one proxy bid (a maximum of its own, never shared with another bidder) or bids plain a few
/// increments above the minimum next bid it last saw, again after each answer that does not lead, up to the bid rounds.
/// </summary>
public sealed class AuctionRun
{
    public const decimal StartingBid = 10m;

    private readonly ScenarioContext _ctx;
    private readonly ConcurrentBag<AckedBid> _acked = [];
    private readonly ConcurrentDictionary<string, long> _statuses = new();
    private readonly Lock _gate = new();
    private decimal? _seenPrice;
    private DateTime _latestEndsAt;
    private long _lastDoneUs;

    private AuctionRun(ScenarioContext ctx, string roomId, Auction auction)
    {
        _ctx = ctx;
        RoomId = roomId;
        AuctionId = auction.AuctionId;
        Terms = new AuctionTerms(auction.StartingBid, auction.CounterBidSeconds, auction.SuddenDeath, auction.EndsAt);
        _latestEndsAt = auction.EndsAt;
        Bid = ctx.Metrics.Step("bid");
    }

    public string RoomId { get; }
    public string AuctionId { get; }
    public AuctionTerms Terms { get; }
    public Step Bid { get; }
    public IReadOnlyCollection<AckedBid> Acknowledged => _acked;
    public IReadOnlyDictionary<string, long> Statuses => _statuses;
    public long LastDoneUs => Interlocked.Read(ref _lastDoneUs);

    public DateTime LatestEndsAt
    {
        get { lock (_gate) return _latestEndsAt; }
    }

    public static async Task<AuctionRun> StartAsync(ScenarioContext ctx, HubConnection host, string roomId, string productId, int durationSeconds)
    {
        var s = ctx.Settings;
        var t0 = Clock.NowUs;
        var auction = await host.InvokeAsync<Auction>(HubMethods.StartAuction, roomId, new StartAuctionRequest
        {
            ProductId = productId,
            StartingBid = StartingBid,
            DurationSeconds = Math.Clamp(durationSeconds, 5, 3_600),
            CounterBidSeconds = s.CounterBidSeconds,
            SuddenDeath = s.SuddenDeath,
        }, ctx.Token);
        ctx.Metrics.Step("startAuction").Ok(Clock.NowUs - t0);
        return new AuctionRun(ctx, roomId, auction);
    }

    /// <summary>
    /// What a bidder watching the room sees: every delivery of <c>bidPlaced</c> is counted; the visible price is read
    /// from one watcher's copy (all bidders share this board, and a typed read per delivery would cost the generator dearly).
    /// </summary>
    public void Observe(Viewer viewer, RoomEvent evt)
    {
        if (evt.Type != AuctionEventTypes.BidPlaced) return;
        _ctx.Metrics.Add("bidPlacedDeliveries");
        if (viewer.Index != 0) return;
        var placed = EventData.Read<BidPlacedData>(evt.Data);
        if (placed.AuctionId == AuctionId) See(placed.CurrentBid, placed.EndsAt);
    }

    public static bool IsProxy(int index, double proxyShare) => (int)((index + 1) * proxyShare) > (int)(index * proxyShare);

    /// <summary>Bidder <paramref name="index"/> bids, its first bid intended at <paramref name="dueUs"/>.</summary>
    public async Task BidAsync(Viewer bidder, int index, long dueUs)
    {
        var s = _ctx.Settings;
        var proxy = IsProxy(index, s.ProxyShare);
        var rounds = proxy ? 1 : s.BidRounds;
        var minNext = MinNextSeen();
        for (var round = 0; round < rounds; round++)
        {
            // Proxy maxima are all different (7919 is coprime with 49,000), so the leader is never a tie.
            var max = proxy ? StartingBid + 10m + (index * 7919L % 49_000) / 100m : (decimal?)null;
            // Plain bidders jump 0..6 increments above the minimum, as people typing a round number do.
            var amount = max is { } m ? Math.Min(minNext, m) : minNext + AuctionRule.Increment(minNext) * ((index + round) % 7);
            var result = await PlaceAsync(bidder, amount, max, dueUs);
            if (result is null) return;
            if (result.Status is BidStatus.Leading or BidStatus.Outbid) _acked.Add(new AckedBid(bidder.UserId!, amount, max, round));
            if (result.Status is not (BidStatus.Outbid or BidStatus.TooLow)) return;
            minNext = Math.Max(result.Auction.MinNextBid, MinNextSeen());
            dueUs = Clock.NowUs;
        }
    }

    private async Task<BidResult?> PlaceAsync(Viewer bidder, decimal amount, decimal? max, long dueUs)
    {
        try
        {
            var result = await bidder.Connection.InvokeAsync<BidResult>(HubMethods.PlaceBid, RoomId, AuctionId, amount, max, _ctx.Token);
            var now = Clock.NowUs;
            Bid.Ok(now - dueUs);
            Audience.InterlockedMax(ref _lastDoneUs, now);
            _statuses.AddOrUpdate(result.Status.ToWire(), 1, (_, n) => n + 1);
            See(result.Auction.CurrentBid, result.Auction.EndsAt);
            return result;
        }
        catch (Exception e) when (!_ctx.Token.IsCancellationRequested)
        {
            Bid.Fail(FailureCode.Of(e));
            return null;
        }
    }

    private void See(decimal? price, DateTime endsAt)
    {
        lock (_gate)
        {
            if (price is { } p && (_seenPrice is null || p > _seenPrice)) _seenPrice = p;
            if (endsAt > _latestEndsAt) _latestEndsAt = endsAt;
        }
    }

    private decimal MinNextSeen()
    {
        lock (_gate) return AuctionRule.MinNextBid(StartingBid, _seenPrice);
    }
}
