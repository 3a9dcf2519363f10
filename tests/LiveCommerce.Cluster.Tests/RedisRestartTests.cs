using System.Diagnostics;
using LiveCommerce.Cluster.Tests.Infrastructure;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveCommerce.Cluster.Tests;

/// <summary>Redis goes away under a running cluster and comes back: the hosts recover on their own.</summary>
public sealed class RedisRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LiveCluster _cluster = null!;
    private readonly List<Watcher> _watchers = [];

    public async Task InitializeAsync() => _cluster = await LiveCluster.StartAsync(hosts: 2, appendOnly: true);

    [Fact]
    public async Task Hosts_recover_from_a_redis_restart_without_restarting()
    {
        var (a, b) = (_cluster.Hosts[0], _cluster.Hosts[1]);
        var hostToken = await _cluster.TokenAsync("streamer", "host");
        var roomId = await _cluster.CreateLiveRoomAsync(a, hostToken, ("p1", 10m, 10));
        _watchers.Add(await Watcher.JoinAsync("viewer@a", a, roomId, await _cluster.TokenAsync("va")));
        _watchers.Add(await Watcher.JoinAsync("viewer@b", b, roomId, await _cluster.TokenAsync("vb"), "messagepack"));
        var streamer = await Watcher.ConnectOnlyAsync("streamer@b", b, hostToken);
        _watchers.Add(streamer);
        for (var i = 0; i < 5; i++) await streamer.Connection!.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, $"before {i}");
        var before = (await LiveCluster.SnapshotAsync(a, roomId)).Seq;
        await Task.WhenAll(_watchers.Take(2).Select(w => w.WaitForSeqAsync(before, TimeSpan.FromSeconds(10))));

        // Redis dies (SIGKILL) and stays away for three seconds; its append-only file keeps what was acknowledged.
        await _cluster.Redis.RestartAsync(down: TimeSpan.FromSeconds(3));
        var back = Stopwatch.StartNew();

        // The hosts answer grain calls that need storage again, without being restarted.
        SendCommentResult? first = null;
        while (first is null)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                first = await streamer.Connection!.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "after 0", cts.Token);
            }
            catch (Exception e) when (back.Elapsed < TimeSpan.FromSeconds(45))
            {
                output.WriteLine($"{back.Elapsed.TotalSeconds:F1} s after restart: {e.GetType().Name}: {e.Message}");
                await Pace.Backoff(TimeSpan.FromMilliseconds(250));
            }
        }
        output.WriteLine($"first stored comment {back.Elapsed.TotalMilliseconds:F0} ms after Redis was back");
        // The room kept its log through the restart (append-only file). A comment sent during the outage
        // may still have been stored once Redis came back (the client queues commands), so "after 0" can be
        // later than before + 1, but nothing stored before the restart is gone.
        Assert.True(first.Seq > before);
        var recovered = await LiveCluster.SnapshotAsync(a, roomId);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains(recovered.RecentComments, c => c.Text == $"before {i}"));

        // Redis pub/sub keeps nothing for a subscriber that is away: a frame published before a host's
        // backplane connection has resubscribed is lost (the event stays in the room log for Resume).
        // Keep commenting until a frame reaches the viewers on both hosts again.
        var probe = 1;
        var flowing = await Eventually.ProbeAsync(async () =>
        {
            if (_watchers.Take(2).All(w => w.Arrivals.Any(seq => seq > before))) return true;
            await streamer.Connection!.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, $"probe {probe++}");
            return false;
        }, arrived => arrived, TimeSpan.FromSeconds(30) - back.Elapsed);
        Assert.True(flowing, "frames reach the viewers on both hosts again within 30 s of Redis coming back");
        output.WriteLine($"frames reach both hosts' viewers again {back.Elapsed.TotalMilliseconds:F0} ms after Redis was back");

        // From now on every event reaches both hosts' viewers by frame, in order; what the outage swallowed
        // is filled in from the log by Resume, as a client does when a frame skips a seq.
        var arrivalsBefore = _watchers.Take(2).Select(w => w.Arrivals.Length).ToArray();
        for (var i = 1; i <= 5; i++) await streamer.Connection!.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, $"after {i}");
        var final = (await LiveCluster.SnapshotAsync(b, roomId)).Seq;
        for (var k = 0; k < 2; k++)
        {
            var w = _watchers[k];
            await w.WaitUntilAsync(x => x.Arrivals.Contains(final), TimeSpan.FromSeconds(10), $"{w.Name} to receive seq {final} by frame");
            var newArrivals = w.Arrivals.Skip(arrivalsBefore[k]).ToArray();
            Assert.Equal(Enumerable.Range((int)(final - 4), 5).Select(x => (long)x), newArrivals.TakeLast(5));
            var filled = w.Contiguous < final ? await w.FillGapsAsync() : 0;
            output.WriteLine($"{w.Name}: {w.GapArrivals} holes seen, {filled} events lost by the backplane during the outage and filled in by Resume");
            Assert.Equal(final, w.Contiguous);
            Assert.Equal(Enumerable.Range((int)w.JoinedAtSeq + 1, (int)(final - w.JoinedAtSeq)).Select(x => (long)x), w.Log.Select(e => e.Seq!.Value));
        }

        // Both hosts are ready, still see each other, and new rooms work (membership and storage intact).
        foreach (var host in _cluster.Hosts) await host.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await _cluster.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(30));
        var second = await _cluster.CreateLiveRoomAsync(b, hostToken, ("p9", 1m, 1));
        Assert.Equal(RoomStatus.Live, (await LiveCluster.SnapshotAsync(a, second)).Room.Status);
        Assert.All(_cluster.Hosts, h => Assert.False(h.HasExited));
    }

    public async Task DisposeAsync()
    {
        foreach (var w in _watchers) await w.DisposeAsync();
        if (_cluster is not null)
        {
            _cluster.WriteLogs(output, 60);
            await _cluster.DisposeAsync();
        }
    }
}
