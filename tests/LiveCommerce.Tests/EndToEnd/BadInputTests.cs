using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.EndToEnd;

/// <summary>Every bad input of PROTOCOL.md gets its code over the hub and changes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task Each_bad_input_gets_its_code_and_leaves_the_room_unchanged(string protocol)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync();
        var (otherRoom, otherHostToken) = await _server.CreateLiveRoomAsync("other-host");
        await using var host = await _server.ConnectAsync(hostToken, protocol);
        await using var otherHost = await _server.ConnectAsync(otherHostToken, protocol);
        await using var viewer = await _server.ConnectAsync(await _server.TokenAsync("plain-viewer"), protocol);
        await using var guest = await _server.ConnectAsync(null, protocol);
        await guest.JoinAsync(roomId);
        await host.Connection.InvokeAsync(HubMethods.PinProduct, roomId, "p1");
        var before = await viewer.JoinAsync(roomId);

        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.Connection.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, "no-such-room"));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.Connection.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, "bad room id!"));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync(HubMethods.SendComment, roomId, "hello"));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync(HubMethods.Like, roomId, 1));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync(HubMethods.PinProduct, roomId, "p2"));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync(HubMethods.UnpinProduct, roomId));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => otherHost.Connection.InvokeAsync(HubMethods.PinProduct, roomId, "p2"));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.Connection.InvokeAsync(HubMethods.PinProduct, roomId, "no-such-product"));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync(HubMethods.SendComment, roomId, ""));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync(HubMethods.SendComment, roomId, "   "));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync(HubMethods.SendComment, roomId, new string('x', 301)));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync(HubMethods.Like, roomId, 0));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync(HubMethods.Like, roomId, 101));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeAsync(HubMethods.Like, roomId, -5));
        await HubAssert.FailsWith(ErrorCodes.PayloadTooLarge, () => viewer.Connection.InvokeAsync(HubMethods.SendComment, roomId, new string('x', 40_000)));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync(HubMethods.SetSlowMode, roomId, 10));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync(HubMethods.MuteUser, roomId, "someone", 60));

        var after = await viewer.JoinAsync(roomId);
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(before.Likes, after.Likes);
        Assert.Equal("p1", after.Pinned?.ProductId);
        Assert.Empty(after.RecentComments);
        _ = otherRoom;

        // The connection survived every refusal, and the limits' edges are accepted.
        await viewer.Connection.InvokeAsync(HubMethods.SendComment, roomId, new string('y', 300));
        await viewer.Connection.InvokeAsync(HubMethods.Like, roomId, 100);
        var edges = await viewer.JoinAsync(roomId);
        Assert.Equal(before.Seq + 1, edges.Seq);
        Assert.Equal(before.Likes + 100, edges.Likes);
    }

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task A_comment_flood_is_refused_after_ten_and_the_host_is_exempt(string protocol)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync();
        await using var flooder = await _server.ConnectAsync(await _server.TokenAsync("flooder"), protocol);
        await using var host = await _server.ConnectAsync(hostToken, protocol);
        var start = (await flooder.JoinAsync(roomId)).Seq;

        for (var i = 0; i < 10; i++) await flooder.Connection.InvokeAsync(HubMethods.SendComment, roomId, $"burst {i}");
        await HubAssert.FailsWith(ErrorCodes.RateLimited, () => flooder.Connection.InvokeAsync(HubMethods.SendComment, roomId, "one too many"));
        for (var i = 0; i < 15; i++) await host.Connection.InvokeAsync(HubMethods.SendComment, roomId, $"host {i}");

        var after = await flooder.JoinAsync(roomId);
        Assert.Equal(start + 25, after.Seq);
        Assert.DoesNotContain(after.RecentComments, c => c.Text == "one too many");
    }

    [Fact]
    public async Task Commenting_in_an_ended_room_is_room_not_live()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync();
        await using var viewer = await _server.ConnectAsync(await _server.TokenAsync("late"));
        await viewer.JoinAsync(roomId);
        (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/end", hostToken))).EnsureSuccessStatusCode();
        await HubAssert.FailsWith(ErrorCodes.RoomNotLive, () => viewer.Connection.InvokeAsync(HubMethods.SendComment, roomId, "hello?"));
        await HubAssert.FailsWith(ErrorCodes.RoomNotLive, () => viewer.Connection.InvokeAsync(HubMethods.Like, roomId, 3));
    }
}
