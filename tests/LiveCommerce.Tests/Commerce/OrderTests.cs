using System.Net.Http.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace LiveCommerce.Tests.Commerce;

/// <summary>Holds, payment, expiry, cancel, the cart and checkout, on a server whose clock the test moves.</summary>
public sealed class OrderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private LiveServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LiveServer.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(string RoomId, LiveClient Host, string SaleId)> SaleAsync(int quantity)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("merchant", null, ("flash", 20m, 100), ("mug", 12.5m, 3), ("tee", 24m, 10));
        var host = await _server.ConnectAsync(hostToken);
        var started = await host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId,
            new FlashSaleRequest { ProductId = "flash", Price = 10m, Quantity = quantity, PerUserLimit = 1, DurationSeconds = 3_600 });
        return (roomId, host, started.SaleId);
    }

    private Task<SaleAudit> Audit(string saleId) => _server.Grains.GetGrain<IFlashSaleGrain>(saleId).Audit();

    [Fact]
    public async Task Paying_cancelling_and_expiry_keep_the_books_and_an_expired_order_cannot_be_paid()
    {
        var (roomId, host, saleId) = await SaleAsync(quantity: 3);
        await using var ann = await _server.ConnectAsync(_server.Token("ann"));
        await using var annPhone = await _server.ConnectAsync(_server.Token("ann"), "messagepack");
        await using var bob = await _server.ConnectAsync(_server.Token("bob"));
        await using var cid = await _server.ConnectAsync(_server.Token("cid"));
        await ann.JoinAsync(roomId);
        await bob.JoinAsync(roomId);

        var annBuy = await ann.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "a1");
        var bobBuy = await bob.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "b1");
        var cidBuy = await cid.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "c1");
        Assert.Equal(0, cidBuy.Remaining);

        // ann pays; someone else cannot pay or cancel her order.
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => bob.Connection.InvokeAsync<Order>(HubMethods.PayOrder, annBuy.OrderId));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => bob.Connection.InvokeAsync<Order>(HubMethods.CancelOrder, annBuy.OrderId));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => bob.Connection.InvokeAsync<Order>(HubMethods.PayOrder, "no-such-order"));
        var paid = await ann.Connection.InvokeAsync<Order>(HubMethods.PayOrder, annBuy.OrderId);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => ann.Connection.InvokeAsync<Order>(HubMethods.CancelOrder, annBuy.OrderId));
        // Both of ann's connections hear of it.
        await annPhone.WaitUntilAsync(c => c.Personal.Any(e => e.Type == EventTypes.OrderUpdated
            && EventData.Read<OrderUpdatedData>(e.Data).Order.Status == OrderStatus.Paid), because: "orderUpdated paid on ann's phone");

        // bob cancels: the sale still runs (one unit paid of three), so his unit goes back to the sale.
        var cancelled = await bob.Connection.InvokeAsync<Order>(HubMethods.CancelOrder, bobBuy.OrderId);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        // Personal events go to the user's own connections only: once bob hears of his cancel (sent after ann's
        // payment), nothing of ann's order has reached him.
        await bob.WaitUntilAsync(c => c.Personal.Any(e => e.Type == EventTypes.OrderUpdated
            && EventData.Read<OrderUpdatedData>(e.Data).Order.Status == OrderStatus.Cancelled), because: "orderUpdated cancelled to bob");
        Assert.DoesNotContain(bob.Personal, e => e.Type == EventTypes.OrderUpdated && EventData.Read<OrderUpdatedData>(e.Data).Order.OrderId == annBuy.OrderId);
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => bob.Connection.InvokeAsync<Order>(HubMethods.PayOrder, bobBuy.OrderId));
        var audit = await Audit(saleId);
        Assert.Equal((1, 1, 1), (audit.Sold, audit.Held, audit.Remaining));

        // cid lets the hold run out: expired, units back, cannot pay any more.
        _time.Advance(TimeSpan.FromSeconds(301));
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => cid.Connection.InvokeAsync<Order>(HubMethods.PayOrder, cidBuy.OrderId));
        audit = await Audit(saleId);
        Assert.Equal((1, 0, 2), (audit.Sold, audit.Held, audit.Remaining));
        Assert.Equal(audit.Quantity, audit.Sold + audit.Held + audit.Remaining);
        var cidOrders = await (await _server.Http.SendAsync(_server.Request(HttpMethod.Get, "/api/orders", _server.Token("cid")))).Content.ReadFromJsonAsync<Order[]>();
        Assert.Equal(OrderStatus.Expired, Assert.Single(cidOrders!).Status);

        var stats = await (await _server.Http.SendAsync(_server.Request(HttpMethod.Get, $"/api/rooms/{roomId}/stats", _server.Token("merchant", "host"))))
            .Content.ReadFromJsonAsync<RoomStats>();
        Assert.Equal(3, stats!.Orders);
        Assert.Equal(1, stats.UnitsSold);
        Assert.Equal(10m, stats.Gmv);
        Assert.True(stats.ConversionRate > 0);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_unit_released_early_while_the_sale_runs_can_be_bought_again()
    {
        var (roomId, host, saleId) = await SaleAsync(quantity: 2);
        await using var ann = await _server.ConnectAsync(_server.Token("ann2"));
        await using var bob = await _server.ConnectAsync(_server.Token("bob2"));
        await using var dee = await _server.ConnectAsync(_server.Token("dee2"));
        var first = await ann.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "k");
        Assert.Equal(1, first.Remaining);
        await ann.Connection.InvokeAsync<Order>(HubMethods.CancelOrder, first.OrderId);
        Assert.Equal(PurchaseStatus.Reserved, (await bob.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "k")).Status);
        Assert.Equal(PurchaseStatus.Reserved, (await dee.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "k")).Status);
        var audit = await Audit(saleId);
        Assert.Equal((0, 2, 0), (audit.Sold, audit.Held, audit.Remaining));
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Cart_checkout_holds_stock_once_and_refuses_what_ran_out_without_half_doing_it()
    {
        var (roomId, host, _) = await SaleAsync(quantity: 1);
        var token = _server.Token("shopper");
        await using var tab1 = await _server.ConnectAsync(token);
        await using var tab2 = await _server.ConnectAsync(token, "messagepack");

        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => tab1.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "mug", 0));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => tab1.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "mug", -2));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => tab1.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "ghost", 1));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => tab1.Connection.InvokeAsync<Order>(HubMethods.Checkout, "empty-cart"));
        await tab1.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "mug", 2);
        var cart = await tab1.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "tee", 1);
        Assert.Equal(2 * 12.5m + 24m, cart.Total);
        await tab2.WaitUntilAsync(c => c.Personal.Any(e => e.Type == EventTypes.CartUpdated
            && EventData.Read<CartUpdatedData>(e.Data).Cart.Lines.Length == 2), because: "cartUpdated on the other tab");

        // Someone else takes two of the three mugs first: this checkout must fail whole.
        await using var rival = await _server.ConnectAsync(_server.Token("rival"));
        await rival.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "mug", 2);
        var rivalOrder = await rival.Connection.InvokeAsync<Order>(HubMethods.Checkout, "r1");
        Assert.Equal(OrderStatus.PendingPayment, rivalOrder.Status);
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => tab1.Connection.InvokeAsync<Order>(HubMethods.Checkout, "s1"));
        var products = (await tab1.JoinAsync(roomId)).Products.ToDictionary(p => p.ProductId, p => p.Stock);
        Assert.Equal(1, products["mug"]);
        Assert.Equal(10, products["tee"]);
        Assert.Equal(2, (await tab1.Connection.InvokeAsync<Cart>(HubMethods.GetCart)).Lines.Length);

        // Down to what is there, the checkout goes through, once per key.
        await tab1.Connection.InvokeAsync<Cart>(HubMethods.RemoveFromCart, "mug");
        await tab1.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "mug", 1);
        var order = await tab1.Connection.InvokeAsync<Order>(HubMethods.Checkout, "s2");
        var again = await tab2.Connection.InvokeAsync<Order>(HubMethods.Checkout, "s2");
        Assert.Equal(order.OrderId, again.OrderId);
        Assert.Equal(12.5m + 24m, order.Total);
        Assert.Empty((await tab1.Connection.InvokeAsync<Cart>(HubMethods.GetCart)).Lines);
        products = (await tab1.JoinAsync(roomId)).Products.ToDictionary(p => p.ProductId, p => p.Stock);
        Assert.Equal((0, 9), (products["mug"], products["tee"]));

        var paid = await tab1.Connection.InvokeAsync<Order>(HubMethods.PayOrder, order.OrderId);
        Assert.Equal(OrderStatus.Paid, paid.Status);

        // The rival's hold expires: the mugs go back to stock, and the paid order keeps its units.
        _time.Advance(TimeSpan.FromSeconds(301));
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => rival.Connection.InvokeAsync<Order>(HubMethods.PayOrder, rivalOrder.OrderId));
        products = (await tab1.JoinAsync(roomId)).Products.ToDictionary(p => p.ProductId, p => p.Stock);
        Assert.Equal((2, 9), (products["mug"], products["tee"]));
        var orders = await (await _server.Http.SendAsync(_server.Request(HttpMethod.Get, "/api/orders", token))).Content.ReadFromJsonAsync<Order[]>();
        Assert.Equal(order.OrderId, Assert.Single(orders!).OrderId);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Deactivating_the_sale_and_room_mid_sale_loses_no_acknowledged_order_and_sells_no_unit_twice()
    {
        var (roomId, host, saleId) = await SaleAsync(quantity: 20);
        var before = new List<PurchaseResult>();
        for (var i = 0; i < 10; i++)
        {
            await using var buyer = await _server.ConnectAsync(_server.Token($"early{i}"));
            before.Add(await buyer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "k"));
        }

        var management = _server.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        var audit = await Audit(saleId);
        Assert.Equal((10, 10), (audit.Held, audit.Remaining));
        // Retrying an acknowledged purchase after the reactivation returns the same order.
        await using (var retry = await _server.ConnectAsync(_server.Token("early0")))
            Assert.Equal(before[0].OrderId, (await retry.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "k")).OrderId);
        for (var i = 0; i < 15; i++)
        {
            await using var buyer = await _server.ConnectAsync(_server.Token($"late{i}"));
            await buyer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "k");
        }
        audit = await Audit(saleId);
        Assert.Equal((20, 0), (audit.Held, audit.Remaining));
        Assert.Equal(20, audit.UnitsPerUser.Count);
        await host.DisposeAsync();
    }
}
