using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Coupons;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Identity;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Coupons;

/// <summary>Coupon drops on a TestCluster with a fake clock: drop rules, exact claims, the end, the wallet and the cart.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CouponGrainTests(ClusterFixture fixture)
{
    private static readonly Caller Host = Caller.User("coupon-host", Roles.Host, "Host");

    private async Task<(string RoomId, ICouponDropGrain Coupons)> LiveRoom(string[]? sellRegions = null)
    {
        var roomId = TestRooms.NewId("cg");
        await fixture.Grains.LiveRoomAsync(Host, roomId, new CreateRoomRequest { Title = "Coupons", SellRegions = sellRegions }, TestRooms.Product("shoe", 40m), TestRooms.Product("hat", 15m));
        return (roomId, fixture.Grains.GetGrain<ICouponDropGrain>(roomId));
    }

    private static DropCouponRequest Percent(int quota = 50, int? perUserLimit = null, decimal minSpend = 0, params string[] productIds) => new()
    {
        DiscountType = DiscountType.Percent, DiscountValue = 20, MinSpend = minSpend, Quota = quota, PerUserLimit = perUserLimit,
        ClaimSeconds = 60, ProductIds = productIds,
    };

    private static async Task<string> Code(Func<Task> call) => (await Assert.ThrowsAsync<LiveCommerceException>(call)).Code;

    private static Task<RoomEvent[]> LogOf(string roomId, string type) =>
        ClusterFixture.Publisher.UntilAsync(() => ClusterFixture.Publisher.Of(roomId).Where(e => e.Seq is not null && e.Type == type).ToArray(),
            events => events.Length > 0, $"a {type} logged in {roomId}");

    [Fact]
    public async Task Only_the_host_drops_valid_coupons_in_a_live_room_one_at_a_time()
    {
        var (roomId, coupons) = await LiveRoom();
        Assert.Equal(ErrorCodes.Unauthorized, await Code(() => coupons.Drop(Caller.Guest, Percent())));
        Assert.Equal(ErrorCodes.Forbidden, await Code(() => coupons.Drop(Caller.User("viewer"), Percent())));
        Assert.Equal(ErrorCodes.InvalidArgument, await Code(() => coupons.Drop(Host, Percent(quota: 0))));
        Assert.Equal(ErrorCodes.InvalidArgument, await Code(() => coupons.Drop(Host, null)));
        Assert.Equal(ErrorCodes.NotFound, await Code(() => coupons.Drop(Host, Percent(productIds: "sock"))));
        Assert.Equal(ErrorCodes.NotFound, await Code(() => fixture.Grains.GetGrain<ICouponDropGrain>("no-such-room").Drop(Host, Percent())));
        Assert.Empty(await coupons.Board());

        var drop = await coupons.Drop(Host, Percent(productIds: "shoe"));
        Assert.Equal($"{roomId}.c1", drop.CouponId);
        Assert.Equal(CouponDropStatus.Active, drop.Status);
        Assert.Equal(50, drop.Remaining);
        Assert.Equal(ClusterFixture.Time.GetUtcNow().UtcDateTime.AddSeconds(60), drop.ClaimEndsAt);
        Assert.Equal(ErrorCodes.Conflict, await Code(() => coupons.Drop(Host, Percent())));

        var dropped = Assert.Single(await LogOf(roomId, EventTypes.CouponDropped));
        Assert.Equal(drop.CouponId, ((CouponDroppedData)dropped.Data).Coupon.CouponId);
        var snapshot = await fixture.Grains.GetGrain<ILiveRoomGrain>(roomId).GetSnapshot();
        Assert.Equal(drop.CouponId, Assert.Single(snapshot.Coupons).CouponId);
        Assert.Equal(dropped.Seq, snapshot.Seq);

        var ended = fixture.Grains.GetGrain<ILiveRoomGrain>(roomId);
        await ended.End(Host);
        Assert.Equal(ErrorCodes.RoomNotLive, await Code(() => fixture.Grains.GetGrain<ICouponDropGrain>(roomId).Drop(Host, Percent())));
    }

    [Fact]
    public async Task Concurrent_claims_take_exactly_the_quota_and_respect_the_per_user_limit()
    {
        var (roomId, coupons) = await LiveRoom();
        var drop = await coupons.Drop(Host, Percent(quota: 50, perUserLimit: 2));
        // 120 users claim twice at once: 240 attempts for 50 claims, at most 2 each.
        var attempts = Enumerable.Range(0, 240).Select(i => (User: $"u{i % 120}", Task: coupons.Claim(Caller.User($"u{i % 120}"), drop.CouponId))).ToList();
        await Task.WhenAll(attempts.Select(a => a.Task));
        var claimed = attempts.Where(a => a.Task.Result.Status == ClaimStatus.Claimed).ToList();
        Assert.Equal(50, claimed.Count);
        Assert.All(claimed.GroupBy(a => a.User), g => Assert.InRange(g.Count(), 1, 2));
        Assert.All(attempts.Where(a => a.Task.Result.Status != ClaimStatus.Claimed), a => Assert.Equal(ClaimStatus.SoldOut, a.Task.Result.Status));
        Assert.All(claimed, a => Assert.Equal(drop.CouponId, a.Task.Result.Coupon!.CouponId));

        // The last claim ended the drop; latecomers hear soldOut, holders alreadyClaimed at their limit.
        var board = Assert.Single(await coupons.Board());
        Assert.Equal((CouponDropStatus.Ended, 0), (board.Status, board.Remaining));
        var ended = (CouponEndedData)Assert.Single(await LogOf(roomId, EventTypes.CouponEnded)).Data;
        Assert.Equal(50, ended.Claimed);
        Assert.Equal(ClaimStatus.SoldOut, (await coupons.Claim(Caller.User("late"), drop.CouponId)).Status);
        var twice = claimed.GroupBy(a => a.User).FirstOrDefault(g => g.Count() == 2)?.Key;
        if (twice is not null) Assert.Equal(ClaimStatus.AlreadyClaimed, (await coupons.Claim(Caller.User(twice), drop.CouponId)).Status);

        // Every claim reached its wallet.
        foreach (var user in claimed.GroupBy(a => a.User))
        {
            var wallet = await fixture.Grains.GetGrain<IBuyerGrain>(user.Key).GetCoupons(Caller.User(user.Key));
            Assert.Equal(user.Count(), wallet.Count(c => c.CouponId == drop.CouponId));
        }
        var stock = ClusterFixture.Publisher.Of(roomId).Where(e => e.Type == EventTypes.CouponStock).Select(e => (CouponStockData)e.Data).ToList();
        Assert.Equal(0, stock[^1].Remaining);
    }

    [Fact]
    public async Task A_drop_ends_when_its_claim_window_closes_and_bad_claims_change_nothing()
    {
        var (roomId, coupons) = await LiveRoom(sellRegions: ["US"]);
        var drop = await coupons.Drop(Host, Percent(quota: 5));
        Assert.Equal(ErrorCodes.Unauthorized, await Code(() => coupons.Claim(Caller.Guest, drop.CouponId)));
        Assert.Equal(ErrorCodes.NotFound, await Code(() => coupons.Claim(Caller.User("a"), "nope")));
        Assert.Equal(ClaimStatus.RegionBlocked, (await coupons.Claim(Caller.User("fr", region: "FR"), drop.CouponId)).Status);
        Assert.Equal(ClaimStatus.RegionBlocked, (await coupons.Claim(Caller.User("nowhere"), drop.CouponId)).Status);
        var first = await coupons.Claim(Caller.User("us", region: "us"), drop.CouponId);
        Assert.Equal(ClaimStatus.Claimed, first.Status);
        Assert.Equal(ClusterFixture.Time.GetUtcNow().UtcDateTime.AddSeconds(86_400), first.Coupon!.ExpiresAt);
        Assert.Equal(ClaimStatus.AlreadyClaimed, (await coupons.Claim(Caller.User("us", region: "US"), drop.CouponId)).Status);
        Assert.Equal(4, Assert.Single(await coupons.Board()).Remaining);

        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(61));
        var ended = (CouponEndedData)Assert.Single(await LogOf(roomId, EventTypes.CouponEnded)).Data;
        Assert.Equal(1, ended.Claimed);
        Assert.Equal(ClaimStatus.Ended, (await coupons.Claim(Caller.User("us2", region: "US"), drop.CouponId)).Status);
        var snapshot = await Eventually.UntilAsync(fixture.Grains.GetGrain<ILiveRoomGrain>(roomId).GetSnapshot,
            s => s.Coupons.Length == 1 && s.Coupons[0].Status == CouponDropStatus.Ended, "the room shows the coupon ended");
        Assert.Equal(CouponDropStatus.Ended, Assert.Single(snapshot.Coupons).Status);

        // The window closed, so the next drop may start.
        var second = await coupons.Drop(Host, Percent(quota: 5));
        Assert.Equal($"{roomId}.c2", second.CouponId);
        Assert.Equal(2, (await coupons.Board()).Length);
    }

    [Fact]
    public async Task A_coupon_applies_to_the_lines_it_covers_from_minSpend_and_never_below_zero()
    {
        var (roomId, coupons) = await LiveRoom();
        var drop = await coupons.Drop(Host, new DropCouponRequest
        {
            DiscountType = DiscountType.Amount, DiscountValue = 50, MinSpend = 60, Quota = 10, ClaimSeconds = 60, ProductIds = ["shoe"],
        });
        var ann = Caller.User("ann-" + roomId, name: "Ann");
        var buyer = fixture.Grains.GetGrain<IBuyerGrain>(ann.UserId!);
        Assert.Equal(ErrorCodes.InvalidArgument, await Code(() => buyer.ApplyCoupon(ann, drop.CouponId))); // not claimed
        Assert.Equal(ClaimStatus.Claimed, (await coupons.Claim(ann, drop.CouponId)).Status);
        Assert.Equal(ErrorCodes.Forbidden, await Code(() => buyer.ApplyCoupon(Caller.User("other"), drop.CouponId)));

        await buyer.AddToCart(ann, roomId, "shoe", 1);
        var before = await buyer.AddToCart(ann, roomId, "hat", 2);
        // 40 of shoes is below the 60 minimum, whatever the hats add.
        Assert.Equal(ErrorCodes.InvalidArgument, await Code(() => buyer.ApplyCoupon(ann, drop.CouponId)));
        Assert.Equal(before, await buyer.GetCart(ann) with { Lines = before.Lines });

        await buyer.AddToCart(ann, roomId, "shoe", 1);
        var cart = await buyer.ApplyCoupon(ann, drop.CouponId);
        Assert.Equal((110m, 50m, 60m, drop.CouponId), (cart.Subtotal, cart.Discount, cart.Total, cart.CouponId));

        // Fewer shoes: still on the cart, but takes nothing off (checkout would refuse it).
        await buyer.RemoveFromCart(ann, "shoe");
        cart = await buyer.AddToCart(ann, roomId, "shoe", 1);
        Assert.Equal((70m, 0m, 70m, drop.CouponId), (cart.Subtotal, cart.Discount, cart.Total, cart.CouponId));
        cart = await buyer.RemoveCoupon(ann);
        Assert.Equal((70m, 0m, null), (cart.Total, cart.Discount, cart.CouponId));

        var wallet = Assert.Single(await buyer.GetCoupons(ann));
        Assert.Equal((roomId, DiscountType.Amount, 50m, 60m), (wallet.RoomId, wallet.DiscountType, wallet.DiscountValue, wallet.MinSpend));
        Assert.Null(wallet.UsedByOrderId);
    }
}
