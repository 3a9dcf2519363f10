using System.Diagnostics;
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

namespace LiveCommerce.Tests.Realtime;

/// <summary>
/// A busy room with a long-polling client that stops polling and a WebSocket client that stops reading:
/// the honest viewers keep getting frames without a stall, and the stalled ones are dropped in bounded time.
/// </summary>
public sealed class SlowConsumerTests : IAsyncLifetime
{
    private const int SlowConsumerSeconds = 3;
    private LiveServer _server = null!;
    private int _sent;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync(new Dictionary<string, string>
    {
        ["Realtime:SlowConsumerSeconds"] = SlowConsumerSeconds.ToString(),
        ["Limits:HubTokensPerSecond"] = "1000",
        ["Limits:HubBurst"] = "1000",
        ["Limits:CommentsAcrossRooms"] = "100000",
        // Small buffers, so that the stalled socket fills within seconds on a loaded test machine.
        ["Server:SocketSendBufferBytes"] = "4096",
        ["Server:ResponseBufferBytes"] = "4096",
        ["Realtime:TransportBufferBytes"] = "4096",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Stalled_readers_in_two_rooms_hold_up_no_honest_viewer_and_are_dropped()
    {
        var rooms = new[] { await _server.CreateLiveRoomAsync("busy-host-a"), await _server.CreateLiveRoomAsync("busy-host-b") };
        var honest = new List<(LiveClient Client, List<long> ArrivalsMs)>();
        var clock = Stopwatch.StartNew();
        foreach (var (roomId, _) in rooms)
            for (var i = 0; i < 3; i++)
            {
                var viewer = await _server.ConnectAsync(_server.Token($"honest-{roomId}-{i}"));
                var arrivals = new List<long>();
                viewer.Connection.On<RoomFrame>(HubMethods.RoomFrame, _ => { lock (arrivals) arrivals.Add(clock.ElapsedMilliseconds); });
                await viewer.JoinAsync(roomId);
                honest.Add((viewer, arrivals));
            }

        // One stalled client of each kind in each room.
        var pollers = new List<StalledClients.LongPolling>();
        var sockets = new List<StalledClients.WebSocketReader>();
        foreach (var (roomId, _) in rooms)
        {
            pollers.Add(await StalledClients.LongPolling.JoinAsync(_server.BaseUrl, roomId));
            sockets.Add(await StalledClients.WebSocketReader.JoinAsync(_server.BaseUrl, roomId));
        }
        await Task.WhenAll(rooms.Select(r => ViewersReach(r.RoomId, 5)));

        // Both hosts talk as fast as the rooms take it, with long comments, for a while.
        // Several connections per host: one connection's invocations run one at a time.
        var hosts = await Task.WhenAll(rooms.SelectMany(r => Enumerable.Range(0, 4).Select(_ => _server.ConnectAsync(r.HostToken))));
        var text = new string('x', 290);
        var acknowledgedAt = new List<long>();
        var streamFrom = clock.ElapsedMilliseconds;
        using (var run = new CancellationTokenSource(TimeSpan.FromSeconds(SlowConsumerSeconds * 3)))
        {
            await Task.WhenAll(rooms.SelectMany((r, h) => Enumerable.Range(0, 4).Select(async c =>
            {
                while (!run.IsCancellationRequested)
                {
                    await hosts[h * 4 + c].Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, r.RoomId, text);
                    lock (acknowledgedAt) acknowledgedAt.Add(clock.ElapsedMilliseconds);
                    Interlocked.Increment(ref _sent);
                }
            })));
        }
        var streamTo = clock.ElapsedMilliseconds;

        // A viewer held up behind a stalled reader waits for frames while the comments go on being stored and
        // acknowledged (fan-out is not on the comment's path). A machine too busy to serve anyone pauses both: so
        // a frame gap counts only beyond the longest pause in the acknowledgements, measured on the same clock.
        var ackPause = LongestGap(streamFrom, acknowledgedAt, streamTo);
        foreach (var (client, arrivals) in honest)
        {
            var longestGap = LongestGap(streamFrom, arrivals, streamTo);
            Assert.True(longestGap < 1_500 + ackPause,
                $"an honest viewer waited {longestGap} ms for a frame while comments were acknowledged at most {ackPause} ms apart");
        }

        // The stalled ones are gone within the bound (plus the presence report), and the rooms count only the honest.
        foreach (var poller in pollers) Assert.True(await poller.IsGone(), "the stalled poller is still connected");
        await Task.WhenAll(rooms.Select(r => ViewersReach(r.RoomId, 3)));

        foreach (var socket in sockets) await socket.DisposeAsync();
        foreach (var host in hosts) await host.DisposeAsync();
        foreach (var (client, _) in honest) await client.DisposeAsync();
    }

    /// <summary>The longest wait between <paramref name="from"/>, the times in <paramref name="times"/> within the window, and <paramref name="to"/>.</summary>
    private static long LongestGap(long from, List<long> times, long to)
    {
        long[] during;
        lock (times) during = [from, .. times.Where(t => t >= from && t <= to).Order(), to];
        return during.Zip(during.Skip(1), (a, b) => b - a).Max();
    }

    /// <summary>Presence reaches the room's snapshot through the host's periodic report: poll it.</summary>
    private Task ViewersReach(string roomId, int current) =>
        Eventually.UntilAsync(async () => (await _server.Http.GetFromJsonAsync<RoomSnapshot>($"/api/rooms/{roomId}"))!.Viewers.Current,
            seen => seen == current, $"room {roomId} has {current} viewers (sent {_sent})", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
}
