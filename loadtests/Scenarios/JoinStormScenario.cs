using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>N viewers join one room within T seconds: joins/s, time until all hold a snapshot, join latency.</summary>
public sealed class JoinStormScenario : IScenario
{
    public string Name => "join-storm";
    public string Description => "N viewers (guests) connect and join one room within T seconds; each join counts once its snapshot is back. " +
                                 "Latency runs from the viewer's intended start to its snapshot (connect included).";

    public async Task RunAsync(ScenarioContext ctx)
    {
        var s = ctx.Settings;
        var room = await RoomSetup.PrepareAsync(ctx, 1_000);
        var rssBefore = await Audience.RssOrZeroAsync(ctx);
        var simulation = LoadSimulation.Parse(s.Load, TimeSpan.FromSeconds(s.WithinSeconds));

        ctx.Phase = $"{s.Viewers:N0} viewers joining ({simulation.Name} over {s.WithinSeconds:0.#}s)";
        var joined = await Audience.JoinAsync(ctx, room.RoomId, s.Viewers, simulation, [], null);
        var seconds = Math.Max(joined.LastJoinUs - joined.StartUs, 1) / 1e6;
        ctx.Figure("viewersRequested", s.Viewers);
        ctx.Figure("viewersJoined", joined.Viewers.Length);
        ctx.Figure("joinsPerSecond", Math.Round(joined.Viewers.Length / seconds, 1));
        ctx.Figure("secondsUntilAllHoldSnapshot", Math.Round(seconds, 3));
        if (ctx.Metrics.Step("join") is { OkCount: > 0 } join)
        {
            ctx.Figure("joinP50Ms", Math.Round(join.Latencies.GetValueAtPercentile(50) / 1000.0, 1));
            ctx.Figure("joinP99Ms", Math.Round(join.Latencies.GetValueAtPercentile(99) / 1000.0, 1));
        }

        ctx.Phase = $"holding {joined.Viewers.Length:N0} viewers for {s.HoldSeconds:0.#}s";
        await HoldAsync(ctx, room.RoomId, joined, simulation is KeepConstant);
        var rssHeld = await Audience.RssOrZeroAsync(ctx);
        if (rssBefore > 0 && rssHeld > rssBefore && joined.Viewers.Length > 0)
        {
            ctx.Figure("serverRssBeforeMb", Math.Round(rssBefore / 1048576.0, 1));
            ctx.Figure("serverRssHeldMb", Math.Round(rssHeld / 1048576.0, 1));
            ctx.Figure("serverBytesPerViewer", Math.Round((double)(rssHeld - rssBefore) / joined.Viewers.Length));
        }
        ctx.Figure("connectionsOpenAfterHold", ctx.Connections.Open);
        try
        {
            var snapshot = await ctx.Api.SnapshotAsync(room.RoomId, ctx.Token);
            ctx.Figure("serverViewersCurrent", snapshot.Viewers.Current);
        }
        catch (HttpRequestException e)
        {
            ctx.Note($"could not read the room's viewer count: {e.Message}");
        }
    }

    /// <summary>Holds the audience; under <c>keep</c> a viewer whose connection drops is rejoined.</summary>
    private static async Task HoldAsync(ScenarioContext ctx, string roomId, Audience.Joined joined, bool keep)
    {
        var until = Clock.NowUs + (long)(ctx.Settings.HoldSeconds * 1e6);
        while (Clock.NowUs < until)
        {
            await Task.Delay(250, ctx.Token);
            if (!keep) continue;
            foreach (var v in joined.Viewers.Where(v => v.Connection.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Disconnected))
            {
                var rejoin = ctx.Metrics.Step("rejoin");
                var started = Clock.NowUs;
                try
                {
                    await ctx.Connections.StartAsync(v.Connection, ctx.Token);
                    await v.Connection.InvokeAsync<LiveCommerce.Contracts.Rooms.RoomSnapshot>(LiveCommerce.Contracts.Protocol.HubMethods.JoinRoom, roomId, ctx.Token);
                    rejoin.Ok(Clock.NowUs - started);
                }
                catch (Exception e) when (!ctx.Token.IsCancellationRequested)
                {
                    rejoin.Fail(FailureCode.Of(e));
                }
            }
        }
    }
}
