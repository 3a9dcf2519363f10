using System.Net.Http.Json;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Resilience;

/// <summary>v1.1 heartbeat and epochs over the real hub: a quiet live room sends <c>head</c>; snapshots and frames carry the epoch.</summary>
public sealed class HeartbeatEndToEndTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync(new Dictionary<string, string> { ["Realtime:HeartbeatSeconds"] = "1" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static HeadData[] Heads(LiveClient client) =>
        [.. client.Received.Where(e => e.Type == EventTypes.Head).Select(e => EventData.Read<HeadData>(e.Data))];

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task A_quiet_live_room_sends_its_head_and_every_frame_and_snapshot_names_the_epoch(string protocol)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync();
        await using var viewer = await _server.ConnectAsync(null, protocol);
        var snapshot = await viewer.JoinAsync(roomId);
        Assert.Matches("^[0-9a-f]{16}$", snapshot.Epoch);

        // Nothing happens in the room; within a few heartbeat periods of 1 s the viewer hears the head.
        await viewer.WaitUntilAsync(c => Heads(c).Length >= 2, TimeSpan.FromSeconds(10), "two heads from a quiet room");
        Assert.All(Heads(viewer), h => Assert.Equal(new HeadData { Seq = snapshot.Seq, Epoch = snapshot.Epoch }, h));
        Assert.All(viewer.Frames.Where(f => f.Events.Any(e => e.Type == EventTypes.Head)), f => Assert.Equal(snapshot.Epoch, f.Epoch));

        // A log event goes out in a frame of the same epoch, and the next head names its seq.
        await using var host = await _server.ConnectAsync(hostToken, protocol);
        var sent = await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "anyone there?");
        await viewer.WaitUntilAsync(c => Heads(c).Any(h => h.Seq == sent.Seq), TimeSpan.FromSeconds(10), "a head with the comment's seq");
        var commentFrame = viewer.Frames.Single(f => f.Events.Any(e => e.Seq == sent.Seq));
        Assert.Equal(snapshot.Epoch, commentFrame.Epoch);

        // HTTP snapshots and Resume's fresh snapshot name the same epoch.
        var http = await _server.Http.GetFromJsonAsync<RoomSnapshot>($"/api/rooms/{roomId}", EventData.JsonOptions);
        Assert.Equal(snapshot.Epoch, http!.Epoch);
        var resumed = await viewer.Connection.InvokeAsync<ResumeResult>(HubMethods.Resume, roomId, sent.Seq + 1_000);
        Assert.Equal(snapshot.Epoch, resumed.Snapshot!.Epoch);
    }

    [Fact]
    public async Task Each_room_has_its_own_epoch_and_the_server_lists_the_heartbeat_feature()
    {
        var (first, _) = await _server.CreateLiveRoomAsync("host-a");
        var (second, _) = await _server.CreateLiveRoomAsync("host-b");
        var a = await _server.Http.GetFromJsonAsync<RoomSnapshot>($"/api/rooms/{first}", EventData.JsonOptions);
        var b = await _server.Http.GetFromJsonAsync<RoomSnapshot>($"/api/rooms/{second}", EventData.JsonOptions);
        Assert.NotEqual(a!.Epoch, b!.Epoch);

        var info = await _server.Http.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>("/api/info");
        Assert.Contains("heartbeat", info!["features"].EnumerateArray().Select(f => f.GetString()));
    }
}
