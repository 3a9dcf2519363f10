using System.Net.Http.Json;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.EndToEnd;

/// <summary>PROTOCOL.md's counting rules through real connections: users once, guests per connection.</summary>
public sealed class ViewerCountTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_user_with_three_tabs_counts_once_and_a_dropped_connection_stops_counting()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync();
        await using var host = await _server.ConnectAsync(hostToken);
        await host.JoinAsync(roomId);

        var annToken = await _server.TokenAsync("ann");
        var annTabs = new List<LiveClient>();
        for (var i = 0; i < 3; i++)
        {
            var tab = await _server.ConnectAsync(annToken, i == 1 ? "messagepack" : "json");
            await tab.JoinAsync(roomId);
            annTabs.Add(tab);
        }
        var bob = await _server.ConnectAsync(await _server.TokenAsync("bob"));
        await bob.JoinAsync(roomId);
        var guest1 = await _server.ConnectAsync(null);
        await guest1.JoinAsync(roomId);
        var guest2 = await _server.ConnectAsync(null);
        await guest2.JoinAsync(roomId);

        // host + ann + bob + two guests.
        await WaitForViewers(host, current: 5, peak: 5, total: 5);

        await annTabs[0].DisposeAsync();
        await annTabs[1].DisposeAsync();
        await guest1.DisposeAsync();
        await WaitForViewers(host, current: 4, peak: 5, total: 5);

        await annTabs[2].DisposeAsync();
        await bob.Connection.InvokeAsync(HubMethods.LeaveRoom, roomId);
        await WaitForViewers(host, current: 2, peak: 5, total: 5);

        // Coming back is not a new distinct view for a user, but a new guest connection is.
        await bob.JoinAsync(roomId);
        var guest3 = await _server.ConnectAsync(null);
        await guest3.JoinAsync(roomId);
        await WaitForViewers(host, current: 4, peak: 5, total: 6);

        var stats = await (await _server.Http.SendAsync(_server.Request(HttpMethod.Get, $"/api/rooms/{roomId}/stats", hostToken)))
            .Content.ReadFromJsonAsync<RoomStats>();
        Assert.Equal(4, stats!.ViewersNow);
        Assert.Equal(5, stats.PeakViewers);
        Assert.Equal(6, stats.TotalViews);

        var listing = await _server.Http.GetFromJsonAsync<RoomListing[]>("/api/rooms");
        Assert.Contains(listing!, l => l.RoomId == roomId);

        await bob.DisposeAsync();
        await guest2.DisposeAsync();
        await guest3.DisposeAsync();
    }

    [Fact]
    public async Task The_room_list_puts_the_most_watched_live_room_first()
    {
        var (quiet, _) = await _server.CreateLiveRoomAsync("quiet-host");
        var (busy, busyHostToken) = await _server.CreateLiveRoomAsync("busy-host");
        await using var busyHost = await _server.ConnectAsync(busyHostToken);
        await busyHost.JoinAsync(busy);
        var viewers = new List<LiveClient>();
        for (var i = 0; i < 3; i++)
        {
            var viewer = await _server.ConnectAsync(null);
            await viewer.JoinAsync(busy);
            viewers.Add(viewer);
        }
        await WaitForViewers(busyHost, current: 4, peak: 4, total: 4);

        // Rooms refresh their line in the list every couple of seconds.
        var rooms = await Eventually.ProbeAsync(async () => (await _server.Http.GetFromJsonAsync<RoomListing[]>("/api/rooms"))!,
            listed => listed.FirstOrDefault(r => r.RoomId == busy)?.Viewers == 4);
        var order = rooms.Select(r => r.RoomId).ToList();
        Assert.True(order.IndexOf(busy) < order.IndexOf(quiet), string.Join(",", order));
        Assert.Equal(4, rooms.Single(r => r.RoomId == busy).Viewers);
        Assert.All(rooms, r => Assert.Equal(RoomStatus.Live, r.Status));
        foreach (var viewer in viewers) await viewer.DisposeAsync();
    }

    private static Task WaitForViewers(LiveClient observer, int current, int peak, long total) =>
        observer.WaitUntilAsync(c => c.LatestState<ViewerCounts>(EventTypes.Viewers) is { } v
                                     && v.Current == current && v.Peak == peak && v.TotalViews == total,
            because: $"viewers {current}/{peak}/{total}, last seen {observer.LatestState<ViewerCounts>(EventTypes.Viewers)}");
}
