using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>Signed-in shoppers for the stampede scenarios (flash sale, auction, coupon): joined to the room, or only connected.</summary>
public static class Shoppers
{
    /// <param name="onEvent">Sees every room event a joined shopper receives.</param>
    public static async Task<Viewer[]> ConnectAsync(ScenarioContext ctx, string roomId, (string UserId, string Token)[] users, Audience.EventHandler? onEvent)
    {
        var s = ctx.Settings;
        var window = new Constant(TimeSpan.FromSeconds(s.WithinSeconds));
        if (s.BuyersJoin)
        {
            var joined = await Audience.JoinAsync(ctx, roomId, users.Length, window, users, onEvent);
            return joined.Viewers;
        }
        var connect = ctx.Metrics.Step("connect");
        var ready = new Viewer?[users.Length];
        await Injector.RunAsync(users.Length, window, async (i, due) =>
        {
            var c = ctx.Connections.Create(users[i].Token);
            try
            {
                await ctx.Connections.StartAsync(c, ctx.Token);
                connect.Ok(Clock.NowUs - due);
                ready[i] = new Viewer(i, c, users[i].UserId, users[i].Token);
            }
            catch (Exception e) when (!ctx.Token.IsCancellationRequested) { connect.Fail(FailureCode.Of(e)); }
        }, ctx.Token, s.ConnectConcurrency);
        return ready.OfType<Viewer>().ToArray();
    }

    /// <summary>The stampede's rate and latency figures, named as the flash sale names them (<c>{prefix}P50Ms</c>...).</summary>
    public static void RecordRate(ScenarioContext ctx, Step step, string prefix, long firstUs, long lastDoneUs)
    {
        var seconds = Math.Max(lastDoneUs - firstUs, 1) / 1e6;
        ctx.Figure("attempts", step.OkCount + step.FailedCount);
        ctx.Figure("attemptsPerSecond", Math.Round(step.OkCount / seconds, 1));
        ctx.Figure("secondsToAnswerAll", Math.Round(seconds, 3));
        if (step.OkCount == 0) return;
        ctx.Figure($"{prefix}P50Ms", Math.Round(step.Latencies.GetValueAtPercentile(50) / 1000.0, 1));
        ctx.Figure($"{prefix}P99Ms", Math.Round(step.Latencies.GetValueAtPercentile(99) / 1000.0, 1));
    }
}
