using System.Collections.Concurrent;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.LoadTests.Client;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;
using LiveCommerce.LoadTests.Simulations;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// A long stream (default 30 min, 2,000 viewers) with the stream scenario's mix kept up the whole time:
/// churn, comments, likes, pins, and a flash sale (with payments and cart checkouts) every few minutes.
/// It asks whether the server holds steady: the slope of its memory after warm-up (goal: flat, under
/// 1 MB/min) and every error of every step.
/// </summary>
public sealed class SoakScenario : IScenario
{
    /// <summary>Memory samples: often enough for a slope, rarely enough not to load the server's /metrics.</summary>
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);

    public string Name => "soak";
    public string Description => "A long stream (default 30 min, 2,000 viewers): churn, comments and likes at R/s each, a pin every 5 s, a flash " +
                                 "sale with payments and checkouts every few minutes. Reports the server's memory slope after warm-up (MB/min) and every error.";

    public async Task RunAsync(ScenarioContext ctx)
    {
        var s = ctx.Settings;
        var duration = TimeSpan.FromSeconds(s.DurationSeconds);
        // At least three sales, at most one every 5 minutes.
        var salePeriod = TimeSpan.FromSeconds(Math.Min(300, s.DurationSeconds / 3));
        var sales = Math.Max(1, (int)(duration / salePeriod));
        // Each sale ends before the next opens (at most 2 minutes, at least the protocol's 5 s).
        var saleSeconds = (int)Math.Clamp(salePeriod.TotalSeconds * 0.8, 5, 120);
        var room = await RoomSetup.PrepareAsync(ctx, Math.Max(s.Quantity * (sales + 1), 1_000) + s.Viewers);
        var users = await Users.IssueAsync(ctx, "user", Math.Min(Math.Max(s.Chatters, s.Buyers), s.Viewers));
        var host = (await HostSenders.ConnectAsync(ctx, room, 1))[0];
        var fanout = ctx.Metrics.Step("fanout");

        ctx.Phase = $"{s.Viewers:N0} viewers arriving (ramp over {s.WithinSeconds:0.#}s)";
        var joined = await Audience.JoinAsync(ctx, room.RoomId, s.Viewers, new RampUp(TimeSpan.FromSeconds(s.WithinSeconds)), users, (v, evt, now) =>
        {
            if (evt.Type == EventTypes.Comment && EventText.Stamp(EventText.Field(evt.Data, "text")) is { } sent) fanout.Ok(now - sent);
        });
        var viewers = joined.Viewers;
        var signedIn = viewers.Where(v => v.UserId is not null).ToArray();
        if (signedIn.Length == 0) throw new InvalidOperationException("no signed-in viewer could join");
        ctx.Figure("viewersJoined", viewers.Length);

        var memory = new ConcurrentQueue<(double Seconds, double Mb)>();
        var streamStart = Clock.NowUs;
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ctx.Token);
        var sampling = SampleMemoryAsync(ctx, memory, streamStart, stopSampling.Token);
        var reservedUnits = 0;
        ctx.Phase = $"soaking for {s.DurationSeconds:0}s, a sale every {salePeriod.TotalSeconds:0}s";
        await Task.WhenAll(
            StreamScenario.Every(ctx, duration, 1.0 / Math.Max(s.Rate, 0.01), i => StreamScenario.Comment(ctx, room, signedIn[i % signedIn.Length], i)),
            StreamScenario.Every(ctx, duration, 1.0 / Math.Max(s.Rate, 0.01), i => StreamScenario.Like(ctx, room, signedIn[(i * 7) % signedIn.Length])),
            StreamScenario.Every(ctx, duration, 5, i => StreamScenario.Call(ctx, "pin", () => host.InvokeAsync(HubMethods.PinProduct, room.RoomId, HostSenders.PinTarget(room, i), ctx.Token))),
            StreamScenario.Every(ctx, duration, 1, _ => StreamScenario.Churn(ctx, room.RoomId, viewers)),
            StreamScenario.Every(ctx, duration, salePeriod.TotalSeconds, async round =>
                Interlocked.Add(ref reservedUnits, await SaleRoundAsync(ctx, room, host, signedIn, round, saleSeconds))));
        await stopSampling.CancelAsync();
        await sampling;

        ctx.Phase = "draining";
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(s.DrainSeconds, 2)), ctx.Token);
        var stayed = viewers.Where(v => v.Connection.State == HubConnectionState.Connected).ToList();
        var (missed, outOfOrder) = Audience.CheckSeq(stayed, (await ctx.Api.SnapshotAsync(room.RoomId, ctx.Token)).Seq);
        ctx.Figure("missedSeq", missed);
        ctx.Figure("outOfOrderSeq", outOfOrder);
        ctx.Figure("salesRun", sales);
        ctx.Figure("unitsReserved", reservedUnits);
        if (fanout.OkCount > 0) ctx.Figure("fanoutP99Ms", Math.Round(fanout.Latencies.GetValueAtPercentile(99) / 1000.0, 1));
        var errors = ctx.Metrics.Steps.Where(st => st.FailedCount > 0).ToDictionary(st => st.Name, st => st.FailedCount);
        ctx.Figure("errors", errors.Values.Sum());
        if (errors.Count > 0) ctx.Figure("errorsByStep", errors);
        MemoryFigures(ctx, [.. memory], s.WithinSeconds, s.DurationSeconds);
    }

    /// <summary>Warm-up: the audience's arrival plus the first fifth of the stream (JIT, pools and caches settle).</summary>
    internal static void MemoryFigures(ScenarioContext ctx, IReadOnlyList<(double Seconds, double Mb)> samples, double arrivalSeconds, double streamSeconds)
    {
        if (samples.Count == 0)
        {
            ctx.Note("soak: the server's memory could not be read (give --server-pid or serve /metrics): no memory slope");
            return;
        }
        var warmup = Math.Max(60, streamSeconds / 5);
        var after = samples.Where(p => p.Seconds >= warmup).ToList();
        ctx.Figure("memoryWarmupSeconds", Math.Round(arrivalSeconds + warmup));
        ctx.Figure("serverRssAfterWarmupMb", after.Count > 0 ? Math.Round(after[0].Mb, 1) : 0);
        ctx.Figure("serverRssEndMb", Math.Round(samples[^1].Mb, 1));
        if (MemorySlope.MbPerMinute(after) is { } slope)
        {
            ctx.Figure("memorySlopeMbPerMin", slope);
            ctx.Figure("memoryFlat", slope < 1);
        }
        else ctx.Note("soak: too short for a memory slope after warm-up (needs three samples after it)");
    }

    private static async Task SampleMemoryAsync(ScenarioContext ctx, ConcurrentQueue<(double, double)> memory, long startUs, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(SampleEvery);
        do
        {
            if (await Audience.RssOrZeroAsync(ctx) is var rss and > 0)
                memory.Enqueue(((Clock.NowUs - startUs) / 1e6, rss / 1048576.0));
        }
        while (await Ticked(timer, stop));
    }

    private static async Task<bool> Ticked(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One sale of the soak: buyers stampede, some pay, others check out a cart. Returns the units reserved.</summary>
    private static async Task<int> SaleRoundAsync(ScenarioContext ctx, PreparedRoom room, HubConnection host, Viewer[] signedIn, int round, int saleSeconds)
    {
        var s = ctx.Settings;
        var sale = await StreamScenario.Timed(ctx, "startSale", Clock.NowUs, () => host.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, room.RoomId, new FlashSaleRequest
        {
            ProductId = room.ProductIds[0], Price = 4.99m, Quantity = s.Quantity, PerUserLimit = s.PerUserLimit, DurationSeconds = saleSeconds,
        }, ctx.Token));
        if (sale is null) return 0;
        // Each round a different slice of the audience buys, so the soak keeps making new orders and buyers.
        var buyers = Enumerable.Range(0, Math.Min(s.Buyers, signedIn.Length)).Select(i => signedIn[(round * s.Buyers + i) % signedIn.Length]).ToArray();
        var reserved = new ConcurrentBag<(Viewer Buyer, string OrderId)>();
        await Injector.RunAsync(buyers.Length, new RampUp(TimeSpan.FromSeconds(2)), async (i, due) =>
        {
            var b = buyers[i];
            var r = await StreamScenario.Timed(ctx, "buy", due, () => b.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, room.RoomId, sale.SaleId, 1, $"{b.UserId}-s{round}", ctx.Token));
            if (r?.Status == PurchaseStatus.Reserved && r.OrderId is { } id) reserved.Add((b, id));
        }, ctx.Token);
        var paying = reserved.Take((int)(reserved.Count * s.PayFraction)).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ctx.Token };
        await Parallel.ForEachAsync(paying, parallel, async (p, ct) =>
            await StreamScenario.Timed(ctx, "pay", Clock.NowUs, () => p.Buyer.Connection.InvokeAsync<Order>(HubMethods.PayOrder, p.OrderId, ct)));
        var shoppers = buyers.Take(Math.Max(1, buyers.Length / 10)).ToArray();
        await Parallel.ForEachAsync(shoppers, parallel, async (v, ct) =>
        {
            if (await StreamScenario.Timed(ctx, "addToCart", Clock.NowUs, () => v.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, room.RoomId, room.ProductIds[1], 1, ct)) is null) return;
            var order = await StreamScenario.Timed(ctx, "checkout", Clock.NowUs, () => v.Connection.InvokeAsync<Order>(HubMethods.Checkout, $"{v.UserId}-c{round}", ct));
            if (order is not null) await StreamScenario.Timed(ctx, "pay", Clock.NowUs, () => v.Connection.InvokeAsync<Order>(HubMethods.PayOrder, order.OrderId, ct));
        });
        return reserved.Count;
    }
}
