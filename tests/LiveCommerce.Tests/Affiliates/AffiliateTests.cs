using LiveCommerce.Contracts.Affiliates;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Grains.Affiliates;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.LiveHost.Affiliates;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Affiliates;

/// <summary>Commissions, referrals, creators' earnings and sellers' orders, from real paid orders.</summary>
public sealed class AffiliateTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_order_carries_its_creator_commission_and_first_referrer_and_reaches_the_seller()
    {
        var (roomId, _) = await _server.RoomAsync("creator-a",
            new { productId = "lamp", name = "Lamp", price = 40m, currency = "USD", stock = 10, commissionRate = 0.15m, sellerId = "lamp-maker" },
            new { productId = "mug", name = "Mug", price = 12.5m, currency = "USD", stock = 10 });
        await using var ann = await _server.ConnectAsync(_server.Token("ann"));
        await using var cid = await _server.ConnectAsync(_server.Token("cid"));
        await ann.JoinAsync(roomId);
        await ann.Connection.InvokeAsync(HubMethods.Referral, roomId, "bob");
        await ann.Connection.InvokeAsync(HubMethods.Referral, roomId, "dan"); // the first referral stands
        await cid.Connection.InvokeAsync(HubMethods.Referral, roomId, "cid"); // referring oneself does nothing
        await HubAssert.FailsWith("not_found", () => ann.Connection.InvokeAsync(HubMethods.Referral, "no-such-room", "bob"));
        await using (var guest = await _server.ConnectAsync(token: null))
            await HubAssert.FailsWith("unauthorized", () => guest.Connection.InvokeAsync(HubMethods.Referral, roomId, "bob"));

        var annOrder = await ann.BuyAsync(roomId, "lamp", 2);
        Assert.Equal(OrderStatus.Paid, annOrder.Status);
        Assert.Equal(("creator-a", 12m, "bob"), (annOrder.CreatorId, annOrder.Commission, annOrder.ReferrerId));
        var cidOrder = await cid.BuyAsync(roomId, "mug", 1);
        Assert.Equal(("creator-a", 0m, (string?)null), (cidOrder.CreatorId, cidOrder.Commission, cidOrder.ReferrerId));

        var sellerOrders = await _server.EventuallyAsync<Order[]>("/api/sellers/me/orders", _server.Token("lamp-maker"), o => o.Length == 1);
        Assert.Equal(annOrder.OrderId, sellerOrders[0].OrderId);
        // The mug is sold by the host itself (sellerId defaults to the host).
        var hostAsSeller = await _server.EventuallyAsync<Order[]>("/api/sellers/me/orders", _server.Token("creator-a", "host"), o => o.Length == 1);
        Assert.Equal(cidOrder.OrderId, hostAsSeller[0].OrderId);
        Assert.Empty(await _server.EventuallyAsync<Order[]>("/api/sellers/me/orders", _server.Token("ann"), _ => true));
    }

    [Fact]
    public async Task Earnings_add_up_many_paid_orders_across_two_rooms()
    {
        var product = new { productId = "kit", name = "Kit", price = 25m, currency = "USD", stock = 1_000, commissionRate = 0.2m };
        var (first, _) = await _server.RoomAsync("creator-b", product);
        var (second, _) = await _server.RoomAsync("creator-b", product with { commissionRate = 0.1m });
        var (other, _) = await _server.RoomAsync("creator-c", product);
        var orders = new List<Order>();
        for (var buyer = 0; buyer < 6; buyer++)
        {
            await using var client = await _server.ConnectAsync(_server.Token($"buyer{buyer}"));
            orders.Add(await client.BuyAsync(first, "kit", buyer + 1));
            orders.Add(await client.BuyAsync(second, "kit", 2));
            orders.Add(await client.BuyAsync(other, "kit", 1));
        }
        // An unpaid order earns nothing.
        await using (var unpaid = await _server.ConnectAsync(_server.Token("window-shopper")))
        {
            await unpaid.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, first, "kit", 5);
            await unpaid.Connection.InvokeAsync<Order>(HubMethods.Checkout, "k1");
        }

        var token = _server.Token("creator-b", "host");
        var earnings = await _server.EventuallyAsync<CreatorEarnings>("/api/creators/me/earnings", token, e => e.Orders == 12);
        var mine = orders.Where(o => o.RoomId != other).ToList();
        Assert.Equal(mine.Sum(o => o.Total), earnings.PaidTotal);
        Assert.Equal(mine.Sum(o => o.Commission), earnings.Commission);
        Assert.Equal(25m * 21 * 0.2m + 25m * 12 * 0.1m, earnings.Commission);
        Assert.Equal(2, earnings.ByRoom.Length);
        var byRoom = earnings.ByRoom.ToDictionary(r => r.RoomId);
        Assert.Equal((6, 25m * 21, 25m * 21 * 0.2m), (byRoom[first].Orders, byRoom[first].PaidTotal, byRoom[first].Commission));
        Assert.Equal((6, 25m * 12, 25m * 12 * 0.1m), (byRoom[second].Orders, byRoom[second].PaidTotal, byRoom[second].Commission));

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));
        var none = await _server.EventuallyAsync<CreatorEarnings>($"/api/creators/me/earnings?from={future}", token, _ => true);
        Assert.Equal((0, 0m), (none.Orders, none.PaidTotal));
        var unauthorized = await _server.Http.SendAsync(_server.Request(HttpMethod.Get, "/api/creators/me/earnings", null));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }
}
