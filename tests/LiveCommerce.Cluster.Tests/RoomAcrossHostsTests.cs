using System.Net.Http.Json;
using LiveCommerce.Cluster.Tests.Infrastructure;
using LiveCommerce.Protocol;
using LiveCommerce.Realtime;
using LiveCommerce.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveCommerce.Cluster.Tests;

/// <summary>One room, viewers on every host of a three-host cluster.</summary>
public sealed class RoomAcrossHostsTests(ThreeHostFixture fixture, ITestOutputHelper output) : IClassFixture<ThreeHostFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);
    private readonly List<Watcher> _watchers = [];
    private LiveCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Viewers_on_every_host_receive_pins_and_comments_in_one_gapless_order_and_count_once()
    {
        var hosts = Cluster.Hosts;
        var hostToken = await Cluster.TokenAsync("streamer", "host");
        var roomId = await Cluster.CreateLiveRoomAsync(hosts[0], hostToken, ("p1", 10m, 100), ("p2", 20m, 100), ("p3", 30m, 100));

        // Twelve users spread over the hosts (every third on MessagePack), two users with connections on
        // two hosts, one user with two connections on one host, and two guests.
        for (var i = 0; i < 12; i++)
            _watchers.Add(await Watcher.JoinAsync($"u{i}", hosts[i % 3], roomId, await Cluster.TokenAsync($"u{i}"), i % 3 == 2 ? "messagepack" : "json"));
        var twoHostsA = await Cluster.TokenAsync("dup-a");
        var twoHostsB = await Cluster.TokenAsync("dup-b");
        var dupA0 = await Join("dup-a@0", hosts[0], roomId, twoHostsA);
        await Join("dup-a@1", hosts[1], roomId, twoHostsA);
        await Join("dup-b@1", hosts[1], roomId, twoHostsB, "messagepack");
        await Join("dup-b@2", hosts[2], roomId, twoHostsB);
        await Join("dup-b@2'", hosts[2], roomId, twoHostsB);
        var guest0 = await Join("guest@0", hosts[0], roomId, null);
        await Join("guest@2", hosts[2], roomId, null, "messagepack");

        // 14 distinct users + 2 guest connections.
        await WaitForViewersAsync(roomId, current: 16);

        // The streamer (connected to host 2) pins and comments as fast as the hub answers, four calls in flight.
        var streamer = await Watcher.ConnectOnlyAsync("streamer", hosts[1], hostToken);
        _watchers.Add(streamer);
        var seqs = new List<long>();
        var products = new[] { "p1", "p2", "p3" };
        var actions = Enumerable.Range(0, 60).Select(i => (Func<Task>)(async () =>
        {
            if (i % 4 == 3) await streamer.Connection!.InvokeAsync(HubMethods.PinProduct, roomId, products[i / 4 % 3]);
            else
            {
                var sent = await streamer.Connection!.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, $"message {i}");
                lock (seqs) seqs.Add(sent.Seq);
            }
        })).ToList();
        // A viewer on host 3 comments at the same time.
        var viewer = _watchers.Single(w => w.Name == "u2");
        actions.AddRange(Enumerable.Range(0, 5).Select(i => (Func<Task>)(async () =>
        {
            var sent = await viewer.Connection!.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, $"viewer says {i}");
            lock (seqs) seqs.Add(sent.Seq);
        })));
        using (var gate = new SemaphoreSlim(4))
            await Task.WhenAll(actions.Select(async action =>
            {
                await gate.WaitAsync();
                try { await action(); }
                finally { gate.Release(); }
            }));

        var final = (await LiveCluster.SnapshotAsync(hosts[2], roomId)).Seq;
        Assert.True(final >= seqs.Max());
        var viewers = _watchers.Where(w => w.Name != "streamer").ToList();
        await Task.WhenAll(viewers.Select(w => w.WaitForSeqAsync(final, Settle)));

        // Every viewer saw every event by frame, in seq order, with no gap: no Resume was needed.
        string[]? reference = null;
        foreach (var w in viewers)
            output.WriteLine($"{w.Name} on {w.Host!.Name}: joined at {w.JoinedAtSeq}, gaps {w.GapArrivals}, arrivals {string.Join(",", w.Arrivals)}");
        foreach (var w in viewers)
        {
            Assert.Equal(0, w.GapArrivals);
            Assert.Equal(0, w.ResumedEvents);
            Assert.Equal(Enumerable.Range((int)w.JoinedAtSeq + 1, (int)(final - w.JoinedAtSeq)).Select(s => (long)s), w.Arrivals);
            var described = w.Log.Where(e => e.Seq > w.JoinedAtSeq).Select(Watcher.Describe).ToArray();
            Assert.Equal(final - w.JoinedAtSeq, described.Length);
            if (reference is null || described.Length > reference.Length) reference = described;
        }
        foreach (var w in viewers)
        {
            var described = w.Log.Where(e => e.Seq > w.JoinedAtSeq).Select(Watcher.Describe).ToArray();
            Assert.Equal(reference!.TakeLast(described.Length), described);
        }
        Assert.Equal(60 / 4 * 3 + 5, reference!.Count(d => d.Contains(":comment:")));

        // Leaving: a user with a connection on another host still counts; a user whose last connection
        // goes does not; a guest counts per connection.
        await dupA0.DisposeAsync();
        _watchers.Remove(dupA0);
        var u0 = _watchers.Single(w => w.Name == "u0");
        await u0.DisposeAsync();
        _watchers.Remove(u0);
        await guest0.DisposeAsync();
        _watchers.Remove(guest0);
        var counts = await WaitForViewersAsync(roomId, current: 14);
        Assert.Equal(16, counts.Peak);
        Assert.Equal(16, counts.TotalViews);
        // Viewers hear the count too, on every host.
        foreach (var w in viewers.Where(_watchers.Contains))
            await w.WaitUntilAsync(x => x.LatestState<ViewerCounts>(EventTypes.Viewers)?.Current == 14, Settle, $"{w.Name} to hear 14 viewers");
    }

    [Fact]
    public async Task A_join_storm_spread_over_hosts_settles_on_the_exact_count()
    {
        var hosts = Cluster.Hosts;
        var roomId = await Cluster.CreateLiveRoomAsync(hosts[1], await Cluster.TokenAsync("storm-host", "host"), ("p1", 5m, 10));
        // 60 users, 30 of them on two hosts at once, and 10 guests: 100 connections joining at once.
        var tokens = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Cluster.TokenAsync($"s{i}")));
        var joins = new List<Task<Watcher>>();
        for (var i = 0; i < 60; i++)
        {
            joins.Add(Watcher.JoinAsync($"s{i}", hosts[i % 3], roomId, tokens[i]));
            if (i < 30) joins.Add(Watcher.JoinAsync($"s{i}'", hosts[(i + 1) % 3], roomId, tokens[i]));
        }
        for (var i = 0; i < 10; i++) joins.Add(Watcher.JoinAsync($"guest{i}", hosts[i % 3], roomId, null));
        var started = DateTime.UtcNow;
        _watchers.AddRange(await Task.WhenAll(joins));
        output.WriteLine($"100 joins over 3 hosts took {(DateTime.UtcNow - started).TotalMilliseconds:F0} ms");

        var counts = await WaitForViewersAsync(roomId, current: 70);
        Assert.Equal(70, counts.Peak);
        Assert.Equal(70, counts.TotalViews);

        // Everyone leaves at once: the count settles on zero.
        await Task.WhenAll(_watchers.Select(w => w.DisposeAsync().AsTask()));
        _watchers.Clear();
        counts = await WaitForViewersAsync(roomId, current: 0);
        Assert.Equal(70, counts.Peak);
    }

    private async Task<Watcher> Join(string name, LiveHostProcess host, string roomId, string? token, string protocol = "json")
    {
        var watcher = await Watcher.JoinAsync(name, host, roomId, token, protocol);
        _watchers.Add(watcher);
        return watcher;
    }

    /// <summary>Polls the room (through every host) until its current viewer count is <paramref name="current"/>.</summary>
    private async Task<ViewerCounts> WaitForViewersAsync(string roomId, int current)
    {
        var deadline = DateTime.UtcNow + Settle;
        ViewerCounts? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var snapshots = await Task.WhenAll(Cluster.Hosts.Select(h => LiveCluster.SnapshotAsync(h, roomId)));
            last = snapshots[0].Viewers;
            if (snapshots.All(s => s.Viewers.Current == current)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the room's viewer count did not settle on {current}: last {last}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var w in _watchers) await w.DisposeAsync();
        Cluster.WriteLogs(output, 40);
    }
}
