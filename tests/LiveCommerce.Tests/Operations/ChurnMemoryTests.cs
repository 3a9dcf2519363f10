using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveCommerce.Tests.Operations;

/// <summary>
/// Issue #9: connection churn and joins of rooms that do not exist leave nothing behind. The server's own
/// <c>/metrics</c> (the runtime's <c>dotnet.gc.last_collection.heap.size</c>) is read after a full GC before and
/// after the run. The server runs in this test process, so the test induces that GC itself (there is no
/// operator endpoint for it): the heap it measures is the server's plus the test's own clients, which are
/// closed and unreachable by then. Runs alone (the metrics collection), so no other test's allocations count.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class ChurnMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Connections = 2_000;
    private const int Cycles = 10;
    private const int UnknownJoins = 5_000;
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Connection_churn_and_joins_of_unknown_rooms_give_the_memory_back()
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync("churn-host");
        // The same work on a small scale first: code compiled, pools and caches made, before the baseline.
        await ChurnAsync(roomId, connections: 100, unknownJoins: 250);
        var before = await LiveHeapAfterGcAsync();

        var started = DateTime.UtcNow;
        await ChurnAsync(roomId, Connections, UnknownJoins);
        output.WriteLine($"{Connections} connections x {Cycles} join/leave and {UnknownJoins} unknown joins in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        var after = await LiveHeapAfterGcAsync();
        output.WriteLine($"live heap after GC: before {before / 1e6:0.0} MB, after {after / 1e6:0.0} MB");
        Assert.True(after <= before * 1.10, $"the heap grew from {before / 1e6:0.0} MB to {after / 1e6:0.0} MB");

        // The room still counts what it should: guests count once per connection, unknown ids made nothing.
        var snapshot = await _server.Grains.GetGrain<LiveCommerce.Grains.Rooms.ILiveRoomGrain>(roomId).GetSnapshot();
        Assert.Equal(0, snapshot.Viewers.Current);
    }

    /// <summary>
    /// Guests (anyone may watch) connect, 64 at a time, on MessagePack; each joins and leaves the room <see cref="Cycles"/>
    /// times and joins its share of unknown rooms (refused <c>not_found</c>), then closes. All stay open until every one is done.
    /// </summary>
    private async Task ChurnAsync(string roomId, int connections, int unknownJoins)
    {
        var clients = new LiveClient[connections];
        await Batches(connections, async i => clients[i] = await _server.ConnectAsync(token: null, "messagepack"));
        var refused = 0;
        await Batches(connections, async i =>
        {
            var hub = clients[i].Connection;
            for (var c = 0; c < Cycles; c++)
            {
                await hub.InvokeAsync<object>(HubMethods.JoinRoom, roomId);
                await hub.InvokeAsync(HubMethods.LeaveRoom, roomId);
            }
            for (var u = i; u < unknownJoins; u += connections)
            {
                var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<object>(HubMethods.JoinRoom, $"nowhere-{Guid.NewGuid():N}"));
                Assert.StartsWith("not_found: ", error.Message);
                Interlocked.Increment(ref refused);
            }
        });
        Assert.Equal(unknownJoins, refused);
        await Batches(connections, async i => await clients[i].DisposeAsync());
    }

    private static Task Batches(int count, Func<int, Task> work) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) => await work(i));

    /// <summary>Once the server has let every connection go: a full, compacting GC, then the heap size the server's metrics report for it.</summary>
    private async Task<double> LiveHeapAfterGcAsync()
    {
        await Eventually.UntilAsync(() => Metric("livecommerce_connections"), open => open == 0, "the server let every connection go");
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        // The exporter caches a scrape briefly: scrape until it has counted our collections (every GC counts once,
        // under its generation), so that the heap size it reports is that of our GC or a later one.
        var collections = GC.CollectionCount(0);
        var scrape = await Eventually.UntilAsync(async () => new PrometheusText(await _server.Http.GetStringAsync("/metrics")),
            m => m.Sum("dotnet_gc_collections_total") >= collections, $"a scrape that counts {collections} collections");
        var heap = scrape.Sum("dotnet_gc_last_collection_heap_size_bytes");
        Assert.True(heap > 0, "the server's metrics report the heap size after the last GC");
        return heap!.Value;
    }

    private async Task<double?> Metric(string name) => new PrometheusText(await _server.Http.GetStringAsync("/metrics")).Sum(name);
}
