using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// N bidders (a share placing one proxy bid each, the rest bidding plain at the minimum next bid) stampede
/// the last seconds of an auction; anti-sniping keeps it open while the price moves. Then the auction is
/// judged against the rule from the bids the server acknowledged.
/// </summary>
public sealed class AuctionScenario : IScenario
{
    public string Name => "auction";
    public string Description => "N signed-in bidders (joined to the room) stampede the last --buy-within seconds of a --duration s auction: " +
                                 "--proxy-share place one proxy bid, the rest bid plain up to --bid-rounds times. Bids/s, latency, results by " +
                                 "status, then a verdict: one leader, the rule's price, endsAt as anti-sniping gives, the winner's order held.";

    public async Task RunAsync(ScenarioContext ctx)
    {
        var s = ctx.Settings;
        var room = await RoomSetup.PrepareAsync(ctx, 10);
        var users = await Users.IssueAsync(ctx, "bidder", s.Buyers);
        var host = (await HostSenders.ConnectAsync(ctx, room, 1))[0];
        AuctionRun? run = null;

        ctx.Phase = $"{users.Length:N0} bidders connecting over {s.WithinSeconds:0.#}s";
        var bidders = await Shoppers.ConnectAsync(ctx, room.RoomId, users, (v, evt, _) => run?.Observe(v, evt));
        ctx.Figure("biddersReady", bidders.Length);

        ctx.Phase = "starting the auction";
        run = await AuctionRun.StartAsync(ctx, host, room.RoomId, room.ProductIds[0], (int)s.DurationSeconds);
        ctx.Figure("auctionId", run.AuctionId);
        ctx.Figure("proxyBidders", Enumerable.Range(0, bidders.Length).Count(i => AuctionRun.IsProxy(i, s.ProxyShare)));

        // The stampede opens the last --buy-within seconds before the (server's) end.
        var opening = run.Terms.InitialEndsAt.AddSeconds(-s.BuyWithinSeconds) - DateTime.UtcNow;
        ctx.Phase = $"waiting {Math.Max(0, opening.TotalSeconds):0.#}s for the last {s.BuyWithinSeconds:0.#}s";
        if (opening > TimeSpan.Zero) await Task.Delay(opening, ctx.Token);

        var simulation = LoadSimulation.Parse(s.Load, TimeSpan.FromSeconds(s.BuyWithinSeconds));
        ctx.Phase = $"{bidders.Length:N0} bidders stampeding ({simulation.Name})";
        var cpu = await CpuWindow.StartAsync(ctx);
        var first = Clock.NowUs;
        await Injector.RunAsync(bidders.Length, simulation, (i, due) => run.BidAsync(bidders[i], i, due),
            ctx.Token, Math.Max(s.ConnectConcurrency, bidders.Length));
        await cpu.FinishAsync(ctx, "stampede", deliveries: 0);
        Shoppers.RecordRate(ctx, run.Bid, "bid", first, run.LastDoneUs);
        ctx.Figure("results", run.Statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value));

        await AuctionCheck.RecordAsync(ctx, run, bidders);
    }
}
