using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Operations;

/// <summary>
/// Meters are found by name across the process, so a scrape would also count what other in-process hosts
/// record: this collection runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}

/// <summary><c>/metrics</c> scraped during a real run shows the LiveCommerce instruments with the values the run implies.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_stream_and_a_flash_sale_show_up_as_connections_invocations_refusals_and_purchase_outcomes()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("seller", null, ("flash", 20m, 100));
        var host = await _server.ConnectAsync(hostToken);
        await host.JoinAsync(roomId);
        var sale = await host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId,
            new FlashSaleRequest { ProductId = "flash", Price = 9.99m, Quantity = 3, PerUserLimit = 2, DurationSeconds = 600 });

        // Four buyers and a guest: 6 connections, all joined to the room.
        const int buyers = 4;
        var clients = new List<LiveClient>();
        for (var i = 0; i < buyers; i++) clients.Add(await _server.ConnectAsync(_server.Token($"buyer{i}"), i % 2 == 0 ? "json" : "messagepack"));
        var guest = await _server.ConnectAsync(token: null);
        clients.Add(guest);
        foreach (var client in clients) await client.JoinAsync(roomId);

        // buyer0 takes 2 (reserved), then a third (limitExceeded); buyer1 takes the last one; buyer2 and buyer3 find it sold out.
        async Task<PurchaseStatus> Buy(int buyer, int quantity, string key) =>
            (await clients[buyer].Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, sale.SaleId, quantity, key)).Status;
        Assert.Equal(PurchaseStatus.Reserved, await Buy(0, 2, "a"));
        Assert.Equal(PurchaseStatus.LimitExceeded, await Buy(0, 1, "b"));
        Assert.Equal(PurchaseStatus.Reserved, await Buy(1, 1, "c"));
        Assert.Equal(PurchaseStatus.SoldOut, await Buy(2, 1, "d"));
        Assert.Equal(PurchaseStatus.SoldOut, await Buy(3, 1, "e"));

        // Two comments (log events) and one refusal: a guest may not comment.
        await clients[0].Connection.InvokeAsync(HubMethods.SendComment, roomId, "first!");
        await clients[1].Connection.InvokeAsync(HubMethods.SendComment, roomId, "second");
        var refused = await Assert.ThrowsAsync<HubException>(() => guest.Connection.InvokeAsync(HubMethods.SendComment, roomId, "hi"));
        Assert.StartsWith("unauthorized: ", refused.Message);
        await host.WaitUntilAsync(c => c.LogAfter(0).Count(e => e.Type == "comment") == 2, because: "both comments in frames");

        var metrics = await ScrapeUntilAsync(m => m.Sum("livecommerce_purchase_attempts_total") == 5
            && m.Sum("livecommerce_hub_refusals_total") == 1 && m.Sum("livecommerce_connections") == buyers + 2);
        Assert.Equal(buyers + 2, metrics.Sum("livecommerce_connections"));
        Assert.Equal(buyers + 2, metrics.Sum("livecommerce_viewers_joined"));
        Assert.Equal(2, Outcome(metrics, PurchaseStatus.Reserved));
        Assert.Equal(1, Outcome(metrics, PurchaseStatus.LimitExceeded));
        Assert.Equal(2, Outcome(metrics, PurchaseStatus.SoldOut));
        Assert.Equal(5, metrics.Sum("livecommerce_hub_invocations_total", ("rpc_method", HubMethods.BuyFlashSale), ("livecommerce_outcome", "ok")));
        Assert.Equal(buyers + 2, metrics.Sum("livecommerce_hub_invocations_total", ("rpc_method", HubMethods.JoinRoom)));
        Assert.Equal(1, metrics.Sum("livecommerce_hub_refusals_total", ("rpc_method", HubMethods.SendComment), ("error_type", "unauthorized")));
        Assert.Equal(2, metrics.Sum("livecommerce_log_events_appended_total", ("livecommerce_event_type", "comment")));
        Assert.True(metrics.Sum("livecommerce_frames_sent_total", ("livecommerce_frame_kind", "room")) >= 1);
        // Every log event of the run reached the six joined connections at least.
        Assert.True(metrics.Sum("livecommerce_deliveries_total") >= 2 * (buyers + 2));
        Assert.True(metrics.Sum("livecommerce_group_commit_batch_size_count", ("livecommerce_grain_type", "room")) >= 1);
        Assert.NotNull(metrics.Sum("livecommerce_group_commit_duration_seconds_count"));
        // The framework's and Orleans' meters are there too.
        Assert.NotNull(metrics.Sum("kestrel_active_connections"));
        Assert.NotNull(metrics.Sum("orleans_catalog_activations"));

        // Closing connections brings the gauges down.
        foreach (var client in clients.Take(2)) await client.DisposeAsync();
        metrics = await ScrapeUntilAsync(m => m.Sum("livecommerce_connections") == buyers);
        Assert.Equal(buyers, metrics.Sum("livecommerce_connections"));
        Assert.Equal(buyers, metrics.Sum("livecommerce_viewers_joined"));

        foreach (var client in clients.Skip(2)) await client.DisposeAsync();
        await host.DisposeAsync();
    }

    private static double? Outcome(PrometheusText metrics, PurchaseStatus status) =>
        metrics.Sum("livecommerce_purchase_attempts_total", ("livecommerce_outcome", status.ToWire()));

    /// <summary>The exporter caches a scrape briefly and counters land asynchronously: scrape until the run is visible.</summary>
    private Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> done) =>
        Eventually.ProbeAsync(async () => new PrometheusText(await _server.Http.GetStringAsync("/metrics")), done, TimeSpan.FromSeconds(15));
}
