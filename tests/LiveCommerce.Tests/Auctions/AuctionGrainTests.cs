using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Auctions;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Identity;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Auctions;

/// <summary>The auction grain on a TestCluster with a fake clock: every rule of PROTOCOL.md's "Live auctions".</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuctionGrainTests(ClusterFixture fixture)
{
    private static readonly Caller Host = Caller.User("auction-host", Roles.Host, "Host");
    private static readonly Caller Ann = Caller.User("ann", Roles.Viewer, "Ann");
    private static readonly Caller Bob = Caller.User("bob", Roles.Viewer, "Bob");
    private static readonly Caller Cat = Caller.User("cat", Roles.Viewer, "Cat");
    private static DateTime Now => ClusterFixture.Time.GetUtcNow().UtcDateTime;

    private async Task<(ILiveRoomGrain Room, string RoomId)> LiveRoom(string[]? regions = null)
    {
        var roomId = "ga" + Guid.NewGuid().ToString("N")[..10];
        var room = fixture.Grains.GetGrain<ILiveRoomGrain>(roomId);
        await room.Create(Host, new CreateRoomRequest { Title = "Auction test", SellRegions = regions });
        await room.AddProduct(Host, new AddProductRequest { ProductId = "p1", Name = "Vintage card", Price = 5m, Currency = "USD", Stock = 10 });
        await room.AddProduct(Host, new AddProductRequest { ProductId = "p0", Name = "Gone", Price = 5m, Currency = "USD", Stock = 0 });
        await room.Start(Host);
        return (room, roomId);
    }

    private IAuctionGrain NewAuction(string roomId) => fixture.Grains.GetGrain<IAuctionGrain>(AuctionGrain.NewId(roomId));

    private static StartAuctionRequest Terms(int duration = 60, int? counter = null, bool? suddenDeath = null, decimal startingBid = 10m) =>
        new() { ProductId = "p1", StartingBid = startingBid, DurationSeconds = duration, CounterBidSeconds = counter, SuddenDeath = suddenDeath };

    /// <summary>Units left on the shelf, after checking its books balance.</summary>
    private async Task<int> Stock(string roomId)
    {
        var shelf = fixture.Grains.GetGrain<IShelfGrain>(roomId);
        Assert.True((await shelf.Audit()).Balances);
        return (await shelf.Products()).Single(p => p.ProductId == "p1").Stock;
    }

    private static RoomEvent[] Log(string roomId, string type) =>
        ClusterFixture.Publisher.Of(roomId).Where(e => e.Seq is not null && e.Type == type).ToArray();

    private static Task<RoomEvent[]> LogSoon(string roomId, string type, int count) =>
        Eventually.ProbeAsync(() => Log(roomId, type), events => events.Length >= count);

    private static PersonalEvent[] Personal(string userId, string type) =>
        ClusterFixture.Publisher.Personal.Where(p => p.UserId == userId && p.Event.Type == type).Select(p => p.Event).ToArray();

    private static Task<AuctionDetails> Ended(IAuctionGrain auction) =>
        Eventually.ProbeAsync(auction.Get, a => a.Status == AuctionStatus.Ended);

    private static async Task Fails(string code, Func<Task> call) =>
        Assert.Equal(code, (await Assert.ThrowsAsync<LiveCommerceException>(call)).Code);

    [Fact]
    public async Task Starting_takes_one_unit_logs_the_start_and_shows_the_auction_in_the_snapshot()
    {
        var (room, roomId) = await LiveRoom();
        var started = await NewAuction(roomId).Start(Host, Terms());

        Assert.Equal((AuctionStatus.Active, 10m, 10, false, "USD", 0), (started.Status, started.MinNextBid, started.CounterBidSeconds, started.SuddenDeath, started.Currency, started.Bids));
        Assert.Null(started.CurrentBid);
        Assert.Equal(Now.AddSeconds(60), started.EndsAt);
        Assert.Equal(9, await Stock(roomId));
        var logged = EventData.Read<AuctionStartedData>((await LogSoon(roomId, AuctionEventTypes.AuctionStarted, 1))[0].Data);
        Assert.Equal(started.AuctionId, logged.Auction.AuctionId);
        var shown = await Eventually.ProbeAsync(room.GetSnapshot, s => s.Auctions.Length == 1);
        Assert.Equal(started.AuctionId, Assert.Single(shown.Auctions).AuctionId);

        // One active auction per room.
        await Fails(ErrorCodes.Conflict, () => NewAuction(roomId).Start(Host, Terms()));
        Assert.Equal(9, await Stock(roomId));
    }

    [Fact]
    public async Task Every_invalid_start_gets_its_code_and_changes_nothing()
    {
        var (room, roomId) = await LiveRoom();
        (Caller, StartAuctionRequest, string)[] cases =
        [
            (Host, Terms() with { ProductId = null }, ErrorCodes.InvalidArgument),
            (Host, Terms() with { ProductId = "bad id!" }, ErrorCodes.InvalidArgument),
            (Host, Terms(startingBid: 0m), ErrorCodes.InvalidArgument),
            (Host, Terms(startingBid: -5m), ErrorCodes.InvalidArgument),
            (Host, Terms(startingBid: 1.005m), ErrorCodes.InvalidArgument),
            (Host, Terms(duration: 4), ErrorCodes.InvalidArgument),
            (Host, Terms(duration: 3_601), ErrorCodes.InvalidArgument),
            (Host, Terms(counter: 4), ErrorCodes.InvalidArgument),
            (Host, Terms(counter: 61), ErrorCodes.InvalidArgument),
            (Host, Terms() with { ProductId = "p9" }, ErrorCodes.NotFound),
            (Host, Terms() with { ProductId = "p0" }, ErrorCodes.InvalidArgument),
            (Ann, Terms(), ErrorCodes.Forbidden),
            (Caller.Guest, Terms(), ErrorCodes.Unauthorized),
        ];
        foreach (var (caller, request, code) in cases) await Fails(code, () => NewAuction(roomId).Start(caller, request));

        Assert.Equal(10, await Stock(roomId));
        Assert.Empty(Log(roomId, AuctionEventTypes.AuctionStarted));
        Assert.Empty((await room.GetSnapshot()).Auctions);
        // The refusals left the slot free.
        Assert.Equal(AuctionStatus.Active, (await NewAuction(roomId).Start(Host, Terms())).Status);
    }

    [Fact]
    public async Task Proxy_bids_resolve_by_the_rule_and_the_displaced_leader_hears_outbid()
    {
        var (_, roomId) = await LiveRoom();
        var auction = NewAuction(roomId);
        await auction.Start(Host, Terms(duration: 600));

        var first = await auction.Bid(Ann, 10m, 100m);
        Assert.Equal((BidStatus.Leading, 10m, 11m), (first.Status, first.Auction.CurrentBid, first.Auction.MinNextBid));
        var beaten = await auction.Bid(Bob, 40m, null);
        Assert.Equal((BidStatus.Outbid, 42m, "ann"), (beaten.Status, beaten.Auction.CurrentBid, beaten.Auction.LeaderId));
        // Cat's floor 50, maximum 200: the runner-up's 100 + 5 sets the price.
        var overtaken = await auction.Bid(Cat, 50m, 200m);
        Assert.Equal((BidStatus.Leading, 105m, 110m, "Cat", 3), (overtaken.Status, overtaken.Auction.CurrentBid, overtaken.Auction.MinNextBid, overtaken.Auction.LeaderName, overtaken.Auction.Bids));
        Assert.Equal(BidStatus.TooLow, (await auction.Bid(Bob, 109m, null)).Status);
        Assert.Equal(BidStatus.TooLow, (await auction.Bid(Cat, 110m, 150m)).Status); // lowering one's own maximum

        var details = await auction.Get();
        Assert.Equal([("Ann", 10m), ("Ann", 42m), ("Cat", 105m)], details.History.Select(h => (h.BidderName, h.Amount)).ToArray());
        Assert.Equal(3, details.Bids);

        var placed = (await LogSoon(roomId, AuctionEventTypes.BidPlaced, 3)).Select(e => EventData.Read<BidPlacedData>(e.Data)).ToArray();
        Assert.Equal([("ann", 10m, 1), ("ann", 42m, 2), ("cat", 105m, 3)], placed.Select(p => (p.BidderId, p.CurrentBid, p.Bids)).ToArray());
        var outbid = Assert.Single(await Eventually.ProbeAsync(
            () => Personal("ann", AuctionEventTypes.Outbid).Select(p => EventData.Read<OutbidData>(p.Data)).Where(o => o.AuctionId == details.AuctionId).ToArray(),
            p => p.Length > 0));
        Assert.Equal((details.AuctionId, 105m, 110m), (outbid.AuctionId, outbid.CurrentBid, outbid.MinNextBid));
        Assert.DoesNotContain(Personal("bob", AuctionEventTypes.Outbid), p => EventData.Read<OutbidData>(p.Data).AuctionId == details.AuctionId);
    }

    [Fact]
    public async Task Invalid_bids_get_their_code_and_change_nothing()
    {
        var (_, roomId) = await LiveRoom();
        var auction = NewAuction(roomId);
        await auction.Start(Host, Terms());
        await auction.Bid(Ann, 10m, null);
        await Fails(ErrorCodes.Forbidden, () => auction.Bid(Host, 50m, null));
        await Fails(ErrorCodes.Unauthorized, () => auction.Bid(Caller.Guest, 50m, null));
        await Fails(ErrorCodes.InvalidArgument, () => auction.Bid(Bob, 0m, null));
        await Fails(ErrorCodes.InvalidArgument, () => auction.Bid(Bob, 50m, 40m));
        await Fails(ErrorCodes.InvalidArgument, () => auction.Bid(Bob, 50.001m, null));
        await Fails(ErrorCodes.NotFound, () => NewAuction(roomId).Bid(Bob, 50m, null));
        var after = await auction.Get();
        Assert.Equal((1, 10m, "ann"), (after.Bids, after.CurrentBid, after.LeaderId));
    }

    [Fact]
    public async Task A_late_change_extends_the_clock_and_the_winner_gets_a_held_order_at_the_current_bid()
    {
        var (room, roomId) = await LiveRoom();
        var auction = NewAuction(roomId);
        var started = await auction.Start(Host, Terms(duration: 30));
        await auction.Bid(Ann, 10m, 50m);

        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(25));
        var late = await auction.Bid(Bob, 20m, null);
        Assert.Equal((BidStatus.Outbid, 21m), (late.Status, late.Auction.CurrentBid));
        Assert.Equal(Now.AddSeconds(10), late.Auction.EndsAt);
        // A bid that changes nothing visible does not extend: Ann raising her hidden maximum lifts only her floor.
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(AuctionStatus.Active, (await auction.Get()).Status);

        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(5));
        var ended = await Ended(auction);
        Assert.Equal(((AuctionEndReason?)AuctionEndReason.Sold, "ann", 21m), (ended.EndReason, ended.WinnerId, ended.CurrentBid));
        Assert.NotNull(ended.OrderId);

        var won = EventData.Read<AuctionWonData>(Assert.Single(await Eventually.ProbeAsync(
            () => Personal("ann", AuctionEventTypes.AuctionWon).Where(p => EventData.Read<AuctionWonData>(p.Data).AuctionId == started.AuctionId).ToArray(),
            p => p.Length > 0)).Data);
        Assert.Equal((ended.OrderId, OrderStatus.PendingPayment, 21m, 1), (won.Order.OrderId, won.Order.Status, won.Order.Total, won.Order.Lines.Single().Quantity));
        var end = EventData.Read<AuctionEndedData>((await LogSoon(roomId, AuctionEventTypes.AuctionEnded, 1))[0].Data);
        Assert.Equal((AuctionEndReason.Sold, "ann", "Ann", 21m, ended.OrderId), (end.Reason, end.WinnerId, end.Name, end.Amount, end.OrderId));
        Assert.Equal(9, await Stock(roomId));

        Assert.Equal(BidStatus.Ended, (await auction.Bid(Cat, 500m, null)).Status);
        await Fails(ErrorCodes.Conflict, () => auction.Cancel(Host));
        var paid = await fixture.Grains.GetGrain<IOrderGrain>(ended.OrderId!).Pay(Ann);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(9, await Stock(roomId));
        // The slot is free for the next auction.
        await Eventually.ProbeAsync(room.GetSnapshot, s => s.Auctions.All(a => a.Status == AuctionStatus.Ended));
        Assert.Equal(AuctionStatus.Active, (await NewAuction(roomId).Start(Host, Terms())).Status);
    }

    [Fact]
    public async Task The_winners_unpaid_order_expires_and_the_unit_goes_back()
    {
        var (room, roomId) = await LiveRoom();
        var auction = NewAuction(roomId);
        await auction.Start(Host, Terms(duration: 10));
        await auction.Bid(Bob, 12m, null);
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(10));
        var ended = await Ended(auction);
        await Eventually.ProbeAsync(() => Personal("bob", AuctionEventTypes.AuctionWon), p => p.Any(e => EventData.Read<AuctionWonData>(e.Data).AuctionId == ended.AuctionId));
        Assert.Equal(9, await Stock(roomId));

        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(10, await Eventually.ProbeAsync(() => Stock(roomId), s => s == 10));
        Assert.Equal(OrderStatus.Expired, (await fixture.Grains.GetGrain<IOrderGrain>(ended.OrderId!).Get(Bob)).Status);
    }

    [Fact]
    public async Task Sudden_death_ends_at_the_set_time_whatever_happens()
    {
        var (_, roomId) = await LiveRoom();
        var auction = NewAuction(roomId);
        var started = await auction.Start(Host, Terms(duration: 20, suddenDeath: true));
        await auction.Bid(Ann, 10m, null);
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(19));
        var late = await auction.Bid(Bob, 30m, null);
        Assert.Equal((BidStatus.Leading, started.EndsAt), (late.Status, late.Auction.EndsAt));
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(1));
        var ended = await Ended(auction);
        Assert.Equal(((AuctionEndReason?)AuctionEndReason.Sold, "bob", 30m), (ended.EndReason, ended.WinnerId, ended.CurrentBid));
    }

    [Fact]
    public async Task Without_bids_the_auction_ends_no_bids_and_the_unit_goes_back()
    {
        var (room, roomId) = await LiveRoom();
        var auction = NewAuction(roomId);
        await auction.Start(Host, Terms(duration: 5));
        Assert.Equal(9, await Stock(roomId));
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(5));
        var ended = await Ended(auction);
        Assert.Equal(AuctionEndReason.NoBids, ended.EndReason);
        Assert.Null(ended.WinnerId);
        Assert.Equal(10, await Eventually.ProbeAsync(() => Stock(roomId), s => s == 10));
        var end = EventData.Read<AuctionEndedData>((await LogSoon(roomId, AuctionEventTypes.AuctionEnded, 1))[0].Data);
        Assert.Equal((AuctionEndReason.NoBids, (string?)null, (string?)null), (end.Reason, end.WinnerId, end.OrderId));
    }

    [Fact]
    public async Task The_host_cancels_only_while_nobody_has_bid()
    {
        var (room, roomId) = await LiveRoom();
        var auction = NewAuction(roomId);
        await auction.Start(Host, Terms());
        await Fails(ErrorCodes.Forbidden, () => auction.Cancel(Ann));
        await auction.Cancel(Host);
        Assert.Equal((AuctionStatus.Ended, (AuctionEndReason?)AuctionEndReason.Cancelled), ((await auction.Get()).Status, (await auction.Get()).EndReason));
        Assert.Equal(BidStatus.NotActive, (await auction.Bid(Ann, 10m, null)).Status);
        Assert.Equal(10, await Eventually.ProbeAsync(() => Stock(roomId), s => s == 10));
        Assert.Equal(AuctionEndReason.Cancelled, EventData.Read<AuctionEndedData>((await LogSoon(roomId, AuctionEventTypes.AuctionEnded, 1))[0].Data).Reason);

        var contested = NewAuction(roomId);
        await Eventually.ProbeAsync(room.GetSnapshot, s => s.Auctions.All(a => a.Status == AuctionStatus.Ended));
        await contested.Start(Host, Terms());
        await contested.Bid(Ann, 10m, null);
        await Fails(ErrorCodes.Conflict, () => contested.Cancel(Host));
        Assert.Equal(AuctionStatus.Active, (await contested.Get()).Status);
    }

    [Fact]
    public async Task Bidders_outside_the_rooms_regions_are_region_blocked()
    {
        var (_, roomId) = await LiveRoom(["US"]);
        var auction = NewAuction(roomId);
        await auction.Start(Host, Terms());
        Assert.Equal(BidStatus.RegionBlocked, (await auction.Bid(Caller.User("fr", Roles.Viewer, "Fr", "FR"), 10m, null)).Status);
        Assert.Equal(BidStatus.RegionBlocked, (await auction.Bid(Caller.User("nowhere"), 10m, null)).Status);
        Assert.Equal(BidStatus.Leading, (await auction.Bid(Caller.User("us", Roles.Viewer, "Us", "us"), 10m, null)).Status);
        Assert.Equal(1, (await auction.Get()).Bids);
    }
}
