using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>Connects viewers and joins them to a room on a load simulation's schedule.</summary>
public static class Audience
{
    /// <summary>Called for every event a viewer receives, with the receipt time (Clock µs).</summary>
    public delegate void EventHandler(Viewer viewer, RoomEvent evt, long receivedUs);

    public sealed record Joined(Viewer[] Viewers, long StartUs, long LastJoinUs);

    /// <param name="users">User ids and tokens for the first viewers; the rest join as guests.</param>
    public static async Task<Joined> JoinAsync(ScenarioContext ctx, string roomId, int count, LoadSimulation simulation,
        IReadOnlyList<(string UserId, string Token)> users, EventHandler? onEvent)
    {
        var connect = ctx.Metrics.Step("connect");
        var join = ctx.Metrics.Step("join");
        var viewers = new Viewer?[count];
        long lastJoin = 0;
        var start = Clock.NowUs;
        await Injector.RunAsync(count, simulation, async (i, due) =>
        {
            var user = i < users.Count ? users[i] : default;
            var connection = ctx.Connections.Create(user.Token);
            var viewer = new Viewer(i, connection, user.UserId, user.Token);
            Attach(ctx, viewer, onEvent);
            try
            {
                await ctx.Connections.StartAsync(connection, ctx.Token);
                connect.Ok(Clock.NowUs - due);
            }
            catch (Exception e) when (!ctx.Token.IsCancellationRequested)
            {
                connect.Fail(FailureCode.Of(e));
                return;
            }
            try
            {
                var snapshot = await connection.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, ctx.Token);
                viewer.Seq.Start(snapshot.Seq);
                var now = Clock.NowUs;
                join.Ok(now - due);
                InterlockedMax(ref lastJoin, now);
                viewers[i] = viewer;
            }
            catch (Exception e) when (!ctx.Token.IsCancellationRequested)
            {
                join.Fail(FailureCode.Of(e));
            }
        }, ctx.Token, ctx.Settings.ConnectConcurrency);
        return new Joined(viewers.OfType<Viewer>().ToArray(), start, lastJoin);
    }

    /// <summary>Seq checks and counting for every frame; the scenario's handler sees each event.</summary>
    public static void Attach(ScenarioContext ctx, Viewer viewer, EventHandler? onEvent)
    {
        viewer.Connection.On<RoomFrame>(HubMethods.RoomFrame, frame =>
        {
            var now = Clock.NowUs;
            ctx.Metrics.Add("frames");
            foreach (var evt in frame.Events)
            {
                if (evt.Seq is { } seq) viewer.Seq.Observe(seq);
                onEvent?.Invoke(viewer, evt, now);
            }
        });
    }

    public static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    /// <summary>Sums every viewer's seq check after the log reached <paramref name="finalSeq"/>.</summary>
    public static (long Missed, long OutOfOrder) CheckSeq(IEnumerable<Viewer> viewers, long finalSeq)
    {
        long missed = 0, outOfOrder = 0;
        foreach (var v in viewers)
        {
            v.Seq.Finish(finalSeq);
            missed += v.Seq.Missed;
            outOfOrder += v.Seq.OutOfOrder;
        }
        return (missed, outOfOrder);
    }

    /// <summary>Waits until <paramref name="done"/> or <paramref name="seconds"/> pass.</summary>
    public static async Task DrainAsync(Func<bool> done, double seconds, CancellationToken ct)
    {
        var until = Clock.NowUs + (long)(seconds * 1_000_000);
        while (!done() && Clock.NowUs < until) await Task.Delay(50, ct);
    }

    /// <summary>The server's resident memory now, or 0 when it cannot be read.</summary>
    public static async Task<long> RssOrZeroAsync(ScenarioContext ctx)
    {
        try
        {
            return ctx.Server is { } server ? (await server.ReadAsync()).RssBytes : 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException)
        {
            return 0;
        }
    }
}
