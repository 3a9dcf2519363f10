using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Coupons;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Coupons;

/// <summary>Coupon drops over the real hub in both protocols: the claim stampede, the cart, and bad input.</summary>
public sealed class CouponHubTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static DropCouponRequest Drop(int quota, int perUserLimit = 1) => new()
    {
        DiscountType = DiscountType.Percent, DiscountValue = 10, Quota = quota, PerUserLimit = perUserLimit, ClaimSeconds = 600,
    };

    [Fact]
    public async Task A_claim_stampede_of_500_viewers_on_a_quota_of_50_gives_exactly_50_claims_one_per_user()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("coupon-host");
        await using var host = await _server.ConnectAsync(hostToken, "messagepack");
        await host.JoinAsync(roomId);
        var drop = await host.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, Drop(quota: 50));

        const int viewers = 500;
        var clients = new LiveClient[viewers];
        await Parallel.ForEachAsync(Enumerable.Range(0, viewers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            clients[i] = await _server.ConnectAsync(_server.Token($"fan{i}"), i % 2 == 0 ? "json" : "messagepack");
            await clients[i].JoinAsync(roomId);
        });

        // Every viewer taps twice at once: 1,000 attempts.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = clients.SelectMany((client, i) => Enumerable.Range(0, 2).Select(async _ =>
        {
            await go.Task;
            return (User: $"fan{i}", Result: await client.Connection.InvokeAsync<ClaimCouponResult>(HubMethods.ClaimCoupon, roomId, drop.CouponId));
        })).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        var claimed = results.Where(r => r.Result.Status == ClaimStatus.Claimed).ToList();
        Assert.Equal(50, claimed.Count);
        Assert.Equal(50, claimed.Select(r => r.User).Distinct().Count());
        Assert.All(claimed, r => Assert.Equal((drop.CouponId, roomId), (r.Result.Coupon!.CouponId, r.Result.Coupon.RoomId)));
        Assert.All(results.Where(r => r.Result.Status != ClaimStatus.Claimed),
            r => Assert.Contains(r.Result.Status, new[] { ClaimStatus.SoldOut, ClaimStatus.AlreadyClaimed }));
        // A claimant's second tap is alreadyClaimed, never a second coupon.
        Assert.All(results.Where(r => claimed.Any(c => c.User == r.User) && r.Result.Status != ClaimStatus.Claimed),
            r => Assert.Equal(ClaimStatus.AlreadyClaimed, r.Result.Status));

        // Viewers see the counter reach 0 and the drop end with 50 claims.
        await Task.WhenAll(clients.Where((_, i) => i % 25 == 0).Append(host).Select(c => c.WaitUntilAsync(
            x => x.LatestState<CouponStockData>(EventTypes.CouponStock)?.Remaining == 0, TimeSpan.FromSeconds(15), "couponStock 0")));
        await host.WaitUntilAsync(x => x.Received.Any(e => e.Type == EventTypes.CouponEnded), because: "couponEnded");
        Assert.Equal(50, EventData.Read<CouponEndedData>(host.Received.Last(e => e.Type == EventTypes.CouponEnded).Data).Claimed);
        var board = Assert.Single((await clients[1].JoinAsync(roomId)).Coupons);
        Assert.Equal((CouponDropStatus.Ended, 0, 50), (board.Status, board.Remaining, board.Quota));

        // Each claimant's wallet holds exactly one, whatever protocol it asks with.
        var winners = claimed.Select(c => int.Parse(c.User[3..])).Take(4);
        foreach (var i in winners)
            Assert.Equal(drop.CouponId, Assert.Single(await clients[i].Connection.InvokeAsync<ClaimedCoupon[]>(HubMethods.GetCoupons)).CouponId);

        await Parallel.ForEachAsync(clients, async (c, _) => await c.DisposeAsync());
    }

    [Theory, MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task A_claimed_coupon_discounts_the_cart_and_bad_calls_get_their_codes(string protocol)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("cart-host", null, ("p1", 10m, 100), ("p2", 25m, 50));
        await using var host = await _server.ConnectAsync(hostToken, protocol);
        await using var viewer = await _server.ConnectAsync(_server.Token("shopper"), protocol);
        await using var guest = await _server.ConnectAsync(null, protocol);
        await viewer.JoinAsync(roomId);

        // Bad drops and claims change nothing.
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, Drop(5)));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, Drop(5)));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, Drop(5) with { DiscountValue = 95 }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, Drop(5) with { ClaimSeconds = 5 }));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, Drop(5) with { ProductIds = ["ghost"] }));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, "bad room!", Drop(5)));
        Assert.Empty((await viewer.JoinAsync(roomId)).Coupons);

        var drop = await host.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, new DropCouponRequest
        {
            DiscountType = DiscountType.Amount, DiscountValue = 5, MinSpend = 20, Quota = 5, ClaimSeconds = 60, ProductIds = ["p1"],
        });
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => host.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, Drop(5)));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.Connection.InvokeAsync<ClaimCouponResult>(HubMethods.ClaimCoupon, roomId, roomId + ".c9"));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync<ClaimCouponResult>(HubMethods.ClaimCoupon, roomId, drop.CouponId));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync<ClaimedCoupon[]>(HubMethods.GetCoupons));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync<Cart>(HubMethods.ApplyCoupon, drop.CouponId));
        Assert.Empty(await viewer.Connection.InvokeAsync<ClaimedCoupon[]>(HubMethods.GetCoupons));

        var claim = await viewer.Connection.InvokeAsync<ClaimCouponResult>(HubMethods.ClaimCoupon, roomId, drop.CouponId);
        Assert.Equal(ClaimStatus.Claimed, claim.Status);
        await viewer.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "p1", 1);
        await viewer.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "p2", 1);
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync<Cart>(HubMethods.ApplyCoupon, drop.CouponId));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync<Cart>(HubMethods.ApplyCoupon, "not an id"));
        Assert.Null((await viewer.Connection.InvokeAsync<Cart>(HubMethods.GetCart)).CouponId);

        await viewer.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "p1", 1);
        var cart = await viewer.Connection.InvokeAsync<Cart>(HubMethods.ApplyCoupon, drop.CouponId);
        Assert.Equal((45m, 5m, 40m, drop.CouponId), (cart.Subtotal, cart.Discount, cart.Total, cart.CouponId));
        await viewer.WaitUntilAsync(c => c.Personal.Any(e => e.Type == EventTypes.CartUpdated
            && EventData.Read<CartUpdatedData>(e.Data).Cart.CouponId == drop.CouponId), because: "cartUpdated with the coupon");
        cart = await viewer.Connection.InvokeAsync<Cart>(HubMethods.RemoveCoupon);
        Assert.Equal((45m, 0m, 45m, (string?)null), (cart.Subtotal, cart.Discount, cart.Total, cart.CouponId));
    }
}
