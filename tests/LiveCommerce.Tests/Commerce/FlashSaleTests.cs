using System.Net.Http.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Commerce;

/// <summary>Flash sales over the real hub: the stampede, idempotency, limits, regions and bad input.</summary>
public sealed class FlashSaleTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(string RoomId, LiveClient Host, string SaleId)> SaleAsync(int quantity, int perUserLimit, string[]? regions = null, int stock = 1_000)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("seller", regions, ("flash", 20m, stock));
        var host = await _server.ConnectAsync(hostToken);
        await host.JoinAsync(roomId);
        var started = await host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId,
            new FlashSaleRequest { ProductId = "flash", Price = 9.99m, Quantity = quantity, PerUserLimit = perUserLimit, DurationSeconds = 600 });
        return (roomId, host, started.SaleId);
    }

    [Fact]
    public async Task A_stampede_of_a_thousand_buyers_on_a_hundred_units_sells_exactly_a_hundred()
    {
        var (roomId, host, saleId) = await SaleAsync(quantity: 100, perUserLimit: 1);
        const int buyers = 1_000;
        var clients = new LiveClient[buyers];
        await Parallel.ForEachAsync(Enumerable.Range(0, buyers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            clients[i] = await _server.ConnectAsync(_server.Token($"buyer{i}"), i % 2 == 0 ? "json" : "messagepack");
            await clients[i].JoinAsync(roomId);
        });

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = clients.Select(async (client, i) =>
        {
            await go.Task;
            return (User: $"buyer{i}", Result: await client.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, $"key-{i}"));
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        var reserved = results.Where(r => r.Result.Status == PurchaseStatus.Reserved).ToList();
        Assert.Equal(100, reserved.Count);
        Assert.Equal(900, results.Count(r => r.Result.Status == PurchaseStatus.SoldOut));
        Assert.Equal(100, reserved.Select(r => r.Result.OrderId).Distinct().Count());

        // The invariant, from the orders themselves.
        var orders = await Task.WhenAll(reserved.Select(async r =>
            Assert.Single((await _server.Http.SendAsync(_server.Request(HttpMethod.Get, "/api/orders", _server.Token(r.User))))
                .Content.ReadFromJsonAsync<Order[]>().Result!)));
        Assert.All(orders, o => Assert.Equal(OrderStatus.PendingPayment, o.Status));
        Assert.Equal(100, orders.Sum(o => o.Lines.Sum(l => l.Quantity)));
        Assert.Equal(100, orders.Select(o => o.UserId).Distinct().Count());
        var audit = await _server.Grains.GetGrain<IFlashSaleGrain>(saleId).Audit();
        Assert.Equal((100, 0, 100, 0), (audit.Quantity, audit.Sold, audit.Held, audit.Remaining));
        Assert.All(audit.UnitsPerUser.Values, units => Assert.Equal(1, units));

        // Every viewer's last stock event says 0; every unit is held, none paid, so the sale stays
        // active (PROTOCOL.md v1.1) and latecomers hear soldOut.
        await Task.WhenAll(clients.Append(host).Select(c => c.WaitUntilAsync(
            x => x.LatestState<StockData>(EventTypes.Stock)?.Remaining == 0, TimeSpan.FromSeconds(15), "stock 0")));
        Assert.Equal(FlashSaleStatus.Active, audit.Status);
        Assert.Equal(FlashSaleStatus.Active, (await host.JoinAsync(roomId)).FlashSales.Single().Status);
        Assert.DoesNotContain(host.Received, e => e.Type == EventTypes.FlashSaleEnded);
        var loser = Array.FindIndex(results, r => r.Result.Status == PurchaseStatus.SoldOut);
        Assert.Equal(PurchaseStatus.SoldOut, (await clients[loser].Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "late")).Status);

        // The shelf's own books: the sale holds its 100 units, 900 are left, nothing is lost.
        var shelf = await _server.Grains.GetGrain<IShelfGrain>(roomId).Audit();
        Assert.True(shelf.Balances, $"shelf books: {string.Join(", ", shelf.Products.Select(p => p.ToString()))}");
        Assert.Equal(new ProductAudit("flash", PutUp: 1_000, Sold: 0, Held: 100, Left: 900), shelf.Of("flash"));

        await Parallel.ForEachAsync(clients, async (c, _) => await c.DisposeAsync());
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Retries_with_the_same_key_reserve_once_whether_concurrent_or_sequential()
    {
        var (roomId, host, saleId) = await SaleAsync(quantity: 10, perUserLimit: 5);
        await using var buyer = await _server.ConnectAsync(_server.Token("retrier"));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            buyer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 2, "same-key")));
        var again = await buyer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 2, "same-key");

        Assert.All(concurrent.Append(again), r => Assert.Equal(PurchaseStatus.Reserved, r.Status));
        Assert.Single(concurrent.Append(again).Select(r => r.OrderId).Distinct());
        var audit = await _server.Grains.GetGrain<IFlashSaleGrain>(saleId).Audit();
        Assert.Equal(2, audit.Held);
        Assert.Equal(8, audit.Remaining);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task The_per_user_limit_holds_across_calls_and_connections()
    {
        var (roomId, host, saleId) = await SaleAsync(quantity: 50, perUserLimit: 2);
        var token = _server.Token("eager");
        await using var phone = await _server.ConnectAsync(token);
        await using var laptop = await _server.ConnectAsync(token, "messagepack");

        Assert.Equal(PurchaseStatus.Reserved, (await phone.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "a")).Status);
        Assert.Equal(PurchaseStatus.LimitExceeded, (await laptop.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 2, "b")).Status);
        Assert.Equal(PurchaseStatus.Reserved, (await laptop.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "c")).Status);
        var results = await Task.WhenAll(
            phone.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "d"),
            laptop.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "e"));
        Assert.All(results, r => Assert.Equal(PurchaseStatus.LimitExceeded, r.Status));
        Assert.Equal(2, (await _server.Grains.GetGrain<IFlashSaleGrain>(saleId).Audit()).UnitsPerUser["eager"]);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Buyers_outside_the_sell_regions_are_blocked_but_may_still_watch_and_comment()
    {
        var (roomId, host, saleId) = await SaleAsync(quantity: 5, perUserLimit: 1, regions: ["US", "CA"]);
        await using var german = await _server.ConnectAsync(_server.Token("hans", region: "DE"));
        await using var unknown = await _server.ConnectAsync(_server.Token("nobody"));
        await using var american = await _server.ConnectAsync(_server.Token("amy", region: "US"));
        await german.JoinAsync(roomId);
        await german.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "hallo");

        Assert.Equal(PurchaseStatus.RegionBlocked, (await german.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "k")).Status);
        Assert.Equal(PurchaseStatus.RegionBlocked, (await unknown.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "k")).Status);
        Assert.Equal(PurchaseStatus.Reserved, (await american.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "k")).Status);
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => german.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "flash", 1));
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Invalid_sale_calls_get_their_codes_and_change_nothing()
    {
        var (roomId, host, saleId) = await SaleAsync(quantity: 10, perUserLimit: 1);
        var (otherRoom, _) = await _server.CreateLiveRoomAsync("other-seller");
        await using var viewer = await _server.ConnectAsync(_server.Token("picky"));
        await using var guest = await _server.ConnectAsync(null);
        var terms = new FlashSaleRequest { ProductId = "flash", Price = 5m, Quantity = 1, PerUserLimit = 1, DurationSeconds = 60 };

        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 0, "z"));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, -3, "z"));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, ""));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "z"));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, roomId + ".s99", 1, "z"));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, otherRoom, saleId, 1, "z"));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, terms));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync(HubMethods.EndFlashSale, roomId, saleId));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, terms with { Quantity = 0 }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, terms with { PerUserLimit = 0 }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, terms with { DurationSeconds = 4 }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, terms with { Price = 0m }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, terms with { Quantity = 5_000 }));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, terms with { ProductId = "ghost" }));

        var audit = await _server.Grains.GetGrain<IFlashSaleGrain>(saleId).Audit();
        Assert.Equal((10, 0, 0, 10), (audit.Quantity, audit.Sold, audit.Held, audit.Remaining));
        var snapshot = await viewer.JoinAsync(roomId);
        Assert.Single(snapshot.FlashSales);
        Assert.Equal(990, snapshot.Products.Single().Stock);

        // The host ends it: the unsold units go back to the product's stock.
        await host.Connection.InvokeAsync(HubMethods.EndFlashSale, roomId, saleId);
        await host.WaitUntilAsync(c => c.Received.Any(e => e.Type == EventTypes.FlashSaleEnded), because: "flashSaleEnded");
        Assert.Equal(PurchaseStatus.NotActive, (await viewer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, 1, "late")).Status);
        var after = await viewer.JoinAsync(roomId);
        Assert.Equal(1_000, after.Products.Single().Stock);
        Assert.Equal(FlashSaleStatus.Ended, after.FlashSales.Single().Status);
        await host.DisposeAsync();
    }
}
