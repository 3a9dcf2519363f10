using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Grains;

/// <summary>
/// Issue #9 finding 6: finished holds and reservations leave hot state once their orders have recorded how
/// they ended, so one viewer's checkout+cancel and buy+cancel cycles leave nothing behind; a retried key of
/// a compacted reservation still answers the same order; open orders per user are capped.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CompactionGrainTests(ClusterFixture fixture)
{
    private const int Cycles = 400;
    private const int Stock = 50;
    private static readonly Caller Host = Caller.User("compaction-host", Roles.Host, "Host");

    private async Task<(string RoomId, ILiveRoomGrain Room, IShelfGrain Shelf)> RoomAsync()
    {
        var roomId = "cp" + Guid.NewGuid().ToString("N")[..10];
        var room = fixture.Grains.GetGrain<ILiveRoomGrain>(roomId);
        await room.Create(Host, new CreateRoomRequest { Title = "Compaction" });
        await room.AddProduct(Host, new AddProductRequest { ProductId = "p1", Name = "One", Price = 5m, Currency = "USD", Stock = Stock });
        await room.Start(Host);
        return (roomId, room, fixture.Grains.GetGrain<IShelfGrain>(roomId));
    }

    private IOrderGrain Order(string orderId) => fixture.Grains.GetGrain<IOrderGrain>(orderId);

    /// <summary>Follow-ups are delivered right after each write (retried each second): poll until settled.</summary>
    private static Task<T> Settled<T>(Func<Task<T>> probe, Func<T, bool> done, string what) =>
        Eventually.UntilAsync(probe, done, what, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Checkout_and_cancel_cycles_leave_no_holds_and_a_compacted_key_answers_its_order()
    {
        var (roomId, _, shelf) = await RoomAsync();
        var user = Caller.User("cycler-" + roomId);
        var buyer = fixture.Grains.GetGrain<IBuyerGrain>(user.UserId!);
        var first = "";
        for (var i = 0; i < Cycles; i++)
        {
            await buyer.AddToCart(user, roomId, "p1", 2);
            var order = await buyer.Checkout(user, $"checkout-{i}");
            Assert.Equal(OrderStatus.Cancelled, (await Order(order.OrderId).Cancel(user)).Status);
            if (i == 0) first = order.OrderId;
        }

        var audit = await Settled(shelf.Audit, a => a.HoldsKept == 0, "every closed hold compacted");
        Assert.True(audit.Balances);
        Assert.Equal(new ProductAudit("p1", Stock, Sold: 0, Held: 0, Left: Stock), audit.Of("p1"));
        var footprint = await buyer.Footprint();
        Assert.InRange(footprint.RecentOrders, 1, 200);
        Assert.Equal(0, footprint.CheckoutKeys);
        Assert.True(footprint.OpenOrders <= 20, $"open orders kept: {footprint.OpenOrders}");

        // The first key again, long compacted: the same order, cancelled; nothing is held, the cart is untouched.
        await buyer.AddToCart(user, roomId, "p1", 1);
        var retried = await buyer.Checkout(user, "checkout-0");
        Assert.Equal((first, OrderStatus.Cancelled), (retried.OrderId, retried.Status));
        Assert.Single((await buyer.GetCart(user)).Lines);
        Assert.Equal(0, (await shelf.Audit()).Of("p1").Held);

        // Every order is still listed, newest first, the oldest ones from the pages.
        var newest = await buyer.ListOrders(user, 0, 10);
        Assert.Equal(10, newest.Length);
        var oldest = await buyer.ListOrders(user, Cycles - 5, 10);
        Assert.Equal(5, oldest.Length);
        Assert.Equal(first, oldest[^1].OrderId);
        Assert.True(newest[0].CreatedAt >= oldest[0].CreatedAt);
    }

    [Fact]
    public async Task Buy_and_cancel_cycles_leave_no_reservations_and_paid_units_still_count_against_the_limit()
    {
        var (roomId, room, shelf) = await RoomAsync();
        var started = await room.StartFlashSale(Host, new FlashSaleRequest { ProductId = "p1", Price = 4m, Quantity = 10, PerUserLimit = 1, DurationSeconds = 3_600 });
        var sale = fixture.Grains.GetGrain<IFlashSaleGrain>(started.SaleId);
        var user = Caller.User("buyer-" + roomId);
        var first = "";
        for (var i = 0; i < Cycles; i++)
        {
            var bought = await sale.Buy(user, 1, $"buy-{i}");
            Assert.Equal(PurchaseStatus.Reserved, bought.Status);
            await Order(bought.OrderId!).Cancel(user);
            if (i == 0) first = bought.OrderId!;
        }
        var audit = await Settled(sale.Audit, a => a.ReservationsKept == 0 && a.FollowUpsPending == 0, "every closed reservation compacted");
        Assert.Equal((0, 0, 10, 0), (audit.KeysKept, audit.Held, audit.Remaining, audit.Sold));

        // A compacted key answers its reservation again (the same order, its hold time), reserving nothing.
        var retried = await sale.Buy(user, 1, "buy-0");
        Assert.Equal((PurchaseStatus.Reserved, first), (retried.Status, retried.OrderId));
        Assert.Equal((await Order(first).Get(user)).HoldExpiresAt, retried.HoldExpiresAt);
        Assert.Equal(10, (await sale.Audit()).Remaining);

        // Paid and compacted, the unit still counts against the per-user limit.
        var paid = await sale.Buy(user, 1, "pay-me");
        Assert.Equal(OrderStatus.Paid, (await Order(paid.OrderId!).Pay(user)).Status);
        audit = await Settled(sale.Audit, a => a.ReservationsKept == 0, "the paid reservation compacted");
        Assert.Equal(1, audit.UnitsPerUser[user.UserId!]);
        Assert.True(audit.Balances);
        Assert.Equal(PurchaseStatus.LimitExceeded, (await sale.Buy(user, 1, "one-more")).Status);
        Assert.Equal(OrderStatus.Paid, (await Order(paid.OrderId!).Get(user)).Status);
        var shelfAudit = await Settled(shelf.Audit, a => a.Of("p1").Sold == 1, "the sale's payment on the shelf");
        Assert.True(shelfAudit.Balances);
    }

    [Fact]
    public async Task Open_orders_are_capped_per_user_and_a_refusal_holds_nothing()
    {
        var (roomId, room, shelf) = await RoomAsync();
        var started = await room.StartFlashSale(Host, new FlashSaleRequest { ProductId = "p1", Price = 4m, Quantity = 5, PerUserLimit = 5, DurationSeconds = 3_600 });
        var sale = fixture.Grains.GetGrain<IFlashSaleGrain>(started.SaleId);
        var user = Caller.User("hoarder-" + roomId);
        var buyer = fixture.Grains.GetGrain<IBuyerGrain>(user.UserId!);
        var open = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            await buyer.AddToCart(user, roomId, "p1", 1);
            open.Add((await buyer.Checkout(user, $"hold-{i}")).OrderId);
        }
        var before = await shelf.Audit();
        Assert.Equal(20, before.Of("p1").Held - 5);

        // The 21st open order: conflict, by checkout and by flash sale; nothing more is held.
        await buyer.AddToCart(user, roomId, "p1", 1);
        var refused = await Assert.ThrowsAsync<LiveCommerceException>(() => buyer.Checkout(user, "hold-20"));
        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains("Commerce:OpenOrdersPerUser", refused.Message);
        var refusedBuy = await Assert.ThrowsAsync<LiveCommerceException>(() => sale.Buy(user, 1, "sale-1"));
        Assert.Equal(ErrorCodes.Conflict, refusedBuy.Code);
        Assert.Equal((5, 0), ((await sale.Audit()).Remaining, (await sale.Audit()).ReservationsKept));
        Assert.Equal(before.Of("p1"), (await shelf.Audit()).Of("p1"));
        Assert.Single((await buyer.GetCart(user)).Lines);

        // Paying one frees a place: the same keys now go through.
        await Order(open[0]).Pay(user);
        Assert.Equal(OrderStatus.PendingPayment, (await buyer.Checkout(user, "hold-20")).Status);
        await Order(open[1]).Cancel(user);
        Assert.Equal(PurchaseStatus.Reserved, (await sale.Buy(user, 1, "sale-1")).Status);
    }
}
