using System.Security.Cryptography;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Giveaways;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Identity;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Giveaways;

/// <summary>The giveaway grain on a TestCluster with a fake clock: entry tasks, the draw, prizes, bad input.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GiveawayGrainTests(ClusterFixture fixture)
{
    private static readonly Caller Host = Caller.User("giveaway-host", Roles.Host, "Host");

    private async Task<(ILiveRoomGrain Room, string RoomId)> LiveRoom(string[]? regions = null)
    {
        var roomId = "gg" + Guid.NewGuid().ToString("N")[..10];
        var room = fixture.Grains.GetGrain<ILiveRoomGrain>(roomId);
        await room.Create(Host, new CreateRoomRequest { Title = "Giveaway test", SellRegions = regions });
        await room.AddProduct(Host, new AddProductRequest { ProductId = "p1", Name = "Lip gloss", Price = 12m, Currency = "USD", Stock = 10 });
        await room.AddProduct(Host, new AddProductRequest { ProductId = "p2", Name = "Few", Price = 3m, Currency = "USD", Stock = 3 });
        await room.Start(Host);
        return (room, roomId);
    }

    private IGiveawayGrain NewGiveaway(string roomId) => fixture.Grains.GetGrain<IGiveawayGrain>(GiveawayGrain.NewId(roomId));

    private static StartGiveawayRequest Terms(int winners = 3, int duration = 60, string? productId = "p1", string? keyword = null, int? minWatch = null) =>
        new() { Prize = "A lip gloss", ProductId = productId, Winners = winners, DurationSeconds = duration, Keyword = keyword, MinWatchSeconds = minWatch };

    private static Caller Viewer(string id, string? region = null) => Caller.User(id, Roles.Viewer, id.ToUpperInvariant(), region);

    /// <summary>Units left on the shelf, after checking its books balance.</summary>
    private async Task<int> Stock(string roomId, string productId = "p1")
    {
        var shelf = fixture.Grains.GetGrain<IShelfGrain>(roomId);
        Assert.True((await shelf.Audit()).Balances);
        return (await shelf.Products()).Single(p => p.ProductId == productId).Stock;
    }

    private static async Task Fails(string code, Func<Task> call) =>
        Assert.Equal(code, (await Assert.ThrowsAsync<LiveCommerceException>(call)).Code);

    private static Task<Giveaway> Drawn(IGiveawayGrain giveaway) => Eventually.ProbeAsync(giveaway.Get, g => g.Status == GiveawayStatus.Ended);

    private static async Task<(EntryStatus Status, EntryRequirement? Missing)> Enter(IGiveawayGrain giveaway, Caller caller)
    {
        var result = await giveaway.Enter(caller);
        return (result.Status, result.Missing);
    }

    [Fact]
    public async Task Starting_takes_a_unit_per_winner_and_shows_only_the_seed_hash()
    {
        var (room, roomId) = await LiveRoom();
        var started = await NewGiveaway(roomId).Start(Host, Terms(winners: 3));
        Assert.Equal((GiveawayStatus.Active, 0, 3, "p1"), (started.Status, started.Entrants, started.Winners, started.ProductId));
        Assert.Matches("^[0-9a-f]{64}$", started.SeedHash);
        Assert.Null(started.Seed);
        Assert.Null(started.WinnerIds);
        Assert.Equal(7, await Stock(roomId));
        var logged = await Eventually.ProbeAsync(
            () => ClusterFixture.Publisher.Of(roomId).Where(e => e.Type == GiveawayEventTypes.GiveawayStarted).ToArray(), e => e.Length > 0);
        Assert.Equal(started.SeedHash, EventData.Read<GiveawayStartedData>(Assert.Single(logged).Data).Giveaway.SeedHash);
        Assert.Equal(started.GiveawayId, Assert.Single((await Eventually.ProbeAsync(room.GetSnapshot, s => s.Giveaways.Length > 0)).Giveaways).GiveawayId);
        await Fails(ErrorCodes.Conflict, () => NewGiveaway(roomId).Start(Host, Terms()));
    }

    [Fact]
    public async Task Every_invalid_start_gets_its_code_and_changes_nothing()
    {
        var (room, roomId) = await LiveRoom();
        (Caller, StartGiveawayRequest, string)[] cases =
        [
            (Host, Terms() with { Prize = null }, ErrorCodes.InvalidArgument),
            (Host, Terms() with { Prize = "  " }, ErrorCodes.InvalidArgument),
            (Host, Terms() with { Prize = new string('x', 201) }, ErrorCodes.InvalidArgument),
            (Host, Terms() with { Prize = "bell\u0007" }, ErrorCodes.InvalidArgument),
            (Host, Terms(winners: 0), ErrorCodes.InvalidArgument),
            (Host, Terms(winners: 101), ErrorCodes.InvalidArgument),
            (Host, Terms(duration: 9), ErrorCodes.InvalidArgument),
            (Host, Terms(duration: 601), ErrorCodes.InvalidArgument),
            (Host, Terms(keyword: ""), ErrorCodes.InvalidArgument),
            (Host, Terms(keyword: new string('k', 31)), ErrorCodes.InvalidArgument),
            (Host, Terms(duration: 60, minWatch: 51), ErrorCodes.InvalidArgument),
            (Host, Terms(minWatch: -1), ErrorCodes.InvalidArgument),
            (Host, Terms(productId: "nope"), ErrorCodes.NotFound),
            (Host, Terms(productId: "p2", winners: 4), ErrorCodes.InvalidArgument),
            (Viewer("v1"), Terms(), ErrorCodes.Forbidden),
            (Caller.Guest, Terms(), ErrorCodes.Unauthorized),
        ];
        foreach (var (caller, request, code) in cases) await Fails(code, () => NewGiveaway(roomId).Start(caller, request));

        Assert.Equal((10, 3), (await Stock(roomId), await Stock(roomId, "p2")));
        Assert.DoesNotContain(ClusterFixture.Publisher.Of(roomId), e => e.Type == GiveawayEventTypes.GiveawayStarted);
        Assert.Equal(GiveawayStatus.Active, (await NewGiveaway(roomId).Start(Host, Terms(duration: 60, minWatch: 50))).Status);
    }

    [Fact]
    public async Task Entering_is_once_per_user_never_the_host_and_only_from_the_sell_regions()
    {
        var (_, roomId) = await LiveRoom(["US"]);
        var giveaway = NewGiveaway(roomId);
        await giveaway.Start(Host, Terms(productId: null));
        Assert.Equal((EntryStatus.Entered, (EntryRequirement?)null), await Enter(giveaway, Viewer("ann", "US")));
        Assert.Equal((EntryStatus.AlreadyEntered, (EntryRequirement?)null), await Enter(giveaway, Viewer("ann", "US")));
        Assert.Equal((EntryStatus.RegionBlocked, (EntryRequirement?)null), await Enter(giveaway, Viewer("fra", "FR")));
        await Fails(ErrorCodes.Forbidden, () => giveaway.Enter(Host));
        await Fails(ErrorCodes.Unauthorized, () => giveaway.Enter(Caller.Guest));
        await Fails(ErrorCodes.NotFound, () => NewGiveaway(roomId).Enter(Viewer("ann", "US")));
        Assert.Equal(1, (await giveaway.Get()).Entrants);
        var count = await Eventually.ProbeAsync(
            () => ClusterFixture.Publisher.Of(roomId).LastOrDefault(e => e.Type == GiveawayEventTypes.GiveawayEntrants), e => e is not null);
        Assert.Equal(1, EventData.Read<GiveawayEntrantsData>(count!.Data).Count);
    }

    [Fact]
    public async Task A_comment_with_the_keyword_enters_its_author_and_is_required_to_enter()
    {
        var (room, roomId) = await LiveRoom();
        var giveaway = NewGiveaway(roomId);
        await giveaway.Start(Host, Terms(keyword: "#win", productId: null));
        var ann = Viewer("ann");
        Assert.Equal((EntryStatus.NotEligible, (EntryRequirement?)EntryRequirement.Keyword), await Enter(giveaway, ann));

        await room.Comment(Viewer("bob"), "no magic word here");
        await room.Comment(ann, "I want to #WIN this!");
        Assert.Equal(1, (await Eventually.ProbeAsync(giveaway.Get, g => g.Entrants == 1)).Entrants);
        Assert.Equal((EntryStatus.AlreadyEntered, (EntryRequirement?)null), await Enter(giveaway, ann));
        Assert.Equal((EntryStatus.NotEligible, (EntryRequirement?)EntryRequirement.Keyword), await Enter(giveaway, Viewer("bob")));
        // The host's own keyword comment enters nobody.
        await room.Comment(Host, "say #win to enter");
        Assert.Equal(1, (await giveaway.Get()).Entrants);
    }

    [Fact]
    public async Task Watch_time_is_counted_from_the_hosts_presence_reports_since_the_start()
    {
        var (room, roomId) = await LiveRoom();
        var epoch = await room.ReportPresence(new PresenceReport("edge-1", Guid.Empty, true, ["ann"], [], ["ann"], 0, 0));
        Task Report(string[] joined, string[] left) => room.ReportPresence(new PresenceReport("edge-1", epoch, false, joined, left, joined, 0, 0));
        // Time passes as it does live: the edge host keeps reporting (a silent host's viewers are dropped).
        async Task Pass(int seconds)
        {
            for (var step = 0; step < seconds; step += 10)
            {
                ClusterFixture.Time.Advance(TimeSpan.FromSeconds(Math.Min(10, seconds - step)));
                await Report([], []);
            }
        }

        await Pass(100); // watching before the start does not count
        var giveaway = NewGiveaway(roomId);
        await giveaway.Start(Host, Terms(duration: 120, minWatch: 30, productId: null));

        await Pass(20);
        Assert.Equal((EntryStatus.NotEligible, (EntryRequirement?)EntryRequirement.WatchTime), await Enter(giveaway, Viewer("ann")));
        await Report(["bob"], []);
        await Pass(10);
        Assert.Equal((EntryStatus.Entered, (EntryRequirement?)null), await Enter(giveaway, Viewer("ann")));
        Assert.Equal((EntryStatus.NotEligible, (EntryRequirement?)EntryRequirement.WatchTime), await Enter(giveaway, Viewer("bob")));

        // Bob leaves after 10 s and comes back: only time present counts.
        await Report([], ["bob"]);
        await Pass(10);
        await Report(["bob"], []);
        await Pass(19);
        Assert.Equal((EntryStatus.NotEligible, (EntryRequirement?)EntryRequirement.WatchTime), await Enter(giveaway, Viewer("bob")));
        await Pass(1);
        Assert.Equal((EntryStatus.Entered, (EntryRequirement?)null), await Enter(giveaway, Viewer("bob")));
    }

    [Fact]
    public async Task The_hosts_draw_follows_the_published_rule_and_winners_get_paid_prize_orders()
    {
        var (room, roomId) = await LiveRoom();
        var giveaway = NewGiveaway(roomId);
        var started = await giveaway.Start(Host, Terms(winners: 3));
        var entrants = new[] { "zed", "amy", "kim", "bo", "lee" };
        foreach (var user in entrants) Assert.Equal((EntryStatus.Entered, (EntryRequirement?)null), await Enter(giveaway, Viewer(user)));
        await Fails(ErrorCodes.Conflict, giveaway.Entrants);
        await Fails(ErrorCodes.Forbidden, () => giveaway.Draw(Viewer("amy")));

        var drawn = await giveaway.Draw(Host);
        Assert.Equal((GiveawayStatus.Ended, 5), (drawn.Status, drawn.Entrants));
        var seed = Convert.FromHexString(drawn.Seed!);
        Assert.Equal(started.SeedHash, Convert.ToHexStringLower(SHA256.HashData(seed)));
        var published = await giveaway.Entrants();
        Assert.Equal(entrants.Order(StringComparer.Ordinal), published);
        Assert.Equal(FairDraw.Winners(drawn.Seed!, published, 3), drawn.WinnerIds);

        var ended = EventData.Read<GiveawayEndedData>(Assert.Single(await Eventually.ProbeAsync(
            () => ClusterFixture.Publisher.Of(roomId).Where(e => e.Type == GiveawayEventTypes.GiveawayEnded).ToArray(), e => e.Length > 0)).Data);
        Assert.Equal((5, drawn.Seed), (ended.Entrants, ended.Seed));
        Assert.Equal(drawn.WinnerIds, ended.Winners.Select(w => w.UserId));
        Assert.Equal(drawn.WinnerIds!.Select(w => w.ToUpperInvariant()), ended.Winners.Select(w => w.Name));

        foreach (var winner in drawn.WinnerIds!)
        {
            var won = await Eventually.ProbeAsync(
                () => ClusterFixture.Publisher.Personal.Where(p => p.UserId == winner && p.Event.Type == GiveawayEventTypes.GiveawayWon)
                    .Select(p => EventData.Read<GiveawayWonData>(p.Event.Data)).FirstOrDefault(d => d.GiveawayId == drawn.GiveawayId),
                d => d is not null);
            Assert.Equal(("A lip gloss", OrderStatus.Paid, 0m), (won!.Prize, won.Order!.Status, won.Order.Total));
            Assert.Equal(OrderStatus.Paid, (await fixture.Grains.GetGrain<IOrderGrain>(won.Order.OrderId).Get(Viewer(winner))).Status);
        }
        Assert.Equal(7, await Stock(roomId));
        await Fails(ErrorCodes.Conflict, () => giveaway.Draw(Host));
        Assert.Equal((EntryStatus.Ended, (EntryRequirement?)null), await Enter(giveaway, Viewer("late")));
    }

    [Fact]
    public async Task At_the_end_time_the_draw_happens_and_prize_units_nobody_won_go_back()
    {
        var (room, roomId) = await LiveRoom();
        var giveaway = NewGiveaway(roomId);
        await giveaway.Start(Host, Terms(winners: 3, duration: 10));
        await giveaway.Enter(Viewer("solo"));
        Assert.Equal(7, await Stock(roomId));
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(10));
        var drawn = await Drawn(giveaway);
        Assert.Equal(["solo"], drawn.WinnerIds!);
        Assert.Equal(9, await Eventually.ProbeAsync(() => Stock(roomId), s => s == 9));
        // The slot is free again.
        await Eventually.ProbeAsync(room.GetSnapshot, s => s.Giveaways.All(g => g.Status == GiveawayStatus.Ended));
        Assert.Equal(GiveawayStatus.Active, (await NewGiveaway(roomId).Start(Host, Terms(productId: null))).Status);
    }

    [Fact]
    public async Task A_prize_without_a_product_is_won_without_an_order()
    {
        var (_, roomId) = await LiveRoom();
        var giveaway = NewGiveaway(roomId);
        await giveaway.Start(Host, Terms(winners: 1, productId: null));
        await giveaway.Enter(Viewer("shout"));
        var drawn = await giveaway.Draw(Host);
        var won = await Eventually.ProbeAsync(
            () => ClusterFixture.Publisher.Personal.Where(p => p.UserId == "shout" && p.Event.Type == GiveawayEventTypes.GiveawayWon)
                .Select(p => EventData.Read<GiveawayWonData>(p.Event.Data)).FirstOrDefault(d => d.GiveawayId == drawn.GiveawayId),
            d => d is not null);
        Assert.Null(won!.Order);
    }
}
