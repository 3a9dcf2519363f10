using System.Collections.Concurrent;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// N buyers on Q units: the host starts a sale, every buyer tries once (all at once or ramped), some pay;
/// then every buyer's orders are read back and the sale is judged (oversell, balance, per-user limit).
/// </summary>
public sealed class FlashSaleScenario : IScenario
{
    public string Name => "flash-sale";
    public string Description => "N signed-in buyers (joined to the room) stampede a flash sale of Q units. Attempts/s and latency from the " +
                                 "intended start, results by status, then a correctness verdict from every buyer's orders.";

    public async Task RunAsync(ScenarioContext ctx)
    {
        var s = ctx.Settings;
        var room = await RoomSetup.PrepareAsync(ctx, Math.Max(s.Quantity, 1));
        var buyers = await Users.IssueAsync(ctx, "buyer", s.Buyers);
        var host = (await HostSenders.ConnectAsync(ctx, room, 1))[0];

        ctx.Phase = $"{buyers.Length:N0} buyers connecting over {s.WithinSeconds:0.#}s";
        var joined = await ConnectBuyersAsync(ctx, room.RoomId, buyers);
        ctx.Figure("buyersReady", joined.Length);

        ctx.Phase = "starting the sale";
        var start = ctx.Metrics.Step("startSale");
        var t0 = Clock.NowUs;
        var sale = await host.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, room.RoomId, new FlashSaleRequest
        {
            ProductId = room.ProductIds[0],
            Price = 4.99m,
            Quantity = s.Quantity,
            PerUserLimit = s.PerUserLimit,
            DurationSeconds = 600,
        }, ctx.Token);
        start.Ok(Clock.NowUs - t0);
        await Task.Delay(500, ctx.Token); // the flashSaleStarted frame reaches the buyers, as a real audience would see it

        var (acknowledgedUnits, reserved) = await StampedeAsync(ctx, room.RoomId, sale.SaleId, joined);
        await PayAsync(ctx, joined, reserved);
        await SaleCheck.RecordAsync(ctx, room.RoomId, sale.SaleId, s.Quantity, s.PerUserLimit,
            joined.Select(v => (v.UserId!, v.Token!)).ToList(), acknowledgedUnits);
    }

    private static Task<Viewer[]> ConnectBuyersAsync(ScenarioContext ctx, string roomId, (string UserId, string Token)[] buyers)
    {
        if (ctx.Settings.BuyersJoin) ctx.Metrics.Add("stockUpdates", 0);
        return Shoppers.ConnectAsync(ctx, roomId, buyers, (_, evt, _) =>
        {
            if (evt.Type == EventTypes.Stock) ctx.Metrics.Add("stockUpdates");
        });
    }

    private static async Task<(int Units, ConcurrentBag<(Viewer Buyer, string OrderId)> Reserved)> StampedeAsync(
        ScenarioContext ctx, string roomId, string saleId, Viewer[] buyers)
    {
        var s = ctx.Settings;
        var simulation = LoadSimulation.Parse(s.Load, TimeSpan.FromSeconds(s.BuyWithinSeconds));
        var buy = ctx.Metrics.Step("buy");
        var statuses = new ConcurrentDictionary<string, long>();
        var reserved = new ConcurrentBag<(Viewer, string)>();
        long lastDone = 0;
        var units = 0;
        ctx.Phase = $"{buyers.Length:N0} buyers stampeding ({simulation.Name})";
        var cpu = await CpuWindow.StartAsync(ctx);
        var first = Clock.NowUs;
        await Injector.RunAsync(buyers.Length, simulation, async (i, due) =>
        {
            var buyer = buyers[i];
            try
            {
                var result = await buyer.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, s.BuyQuantity, $"{buyer.UserId}-1", ctx.Token);
                var now = Clock.NowUs;
                buy.Ok(now - due);
                Audience.InterlockedMax(ref lastDone, now);
                statuses.AddOrUpdate(result.Status.ToWire(), 1, (_, n) => n + 1);
                if (result.Status == PurchaseStatus.Reserved)
                {
                    Interlocked.Add(ref units, s.BuyQuantity);
                    if (result.OrderId is { } id) reserved.Add((buyer, id));
                }
            }
            catch (Exception e) when (!ctx.Token.IsCancellationRequested)
            {
                buy.Fail(FailureCode.Of(e));
            }
        }, ctx.Token, Math.Max(s.ConnectConcurrency, buyers.Length));
        await cpu.FinishAsync(ctx, "stampede", deliveries: 0);
        Shoppers.RecordRate(ctx, buy, "buy", first, Interlocked.Read(ref lastDone));
        ctx.Figure("results", statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value));
        ctx.Figure("unitsAcknowledged", units);
        return (units, reserved);
    }

    private static async Task PayAsync(ScenarioContext ctx, Viewer[] buyers, ConcurrentBag<(Viewer Buyer, string OrderId)> reserved)
    {
        var toPay = reserved.Take((int)Math.Round(reserved.Count * Math.Clamp(ctx.Settings.PayFraction, 0, 1))).ToList();
        if (toPay.Count == 0) return;
        ctx.Phase = $"paying {toPay.Count:N0} orders";
        var pay = ctx.Metrics.Step("pay");
        await Parallel.ForEachAsync(toPay, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ctx.Token }, async (p, ct) =>
        {
            var t = Clock.NowUs;
            try
            {
                await p.Buyer.Connection.InvokeAsync<Order>(HubMethods.PayOrder, p.OrderId, ct);
                pay.Ok(Clock.NowUs - t);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                pay.Fail(FailureCode.Of(e));
            }
        });
    }
}
