using LiveCommerce.Client.Cli;
using LiveCommerce.Client.Commands;
using LiveCommerce.Client.Session;
using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Tests.Infrastructure;
using System.Net.Http.Json;

namespace LiveCommerce.Tests.EndToEnd;

/// <summary>
/// The sample client's typed commands against a real LiveHost: the host starts an auction and drops a coupon,
/// viewers bid (plain and proxy), claim the coupon and apply it, all through the same command path a person
/// uses at the prompt, with <c>latest</c> resolved from what the room showed them.
/// </summary>
public sealed class SampleClientPlaybookEndToEndTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private sealed record Session(ClientContext Client, RoomSession Room, CommandSet Commands) : IAsyncDisposable
    {
        public Task Run(string line) => Commands.ExecuteAsync(line, CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await Room.CloseAsync();
            await Client.DisposeAsync();
        }
    }

    private async Task<Session> OpenAsync(string user, string role, string roomId, WireProtocol protocol)
    {
        var settings = new ClientSettings(new Uri(_server.BaseUrl), protocol, user, user, null, null, role, null);
        var client = (await ClientContext.OpenAsync(settings, role, CancellationToken.None))!;
        Assert.True(await client.ConnectAsync());
        var room = new RoomSession(client.Connection, roomId);
        Assert.True(await room.JoinAsync());
        var commands = new CommandSet();
        if (role == Roles.Host) new StageHostActions(client, room).Register(commands);
        else
        {
            new StageViewerActions(client, room).Register(commands);
            new ShopperActions(client, room).Register(commands);
        }
        return new Session(client, room, commands);
    }

    [Theory]
    [InlineData(WireProtocol.Json)]
    [InlineData(WireProtocol.MessagePack)]
    public async Task Host_and_viewers_run_an_auction_and_a_coupon_drop_from_the_prompt(WireProtocol protocol)
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync("host1", null, ("lot", 40m, 3), ("mug", 25m, 10));
        await using var host = await OpenAsync("host1", Roles.Host, roomId, protocol);
        await using var ann = await OpenAsync("ann", Roles.Viewer, roomId, protocol);
        await using var bob = await OpenAsync("bob", Roles.Viewer, roomId, protocol);

        await host.Run("auction lot 10 60 counter=10");
        await host.Run("coupon amount 5 1 60 minSpend=20");
        foreach (var viewer in new[] { ann, bob })
        {
            var seen = await Eventually.ProbeAsync(() => (viewer.Room.Stage.Auctions.Newest, viewer.Room.Stage.Coupons.Newest), s => s.Item1 is not null && s.Item2 is not null);
            Assert.NotNull(seen.Item1);
        }
        var auctionId = ann.Room.Stage.Auctions.Newest!;

        await ann.Run("bid latest 12");
        await bob.Run("maxbid latest 13 40");
        await ann.Run("bid latest 14"); // bob's proxy answers: 15
        var auction = await _server.Http.GetFromJsonAsync<AuctionDetails>($"/api/rooms/{roomId}/auctions/{auctionId}", EventData.JsonOptions);
        Assert.Equal(("bob", 15m, 3), (auction!.LeaderId, auction.CurrentBid!.Value, auction.Bids));

        await ann.Run("claim latest");
        await bob.Run("claim latest"); // quota 1: soldOut, not an error
        Assert.Single(await ann.Client.Connection.GetCoupons());
        Assert.Empty(await bob.Client.Connection.GetCoupons());

        await ann.Run("cart add mug 1");
        await ann.Run("apply latest"); // the mug (25) meets minSpend 20
        var cart = await ann.Client.Connection.GetCart();
        Assert.Equal((25m, 5m, 20m), (cart.Subtotal, cart.Discount, cart.Total));
        await ann.Run("unapply");
        Assert.Null((await ann.Client.Connection.GetCart()).CouponId);
    }
}
