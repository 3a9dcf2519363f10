using System.Net;
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

namespace LiveCommerce.Tests.Moderation;

/// <summary>Who may moderate what (v1.1), and what an ended or unstarted room still does.</summary>
public sealed class ModerationPowerTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Room_moderators_moderate_their_room_only_stats_are_the_hosts_and_moderators_cannot_mute_moderators()
    {
        var (roomA, hostA) = await _server.CreateLiveRoomAsync("host-a");
        var (roomB, _) = await _server.CreateLiveRoomAsync("host-b");
        await using var host = await _server.ConnectAsync(hostA);
        await using var roomMod = await _server.ConnectAsync(_server.Token("room-mod"));
        await using var otherMod = await _server.ConnectAsync(_server.Token("other-mod"));
        await using var platformMod = await _server.ConnectAsync(_server.Token("platform-mod", "moderator"));
        await using var viewer = await _server.ConnectAsync(_server.Token("plain"));

        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => roomMod.Connection.InvokeAsync(HubMethods.MuteUser, roomA, "plain", 60));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync("AddModerator", roomA, "plain"));
        await host.Connection.InvokeAsync("AddModerator", roomA, "room-mod");
        await host.Connection.InvokeAsync("AddModerator", roomA, "other-mod");

        await roomMod.Connection.InvokeAsync(HubMethods.MuteUser, roomA, "plain", 60);
        await roomMod.Connection.InvokeAsync(HubMethods.SetSlowMode, roomA, 0);
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => roomMod.Connection.InvokeAsync(HubMethods.MuteUser, roomB, "plain", 60));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => roomMod.Connection.InvokeAsync(HubMethods.MuteUser, roomA, "other-mod", 60));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => platformMod.Connection.InvokeAsync(HubMethods.MuteUser, roomA, "other-mod", 60));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => platformMod.Connection.InvokeAsync(HubMethods.MuteUser, roomA, "host-a", 60));
        await host.Connection.InvokeAsync(HubMethods.MuteUser, roomA, "other-mod", 1);

        var comment = await roomMod.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomA, "mods here");
        var snapshot = await roomMod.JoinAsync(roomA);
        Assert.Equal(Badges.Moderator, snapshot.RecentComments.Single(c => c.CommentId == comment.CommentId).Badge);

        foreach (var token in new[] { _server.Token("platform-mod", "moderator"), _server.Token("room-mod") })
            Assert.Equal(HttpStatusCode.Forbidden, (await _server.Http.SendAsync(_server.Request(HttpMethod.Get, $"/api/rooms/{roomA}/stats", token))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.SendAsync(_server.Request(HttpMethod.Get, $"/api/rooms/{roomA}/stats", hostA))).StatusCode);

        await host.Connection.InvokeAsync("RemoveModerator", roomA, "room-mod");
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => roomMod.Connection.InvokeAsync(HubMethods.SetSlowMode, roomA, 5));
    }

    [Fact]
    public async Task Ending_a_room_ends_its_sales_and_a_room_that_never_started_sells_nothing()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("ender", null, ("flash", 20m, 100));
        await using var host = await _server.ConnectAsync(hostToken);
        var sale = await host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId,
            new FlashSaleRequest { ProductId = "flash", Price = 9.99m, Quantity = 10, PerUserLimit = 1, DurationSeconds = 600 });
        (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/end", hostToken))).EnsureSuccessStatusCode();

        await using var buyer = await _server.ConnectAsync(_server.Token("late-buyer"));
        var result = await buyer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, sale.SaleId, 1, "k1");
        Assert.Equal(PurchaseStatus.NotActive, result.Status);
        var snapshot = await _server.Http.GetFromJsonAsync<RoomSnapshot>($"/api/rooms/{roomId}");
        Assert.All(snapshot!.FlashSales, s => Assert.Equal(FlashSaleStatus.Ended, s.Status));

        // Scheduled, never started: no cart, no checkout.
        var scheduledHost = _server.Token("planner", "host");
        var created = await _server.Http.SendAsync(_server.Request(HttpMethod.Post, "/api/rooms", scheduledHost, new { title = "later" }));
        var room = (await created.Content.ReadFromJsonAsync<Room>())!;
        (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{room.RoomId}/products", scheduledHost,
            new { productId = "p", name = "P", price = 1m, currency = "USD", stock = 5 }))).EnsureSuccessStatusCode();
        await HubAssert.FailsWith(ErrorCodes.RoomNotLive, () => buyer.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, room.RoomId, "p", 1));
    }
}
