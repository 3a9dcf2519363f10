using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Contracts.Vouchers;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Vouchers;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.LiveHost.Vouchers;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveCommerce.Tests.Vouchers;

/// <summary>Local-service vouchers from real paid orders: issued, redeemed once, refunded, expired.</summary>
public sealed class VoucherTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private LiveServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LiveServer.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_voucher_is_redeemed_exactly_once_by_its_merchant_and_refunds_and_expiry_are_kept()
    {
        var (roomId, _) = await _server.RoomAsync("spa-host",
            new { productId = "massage", name = "Massage 60 min", price = 59m, currency = "USD", stock = 10, kind = "voucher", validDays = 1, redeemAt = "Spa, 1 Main St", sellerId = "spa-owner" });
        await using var ann = await _server.ConnectAsync(_server.Token("ann"));
        var order = await ann.BuyAsync(roomId, "massage", 3);
        Assert.Equal(3, order.Vouchers.Length);
        Assert.All(order.Vouchers, v => Assert.True(v.Code.Length >= 12 && v.Status == VoucherStatus.Issued && v.ValidUntil > _time.GetUtcNow().UtcDateTime.AddHours(23)));
        var annToken = _server.Token("ann");
        var wallet = await _server.EventuallyAsync<Voucher[]>("/api/vouchers", annToken, v => v.Length == 3);
        Assert.Equal(order.Vouchers.Select(v => v.Code).Order(), wallet.Select(v => v.Code).Order());
        var (first, second, third) = (order.Vouchers[0].Code, order.Vouchers[1].Code, order.Vouchers[2].Code);

        // Another merchant, a guest, an unknown code.
        Assert.Equal(HttpStatusCode.Forbidden, (await Post($"/api/vouchers/{first}/redeem", _server.Token("other-merchant", "host"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post($"/api/vouchers/{first}/redeem", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post($"/api/vouchers/{VoucherCodes.New()}/redeem", _server.Token("spa-owner"))).StatusCode);

        // 50 concurrent redeem attempts by the seller and the host: exactly one succeeds.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Post($"/api/vouchers/{first}/redeem", i % 2 == 0 ? _server.Token("spa-owner") : _server.Token("spa-host", "host"))));
        Assert.Equal(1, attempts.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(49, attempts.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var redeemed = await attempts.Single(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<Voucher>();
        Assert.Equal(VoucherStatus.Redeemed, redeemed!.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Post($"/api/vouchers/{first}/refund", annToken)).StatusCode);

        // Refund before redeem: the unit goes back to the shelf, and the voucher can no longer be redeemed.
        var stockBefore = await Stock(roomId);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post($"/api/vouchers/{second}/refund", _server.Token("bob"))).StatusCode);
        var refund = await Post($"/api/vouchers/{second}/refund", annToken);
        Assert.Equal(VoucherStatus.Refunded, (await refund.Content.ReadFromJsonAsync<Voucher>())!.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Post($"/api/vouchers/{second}/redeem", _server.Token("spa-owner"))).StatusCode);
        await _server.EventuallyAsync<RoomSnapshot>($"/api/rooms/{roomId}", annToken, s => s.Products.Single().Stock == stockBefore + 1);

        // Expired.
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Conflict, (await Post($"/api/vouchers/{third}/redeem", _server.Token("spa-owner"))).StatusCode);

        // The buyer's wallet and order show where each stands.
        var final = await _server.EventuallyAsync<Voucher[]>("/api/vouchers", annToken, _ => true);
        Assert.Equal([VoucherStatus.Redeemed, VoucherStatus.Refunded, VoucherStatus.Issued],
            new[] { first, second, third }.Select(c => final.Single(v => v.Code == c).Status));
        var orders = await _server.EventuallyAsync<Order[]>("/api/orders", annToken,
            o => o.Single().Vouchers.Count(v => v.Status != VoucherStatus.Issued) == 2);
        Assert.Equal(VoucherStatus.Refunded, orders.Single().Vouchers.Single(v => v.Code == second).Status);
    }

    private async Task<int> Stock(string roomId) =>
        (await _server.Http.GetFromJsonAsync<RoomSnapshot>($"/api/rooms/{roomId}"))!.Products.Single().Stock;

    private Task<HttpResponseMessage> Post(string path, string? token) => _server.Http.SendAsync(_server.Request(HttpMethod.Post, path, token));
}
