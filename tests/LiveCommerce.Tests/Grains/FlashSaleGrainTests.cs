using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Identity;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Grains;

/// <summary>
/// The v1.1 flash-sale rules and the durable follow-ups, on a TestCluster whose clock the tests move
/// (holds last <see cref="HoldSeconds"/>): sale, orders and shelf checked against each other.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FlashSaleGrainTests(ClusterFixture fixture)
{
    private const int HoldSeconds = 300;
    private const int Stock = 10;
    private static readonly Caller Host = Caller.User("sale-host", Roles.Host, "Host");

    private sealed record Sale(string RoomId, string SaleId, IFlashSaleGrain Grain, IShelfGrain Shelf, ILiveRoomGrain Room);

    private async Task<Sale> StartAsync(int quantity, int durationSeconds)
    {
        var roomId = "fs" + Guid.NewGuid().ToString("N")[..10];
        var room = fixture.Grains.GetGrain<ILiveRoomGrain>(roomId);
        await room.Create(Host, new CreateRoomRequest { Title = "Sale rules" });
        await room.AddProduct(Host, new AddProductRequest { ProductId = "p1", Name = "One", Price = 5m, Currency = "USD", Stock = Stock });
        await room.Start(Host);
        var started = await room.StartFlashSale(Host, new FlashSaleRequest { ProductId = "p1", Price = 4m, Quantity = quantity, PerUserLimit = 1, DurationSeconds = durationSeconds });
        return new Sale(roomId, started.SaleId, fixture.Grains.GetGrain<IFlashSaleGrain>(started.SaleId), fixture.Grains.GetGrain<IShelfGrain>(roomId), room);
    }

    private static Task<PurchaseResult> Buy(Sale sale, string user, string key = "k") => sale.Grain.Buy(Caller.User(user), 1, key);

    private IOrderGrain Order(string orderId) => fixture.Grains.GetGrain<IOrderGrain>(orderId);

    private static void Advance(int seconds) => ClusterFixture.Time.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>Moves the clock a second at a time (the grains' timers retry on it) until the condition holds.</summary>
    private static Task<T> Settles<T>(Func<Task<T>> probe, Func<T, bool> done, string what) =>
        Eventually.OnClockAsync(ClusterFixture.Time, probe, done, what);

    private static bool Heard(string userId, string orderId, OrderStatus status) =>
        ClusterFixture.Publisher.Personal.Any(p => p.UserId == userId && p.Event.Data is OrderUpdatedData d && d.Order.OrderId == orderId && d.Order.Status == status);

    [Fact]
    public async Task All_held_stays_active_released_units_sell_again_and_all_paid_ends_sold_out()
    {
        var sale = await StartAsync(quantity: 3, durationSeconds: 3_600);
        var ann = await Buy(sale, "ann");
        var bob = await Buy(sale, "bob");
        var cid = await Buy(sale, "cid");

        // Every unit held, none paid: still active at remaining 0, and the next buyer hears soldOut.
        var audit = await sale.Grain.Audit();
        Assert.Equal((FlashSaleStatus.Active, 3, 0), (audit.Status, audit.Held, audit.Remaining));
        Assert.Equal(PurchaseStatus.SoldOut, (await Buy(sale, "dee")).Status);
        Assert.Equal(FlashSaleStatus.Active, (await sale.Room.GetSnapshot()).FlashSales.Single().Status);

        // ann cancels: her unit is back in the sale, and dee, who heard soldOut, gets it with the same key.
        Assert.Equal(OrderStatus.Cancelled, (await Order(ann.OrderId!).Cancel(Caller.User("ann"))).Status);
        Assert.Equal(1, (await sale.Grain.Audit()).Remaining);
        var dee = await Buy(sale, "dee");
        Assert.Equal(PurchaseStatus.Reserved, dee.Status);

        // bob and dee pay; cid's hold runs out: expired, and the unit is back for eve.
        Advance(HoldSeconds - 100);
        await Order(bob.OrderId!).Pay(Caller.User("bob"));
        await Order(dee.OrderId!).Pay(Caller.User("dee"));
        Advance(101);
        audit = await sale.Grain.Audit();
        Assert.Equal((FlashSaleStatus.Active, 2, 0, 1), (audit.Status, audit.Sold, audit.Held, audit.Remaining));
        await Settles(() => Task.FromResult(Heard("cid", cid.OrderId!, OrderStatus.Expired)), heard => heard, "cid's order marked expired");
        var eve = await Buy(sale, "eve");
        Assert.Equal(PurchaseStatus.Reserved, eve.Status);
        Assert.Equal(FlashSaleStatus.Active, (await sale.Grain.Audit()).Status);

        // The last unit paid: now the sale ends soldOut, and the room logs it.
        await Order(eve.OrderId!).Pay(Caller.User("eve"));
        audit = await sale.Grain.Audit();
        Assert.Equal((FlashSaleStatus.Ended, FlashSaleEndReason.SoldOut, 3, 0, 0), (audit.Status, audit.EndReason, audit.Sold, audit.Held, audit.Remaining));
        Assert.True(audit.Balances);
        Assert.Equal(PurchaseStatus.SoldOut, (await Buy(sale, "fay")).Status);
        var snapshot = await Settles(sale.Room.GetSnapshot, s => s.FlashSales.Single().Status == FlashSaleStatus.Ended, "the room logs the end");
        var ended = ClusterFixture.Publisher.Of(sale.RoomId).Single(e => e.Type == EventTypes.FlashSaleEnded);
        Assert.Equal(new FlashSaleEndedData { SaleId = sale.SaleId, Sold = 3, Reason = FlashSaleEndReason.SoldOut }, ended.Data);

        // The shelf: three sold, the rest left, and the room's snapshot shows it.
        var shelf = await Settles(sale.Shelf.Audit, a => a.Of("p1").Sold == 3, "the shelf hears of every payment");
        Assert.Equal(new ProductAudit("p1", Stock, Sold: 3, Held: 0, Left: Stock - 3), shelf.Of("p1"));
        Assert.True(shelf.Balances);
        await Settles(sale.Room.GetSnapshot, s => s.Products.Single().Stock == Stock - 3, "the room shows the shelf's stock");
        Assert.Equal(0, snapshot.FlashSales.Single().Remaining);
    }

    [Fact]
    public async Task At_the_end_held_units_stay_with_their_orders_and_go_to_the_product_when_released()
    {
        var sale = await StartAsync(quantity: 5, durationSeconds: 60);
        var ann = await Buy(sale, "ann");
        var bob = await Buy(sale, "bob");
        Advance(61);

        // Ended at endsAt: the three unsold units go back to the product, the two held stay held.
        var audit = await sale.Grain.Audit();
        Assert.Equal((FlashSaleStatus.Ended, FlashSaleEndReason.Expired, 2, 0, 3), (audit.Status, audit.EndReason, audit.Held, audit.Remaining, audit.Returned));
        Assert.Equal(PurchaseStatus.NotActive, (await Buy(sale, "cid")).Status);
        var shelf = await Settles(sale.Shelf.Audit, a => a.Of("p1").Left == Stock - 2, "the unsold units back on the shelf");
        Assert.Equal(new ProductAudit("p1", Stock, Sold: 0, Held: 2, Left: Stock - 2), shelf.Of("p1"));

        // ann pays (sold), bob cancels (his unit goes to the product, not back to the ended sale).
        Assert.Equal(OrderStatus.Paid, (await Order(ann.OrderId!).Pay(Caller.User("ann"))).Status);
        Assert.Equal(OrderStatus.Cancelled, (await Order(bob.OrderId!).Cancel(Caller.User("bob"))).Status);
        audit = await sale.Grain.Audit();
        Assert.Equal((1, 0, 0, 4), (audit.Sold, audit.Held, audit.Remaining, audit.Returned));
        Assert.True(audit.Balances);
        shelf = await Settles(sale.Shelf.Audit, a => a.Of("p1").Held == 0, "every move reaches the shelf");
        Assert.Equal(new ProductAudit("p1", Stock, Sold: 1, Held: 0, Left: Stock - 1), shelf.Of("p1"));
        Assert.Equal(0, shelf.OpenHolds);
    }

    [Fact]
    public async Task When_the_calls_that_return_units_fail_for_a_while_every_unit_comes_back_and_no_order_stays_pending()
    {
        var sale = await StartAsync(quantity: 4, durationSeconds: HoldSeconds + 60);
        var buyers = new[] { "ann", "bob", "cid", "dee" };
        var orders = new List<(string User, string OrderId)>();
        foreach (var user in buyers) orders.Add((user, (await Buy(sale, user)).OrderId!));
        // A cart order on the same shelf too: its hold is the shelf's own to expire.
        var cartBuyer = fixture.Grains.GetGrain<IBuyerGrain>("eve");
        await cartBuyer.AddToCart(Caller.User("eve"), sale.RoomId, "p1", 2);
        var cartOrder = await cartBuyer.Checkout(Caller.User("eve"), "checkout-1");
        orders.Add(("eve", cartOrder.OrderId));

        using (var faults = Faults.Inject(nameof(IShelfGrain.Settle), nameof(IShelfGrain.Release), nameof(IOrderGrain.MarkExpired), nameof(IOrderGrain.OnHoldClosed), nameof(IRoomInbox.OnFlashSaleEnded)))
        {
            // Every hold runs out, then the sale: its units should go back to the shelf, the orders hear of
            // it, the room logs the end; every one of those calls fails now, for many retries.
            Advance(HoldSeconds + 61);
            var stuck = await sale.Grain.Audit();
            Assert.Equal((FlashSaleStatus.Ended, 0, 4), (stuck.Status, stuck.Held, stuck.Returned));
            // The timers retry, a second at a time, until the follow-ups have met the faults again and again (the
            // outbox delivers in order, so the first ones keep failing and the rest wait behind them).
            await Settles(() => Task.FromResult(faults.Failed), failed => failed >= 20, "the follow-ups retried into the faults");
            stuck = await sale.Grain.Audit();
            Assert.True(stuck.FollowUpsPending >= 6, $"follow-ups pending: {stuck.FollowUpsPending}"); // 4 orders, the units, the end
            var shelfMeanwhile = await sale.Shelf.Audit();
            Assert.True(shelfMeanwhile.Balances);
            Assert.Equal(4, shelfMeanwhile.Of("p1").Held); // still the sale's: nothing lost, nothing counted twice
            Assert.DoesNotContain(orders, o => Heard(o.User, o.OrderId, OrderStatus.Expired));
        }

        // Recovered: every follow-up is delivered, once.
        await Settles(sale.Grain.Audit, a => a.FollowUpsPending == 0, "the sale's outbox drains");
        var shelf = await Settles(sale.Shelf.Audit, a => a.Of("p1").Held == 0, "the units back on the shelf");
        Assert.Equal(new ProductAudit("p1", Stock, Sold: 0, Held: 0, Left: Stock), shelf.Of("p1"));
        Assert.True(shelf.Balances);
        foreach (var (user, orderId) in orders)
            await Settles(() => Task.FromResult(Heard(user, orderId, OrderStatus.Expired)), heard => heard, $"{user}'s order marked expired");
        await Settles(sale.Room.GetSnapshot, s => s.FlashSales.Single().Status == FlashSaleStatus.Ended, "the room logs the end");
        Assert.Single(ClusterFixture.Publisher.Of(sale.RoomId), e => e.Type == EventTypes.FlashSaleEnded);
        var audit = await sale.Grain.Audit();
        Assert.True(audit.Balances);
        Assert.Equal((0, 0, 0, 4), (audit.Sold, audit.Held, audit.Remaining, audit.Returned));
    }
}
