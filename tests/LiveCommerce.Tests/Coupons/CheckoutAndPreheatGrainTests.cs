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

/// <summary>On the fake clock: a coupon at checkout and its reuse after a cancel; a pre-heated sale opening on time.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CheckoutAndPreheatGrainTests(ClusterFixture fixture)
{
    private static readonly Caller Host = Caller.User("preheat-host", Roles.Host, "Host");

    private async Task<(string RoomId, ILiveRoomGrain Room)> LiveRoom()
    {
        var roomId = TestRooms.NewId("cp");
        var room = await fixture.Grains.LiveRoomAsync(Host, roomId, new CreateRoomRequest { Title = "Checkout" }, TestRooms.Product("shoe", 40m));
        return (roomId, room);
    }

    [Fact]
    public async Task A_coupon_serves_one_order_and_comes_back_when_that_order_is_cancelled()
    {
        var (roomId, _) = await LiveRoom();
        var drop = await fixture.Grains.GetGrain<ICouponDropGrain>(roomId).Drop(Host, new DropCouponRequest
        {
            DiscountType = DiscountType.Percent, DiscountValue = 25, MinSpend = 50, Quota = 10, ClaimSeconds = 60,
        });
        var bea = Caller.User("bea-" + roomId, name: "Bea");
        var buyer = fixture.Grains.GetGrain<IBuyerGrain>(bea.UserId!);
        await fixture.Grains.GetGrain<ICouponDropGrain>(roomId).Claim(bea, drop.CouponId);
        await buyer.AddToCart(bea, roomId, "shoe", 2);
        await buyer.ApplyCoupon(bea, drop.CouponId);

        // The cart changed below minSpend since: checkout refuses and holds nothing.
        await buyer.RemoveFromCart(bea, "shoe");
        await buyer.AddToCart(bea, roomId, "shoe", 1);
        var refused = await Assert.ThrowsAsync<LiveCommerceException>(() => buyer.Checkout(bea, "k1"));
        Assert.Equal(ErrorCodes.InvalidArgument, refused.Code);
        Assert.Equal(100, (await fixture.Grains.GetGrain<ILiveRoomGrain>(roomId).GetSnapshot()).Products.Single().Stock);

        await buyer.AddToCart(bea, roomId, "shoe", 1);
        var order = await buyer.Checkout(bea, "k2");
        Assert.Equal((80m, 20m, 60m, drop.CouponId), (order.Subtotal, order.Discount, order.Total, order.CouponId));
        Assert.Equal(order.OrderId, Assert.Single(await buyer.GetCoupons(bea)).UsedByOrderId);
        Assert.Null((await buyer.GetCart(bea)).CouponId);

        // Used: no second order with it.
        await buyer.AddToCart(bea, roomId, "shoe", 2);
        Assert.Equal(ErrorCodes.InvalidArgument, (await Assert.ThrowsAsync<LiveCommerceException>(() => buyer.ApplyCoupon(bea, drop.CouponId))).Code);

        // Cancelled: it comes back and serves the next order.
        await fixture.Grains.GetGrain<IOrderGrain>(order.OrderId).Cancel(bea);
        var cart = await buyer.ApplyCoupon(bea, drop.CouponId);
        Assert.Equal(20m, cart.Discount);
        var second = await buyer.Checkout(bea, "k3");
        Assert.Equal((60m, drop.CouponId), (second.Total, second.CouponId));
        Assert.Equal(second.OrderId, Assert.Single(await buyer.GetCoupons(bea)).UsedByOrderId);
    }

    [Fact]
    public async Task A_preheated_sale_is_announced_at_once_refuses_buyers_until_it_opens_and_runs_its_full_duration()
    {
        var (roomId, room) = await LiveRoom();
        var terms = new FlashSaleRequest { ProductId = "shoe", Price = 30m, Quantity = 5, PerUserLimit = 1, DurationSeconds = 60 };
        Assert.Equal(ErrorCodes.InvalidArgument, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.StartFlashSale(Host, terms with { StartsInSeconds = 9 }))).Code);
        Assert.Equal(ErrorCodes.InvalidArgument, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.StartFlashSale(Host, terms with { StartsInSeconds = 301 }))).Code);
        Assert.Empty((await room.GetSnapshot()).FlashSales);

        var now = ClusterFixture.Time.GetUtcNow().UtcDateTime;
        var started = await room.StartFlashSale(Host, terms with { StartsInSeconds = 30 });
        Assert.Equal((now.AddSeconds(30), now.AddSeconds(90)), (started.StartsAt, started.EndsAt));
        var announced = ClusterFixture.Publisher.Of(roomId).Single(e => e.Type == EventTypes.FlashSaleStarted);
        var data = (FlashSaleStartedData)announced.Data;
        Assert.Equal((FlashSaleStatus.Upcoming, now.AddSeconds(30)), (data.Status, data.StartsAt));
        Assert.Equal(FlashSaleStatus.Upcoming, Assert.Single((await room.GetSnapshot()).FlashSales).Status);

        var sale = fixture.Grains.GetGrain<IFlashSaleGrain>(started.SaleId);
        var early = Caller.User("early-" + roomId);
        Assert.Equal(PurchaseStatus.NotStarted, (await sale.Buy(early, 1, "k")).Status);

        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(30));
        var snapshot = await Eventually.UntilAsync(room.GetSnapshot, s => s.FlashSales.Single().Status == FlashSaleStatus.Active, "the pre-heated sale opens");
        Assert.Equal(FlashSaleStatus.Active, snapshot.FlashSales.Single().Status);
        var opened = ClusterFixture.Publisher.Of(roomId).Single(e => e.Type == EventTypes.FlashSaleOpened);
        Assert.Equal(started.SaleId, ((FlashSaleOpenedData)opened.Data).SaleId);
        Assert.True(opened.Seq > announced.Seq);
        // The same key that heard notStarted buys once the sale is open.
        Assert.Equal(PurchaseStatus.Reserved, (await sale.Buy(early, 1, "k")).Status);

        // 59 s after the opening it still sells; at 60 s it has ended.
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(PurchaseStatus.Reserved, (await sale.Buy(Caller.User("mid-" + roomId), 1, "k")).Status);
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(PurchaseStatus.NotActive, (await sale.Buy(Caller.User("late-" + roomId), 1, "k")).Status);
    }
}
