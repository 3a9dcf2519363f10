using System.Collections.Concurrent;
using System.Diagnostics;
using LiveCommerce.Cluster.Tests.Infrastructure;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveCommerce.Cluster.Tests;

/// <summary>
/// A rolling restart, as a deployment does it: each of three hosts in turn gets SIGTERM, drains, leaves
/// the cluster and comes back, while a stream (a commenting streamer) and a flash sale run, with viewers
/// and buyers spread over the hosts. Clients follow the Reconnect notice to another host.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Quantity = 5_000, PerUserLimit = 1_000, Buyers = 8, Viewers = 6;
    private LiveCluster _cluster = null!;
    private readonly List<Watcher> _watchers = [];
    private readonly List<Buyer> _buyers = [];

    public async Task InitializeAsync() => _cluster = await LiveCluster.StartAsync(hosts: 3, settings: new Dictionary<string, string>
    {
        // The silo's shutdown stages (grain deactivation, leaving the cluster) with their durations, in the failure output.
        ["Logging:LogLevel:Orleans.Runtime.Silo"] = "Information",
        // Each buyer keeps buying through the restarts and pays none: more open orders than a shopper may hold.
        ["Commerce:OpenOrdersPerUser"] = "1000",
    });

    [Fact]
    public async Task Restarting_every_host_in_turn_with_SIGTERM_loses_no_acknowledged_order_and_no_log_event()
    {
        var hosts = _cluster.Hosts;
        var next = 0;
        LiveHostProcess AnyUp() =>
            Enumerable.Range(0, hosts.Count).Select(_ => hosts[Interlocked.Increment(ref next) % hosts.Count]).First(h => !h.Stopping && !h.HasExited);

        var hostToken = await _cluster.TokenAsync("streamer", "host");
        var roomId = await _cluster.CreateLiveRoomAsync(hosts[0], hostToken, ("p1", 10m, Quantity));
        var streamer = await Watcher.JoinAsync("streamer", hosts[1], roomId, hostToken);
        _watchers.Add(streamer);
        var sale = await streamer.Connection!.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId,
            new FlashSaleRequest { ProductId = "p1", Price = 5m, Quantity = Quantity, PerUserLimit = PerUserLimit, DurationSeconds = 600 });
        for (var i = 0; i < Viewers; i++)
            _watchers.Add(await Watcher.JoinAsync($"viewer{i}", hosts[i % 3], roomId, await _cluster.TokenAsync($"v{i}"), i % 2 == 0 ? "json" : "messagepack"));
        var viewers = _watchers.Skip(1).ToList();
        for (var i = 0; i < Buyers; i++)
        {
            var buyer = new Buyer($"b{i}", await _cluster.TokenAsync($"b{i}"), roomId, AnyUp);
            await buyer.ConnectAsync(hosts[i % 3]);
            _buyers.Add(buyer);
        }

        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        // Every watcher (viewers and the streamer) follows its host's Reconnect notice or close to another host and resumes.
        var moves = new ConcurrentQueue<string>();
        var following = _watchers.Select(watcher => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await watcher.WaitUntilAsync(w => w.MustMove || stop.IsCancellationRequested, TimeSpan.FromMinutes(3), $"{watcher.Name} to be told to move");
                }
                catch (TimeoutException)
                {
                    continue;
                }
                if (stop.IsCancellationRequested) return;
                var from = watcher.Host!.Name;
                var target = AnyUp();
                var took = await watcher.MoveToAsync(target, TimeSpan.FromSeconds(60));
                moves.Enqueue($"{watcher.Name}: {from} → {target.Name} in {took.TotalMilliseconds:F0} ms");
            }
        })).ToArray();

        // Buyers: one unit at a time, a new key per unit, the same key again until a definite answer.
        var acknowledged = new ConcurrentBag<(string UserId, PurchaseResult Result)>();
        var buying = _buyers.Select(buyer => Task.Run(async () =>
        {
            for (var k = 0; !stop.IsCancellationRequested; k++)
            {
                var result = await buyer.BuyAsync(sale.SaleId, 1, $"{buyer.UserId}-{k}", TimeSpan.FromSeconds(90));
                acknowledged.Add((buyer.UserId, result));
                Assert.Equal(PurchaseStatus.Reserved, result.Status);
                await Pace.Between(TimeSpan.FromMilliseconds(200));
            }
        })).ToArray();

        // The streamer comments every 150 ms; an acknowledged comment must reach every viewer.
        var comments = new ConcurrentDictionary<long, string>();
        var commenting = Streamer.CommentUntilAsync(streamer, roomId, TimeSpan.FromMilliseconds(150), comments, stop.Token);

        // The rolling restart: each host in turn, the next one only once the cluster is whole again and serving
        // (orders acknowledged since), beginning once the sale and the stream are under way.
        await OrdersAndCommentsFlowAsync(acknowledged, 0, comments, 0, "the sale and the stream get going");
        var restarts = new List<string>();
        foreach (var host in hosts)
        {
            var sold = acknowledged.Count;
            var began = clock.Elapsed;
            var exitCode = await host.TerminateAsync(TimeSpan.FromSeconds(60));
            var exited = clock.Elapsed;
            Assert.True(exitCode == 0, $"{host.Name} exited with {exitCode} after SIGTERM:\n{host.Log.Tail(40)}");
            Assert.True(host.Log.Contains("Shutting down: telling"), $"{host.Name} did not drain:\n{host.Log.Tail(40)}");
            await host.RestartAsync();
            await _cluster.WaitForActiveSilosAsync(3, TimeSpan.FromSeconds(60));
            restarts.Add($"{host.Name}: stopped in {(exited - began).TotalSeconds:F1} s, back after {(clock.Elapsed - began).TotalSeconds:F1} s, {acknowledged.Count - sold} orders meanwhile");
            await OrdersAndCommentsFlowAsync(acknowledged, acknowledged.Count, comments, comments.Count, $"orders and comments after {host.Name} came back");
        }
        stop.Cancel();
        await Task.WhenAll(buying).WaitAsync(TimeSpan.FromSeconds(120));
        await Task.WhenAll(following).WaitAsync(TimeSpan.FromSeconds(60));
        var failedComments = await commenting;
        output.WriteLine(string.Join(Environment.NewLine, restarts));
        output.WriteLine(string.Join(Environment.NewLine, moves));
        output.WriteLine($"{acknowledged.Count} orders acknowledged, {_buyers.Sum(b => b.Retries)} retried attempts, {_buyers.Sum(b => b.Reconnects)} buyer reconnects; " +
                         $"{comments.Count} comments stored, {failedComments} failed; total {clock.Elapsed.TotalSeconds:F1} s");

        // Every viewer was moved off each host it sat on by a notice, not by a timeout.
        Assert.All(viewers, v => Assert.True(v.ReconnectNotices >= 1, $"{v.Name} got no Reconnect notice"));

        // No acknowledged order lost, no unit sold twice: the answers, the buyers' order lists and the sale's count agree.
        var reserved = acknowledged.Where(a => a.Result.Status == PurchaseStatus.Reserved).ToList();
        await Verdicts.AssertOrdersMatchAnswersAsync(_cluster, _buyers, reserved, sale.SaleId, AnyUp, output);
        var snapshot = await LiveCluster.SnapshotAsync(AnyUp(), roomId);
        Assert.Equal(Quantity - reserved.Count, snapshot.FlashSales.Single().Remaining);

        // Every viewer holds every log event since it joined, by frames or Resume, and every acknowledged comment.
        await Verdicts.AssertViewersHoldEveryEventAsync(viewers, snapshot.Seq, comments, output);
    }

    /// <summary>Waits until a few more orders and comments than the given counts are acknowledged: the cluster serves the load.</summary>
    private static async Task OrdersAndCommentsFlowAsync<T>(ConcurrentBag<T> orders, int ordersBefore, ConcurrentDictionary<long, string> comments, int commentsBefore, string what)
    {
        var flowing = await Eventually.ProbeAsync(() => Task.FromResult(orders.Count >= ordersBefore + 3 && comments.Count >= commentsBefore + 3),
            done => done, TimeSpan.FromSeconds(60));
        Assert.True(flowing, $"{what}: {orders.Count - ordersBefore} orders, {comments.Count - commentsBefore} comments in 60 s");
    }

    public async Task DisposeAsync()
    {
        foreach (var buyer in _buyers) await buyer.DisposeAsync();
        foreach (var watcher in _watchers) await watcher.DisposeAsync();
        if (_cluster is not null)
        {
            _cluster.WriteLogs(output, 150);
            await _cluster.DisposeAsync();
        }
    }
}
