using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Tests.Hygiene;

/// <summary>Arguments that do not bind get a code; refusals are logged as one line at Information; echoes are clipped.</summary>
public sealed class HubHygieneTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private LiveServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LiveServer.StartAsync(new Dictionary<string, string> { ["Logging:LogLevel:LiveCommerce"] = "Information" }, _logs.AttachTo);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task Arguments_that_do_not_bind_are_invalid_argument_and_unknown_methods_not_found(string protocol)
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync();
        await using var viewer = await _server.ConnectAsync(_server.Token("binder"), protocol);
        var before = await viewer.JoinAsync(roomId);

        List<object[]> bad =
        [
            [roomId, "ten"],
            [roomId, 2147483648L],
            [roomId, 1.5],
            [roomId, 1e30],
            [roomId],
            [roomId, 1, 2],
        ];
        // JSON cannot carry NaN; MessagePack can.
        if (protocol == "messagepack") bad.Add([roomId, double.NaN]);
        foreach (var args in bad)
        {
            var e = await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => viewer.Connection.InvokeCoreAsync(HubMethods.Like, args));
            Assert.Contains("'Like'", e.Message);
        }
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.Connection.InvokeAsync("NoSuchMethod", roomId));

        // A 10,000-character id is not echoed back whole.
        var longId = new string('a', 10_000);
        var echo = await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.Connection.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, longId));
        Assert.True(echo.Message.Length <= ErrorText.MaxMessage + 40, $"{echo.Message.Length} characters");

        Assert.Equal(HubConnectionState.Connected, viewer.Connection.State);
        Assert.Equal(before.Likes, (await viewer.JoinAsync(roomId)).Likes);
    }

    [Fact]
    public async Task Refusals_are_logged_at_information_without_stack_traces()
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync();
        await using var guest = await _server.ConnectAsync(null);
        await guest.JoinAsync(roomId);
        for (var i = 0; i < 20; i++)
            await Assert.ThrowsAsync<HubException>(() => guest.Connection.InvokeAsync(HubMethods.SendComment, roomId, "hi"));
        for (var i = 0; i < 5; i++)
            await _server.Http.SendAsync(_server.Request(HttpMethod.Post, "/api/rooms", _server.Token("not-a-host"), new { title = "x" }));

        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning && (e.Message.Contains("SendComment") || e.Exception is LiveCommerceException or HubException));
        var refusals = _logs.Entries.Where(e => e.Message.StartsWith("Refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(25, refusals.Count);
        Assert.All(refusals, e =>
        {
            Assert.Equal(LogLevel.Information, e.Level);
            Assert.Null(e.Exception);
        });
    }
}
