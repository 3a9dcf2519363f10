using System.Net.Http.Json;
using LiveCommerce.Cluster.Tests.Infrastructure;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveCommerce.Cluster.Tests;

/// <summary>Rooms with viewers and buyers on every host of one three-host cluster.</summary>
public sealed class ThreeHostClusterTests(ThreeHostFixture fixture, ITestOutputHelper output) : IClassFixture<ThreeHostFixture>, IAsyncLifetime
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

    [Fact]
    public async Task A_flash_sale_stampede_spread_over_hosts_sells_exactly_the_stock()
    {
        const int stock = 100, perUserLimit = 2, buyers = 90;
        var hosts = Cluster.Hosts;
        var hostToken = await Cluster.TokenAsync("seller", "host");
        var roomId = await Cluster.CreateLiveRoomAsync(hosts[2], hostToken, ("p1", 10m, stock + 20));
        var streamer = await Watcher.ConnectOnlyAsync("seller", hosts[0], hostToken);
        _watchers.Add(streamer);
        var watcher = await Join("watcher@1", hosts[1], roomId, await Cluster.TokenAsync("w1"), "messagepack");

        // One buyer also has a second device on another host: both hear about its orders.
        var tokens = await Task.WhenAll(Enumerable.Range(0, buyers).Select(i => Cluster.TokenAsync($"b{i}")));
        var secondDevice = await Watcher.ConnectOnlyAsync("b0@other-host", hosts[2], tokens[0], "messagepack");
        _watchers.Add(secondDevice);
        var crowd = new List<Buyer>();
        for (var i = 0; i < buyers; i++)
        {
            var buyer = new Buyer($"b{i}", tokens[i], roomId, () => hosts[0]);
            await buyer.ConnectAsync(hosts[i % 3]);
            crowd.Add(buyer);
        }
        var firstDevice = Assert.IsType<Buyer>(crowd[0]);

        var sale = await streamer.Connection!.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId,
            new FlashSaleRequest { ProductId = "p1", Price = 5m, Quantity = stock, PerUserLimit = perUserLimit, DurationSeconds = 120 });

        // Everyone at once: two single units each under two keys, and the first key sent twice (a retry).
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = crowd.SelectMany(b => new[] { (b, "k1"), (b, "k2"), (b, "k1") }).Select(async x =>
        {
            await start.Task;
            return (x.b, x.Item2, await x.b.BuyAsync(sale.SaleId, 1, x.Item2, TimeSpan.FromSeconds(60)));
        }).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        start.SetResult();
        var results = await Task.WhenAll(attempts);
        output.WriteLine($"{results.Length} purchase attempts over 3 hosts in {clock.ElapsedMilliseconds} ms");

        var reserved = results.Where(r => r.Item3.Status == PurchaseStatus.Reserved).ToList();
        var orders = reserved.Select(r => r.Item3.OrderId!).Distinct().ToList();
        Assert.Equal(stock, orders.Count);
        // The repeated key got the first key's order, never a second unit.
        foreach (var group in reserved.GroupBy(r => (r.b.UserId, r.Item2)))
            Assert.Single(group.Select(r => r.Item3.OrderId).Distinct());
        Assert.All(reserved.GroupBy(r => r.b.UserId), g => Assert.True(g.Select(r => r.Item3.OrderId).Distinct().Count() <= perUserLimit));
        Assert.All(results.Where(r => r.Item3.Status != PurchaseStatus.Reserved), r =>
            Assert.Contains(r.Item3.Status, new[] { PurchaseStatus.SoldOut, PurchaseStatus.NotActive }));

        // Every acknowledged order is the buyer's, on whichever host asks.
        foreach (var group in reserved.GroupBy(r => r.b))
        {
            var listed = await LiveCluster.SendAsync<Order[]>(hosts[(int.Parse(group.Key.UserId[1..]) + 1) % 3], HttpMethod.Get, "/api/orders", tokens[int.Parse(group.Key.UserId[1..])], null);
            Assert.Equal(group.Select(r => r.Item3.OrderId).Distinct().Order(), listed.Where(o => o.SaleId == sale.SaleId).Select(o => o.OrderId).Order());
        }

        // Every unit is held, none paid: the sale stays active (PROTOCOL.md v1.1) until the host ends it;
        // then the room tells every host's viewers, and the books balance.
        Assert.Equal(FlashSaleStatus.Active, (await LiveCluster.SnapshotAsync(hosts[1], roomId)).FlashSales.Single().Status);
        await streamer.Connection!.InvokeAsync(HubMethods.EndFlashSale, roomId, sale.SaleId);
        var snapshot = await Eventually.ProbeAsync(() => LiveCluster.SnapshotAsync(hosts[1], roomId),
            s => s.FlashSales.Single().Status == FlashSaleStatus.Ended, Settle);
        var ended = Assert.Single(snapshot.FlashSales);
        Assert.Equal(0, ended.Remaining);
        Assert.Equal(FlashSaleStatus.Ended, ended.Status);
        Assert.Equal(20, snapshot.Products.Single(p => p.ProductId == "p1").Stock);
        await watcher.WaitUntilAsync(w => w.Log.Any(e => e.Type == Contracts.Realtime.EventTypes.FlashSaleEnded), Settle, "the watcher to hear the sale end");
        await watcher.WaitUntilAsync(w => w.LatestState<Contracts.Realtime.StockData>(Contracts.Realtime.EventTypes.Stock)?.Remaining == 0, Settle, "the watcher to see stock 0");

        // A personal event reaches the buyer's connections on both hosts.
        var mine = reserved.Where(r => r.b == firstDevice).Select(r => r.Item3.OrderId!).Distinct().ToList();
        if (mine.Count > 0)
            await secondDevice.WaitUntilAsync(w => mine.All(id => w.Personal.Any(p => p.Type == Contracts.Realtime.EventTypes.OrderUpdated
                && EventData.Read<Contracts.Realtime.OrderUpdatedData>(p.Data).Order.OrderId == id)), Settle, "b0's second device to hear of its orders");
        output.WriteLine($"b0 reserved {mine.Count} units; its second device heard {secondDevice.Personal.Length} personal events");
        foreach (var buyer in crowd) await buyer.DisposeAsync();
    }

    [Fact]
    public async Task A_personal_event_reaches_the_users_connections_on_every_host()
    {
        var hosts = Cluster.Hosts;
        var hostToken = await Cluster.TokenAsync("seller2", "host");
        var roomId = await Cluster.CreateLiveRoomAsync(hosts[0], hostToken, ("p1", 10m, 10));
        var token = await Cluster.TokenAsync("everywhere");
        var devices = new List<Watcher>();
        for (var i = 0; i < 3; i++)
        {
            var device = await Watcher.ConnectOnlyAsync($"everywhere@{i}", hosts[i], token, i == 1 ? "messagepack" : "json");
            _watchers.Add(device);
            devices.Add(device);
        }
        var cart = await devices[2].Connection!.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, "p1", 2);
        Assert.Equal(2, cart.Lines.Single().Quantity);
        foreach (var device in devices)
            await device.WaitUntilAsync(w => w.Personal.Any(p => p.Type == Contracts.Realtime.EventTypes.CartUpdated
                && EventData.Read<Contracts.Realtime.CartUpdatedData>(p.Data).Cart.Lines.Sum(l => l.Quantity) == 2), Settle, $"{device.Name} to hear the cart change");
        // An order (from a flash sale; see docs/cluster.md about Checkout) is announced to every device too.
        var seller = await Watcher.ConnectOnlyAsync("seller2", hosts[1], hostToken);
        _watchers.Add(seller);
        var sale = await seller.Connection!.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId,
            new FlashSaleRequest { ProductId = "p1", Price = 5m, Quantity = 3, PerUserLimit = 1, DurationSeconds = 60 });
        var bought = await devices[1].Connection!.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, sale.SaleId, 1, "buy-1");
        Assert.Equal(PurchaseStatus.Reserved, bought.Status);
        foreach (var device in devices)
            await device.WaitUntilAsync(w => w.Personal.Any(p => p.Type == Contracts.Realtime.EventTypes.OrderUpdated
                && EventData.Read<Contracts.Realtime.OrderUpdatedData>(p.Data).Order.OrderId == bought.OrderId), Settle, $"{device.Name} to hear of the order");
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
        var snapshots = await Eventually.ProbeAsync(() => Task.WhenAll(Cluster.Hosts.Select(h => LiveCluster.SnapshotAsync(h, roomId))),
            all => all.All(s => s.Viewers.Current == current), Settle, TimeSpan.FromMilliseconds(100));
        return snapshots.All(s => s.Viewers.Current == current)
            ? snapshots[0].Viewers
            : throw new TimeoutException($"the room's viewer count did not settle on {current}: last {snapshots[0].Viewers}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var w in _watchers) await w.DisposeAsync();
        Cluster.WriteLogs(output, 40);
    }
}
