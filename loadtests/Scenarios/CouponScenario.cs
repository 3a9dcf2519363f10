using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// N viewers claim a coupon drop of quota Q at once (each trying once more than the per-user limit); then
/// the drop is judged: exactly Q claims, nobody over the limit, every other answer the protocol's refusal.
/// </summary>
public sealed class CouponScenario : IScenario
{
    public string Name => "coupon";
    public string Description => "N signed-in viewers (joined to the room) stampede a coupon drop of quota Q (--quantity), each claiming " +
                                 "--per-user-limit + 1 times. Claims/s, latency, results by status, then a verdict from the drop and every wallet.";

    public async Task RunAsync(ScenarioContext ctx)
    {
        var s = ctx.Settings;
        var room = await RoomSetup.PrepareAsync(ctx, 10);
        var users = await Users.IssueAsync(ctx, "claimer", s.Buyers);
        var host = (await HostSenders.ConnectAsync(ctx, room, 1))[0];

        ctx.Phase = $"{users.Length:N0} claimers connecting over {s.WithinSeconds:0.#}s";
        var claimers = await Shoppers.ConnectAsync(ctx, room.RoomId, users, null);
        ctx.Figure("claimersReady", claimers.Length);

        ctx.Phase = "dropping the coupon";
        var run = await CouponRun.DropAsync(ctx, host, room.RoomId, s.Quantity, s.PerUserLimit);
        await Task.Delay(500, ctx.Token); // the couponDropped frame reaches the audience, as a real one would see it

        var simulation = LoadSimulation.Parse(s.Load, TimeSpan.FromSeconds(s.BuyWithinSeconds));
        ctx.Phase = $"{claimers.Length:N0} claimers stampeding ({simulation.Name})";
        var cpu = await CpuWindow.StartAsync(ctx);
        var first = Clock.NowUs;
        await Injector.RunAsync(claimers.Length, simulation, (i, due) => run.ClaimAsync(claimers[i], due),
            ctx.Token, Math.Max(s.ConnectConcurrency, claimers.Length));
        await cpu.FinishAsync(ctx, "stampede", deliveries: 0);
        Shoppers.RecordRate(ctx, run.Claim, "claim", first, run.LastDoneUs);
        ctx.Figure("results", run.Statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value));

        await run.RecordAsync(claimers);
    }
}
