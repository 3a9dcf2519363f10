using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.LoadTests.Client;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// M users among N viewers tap likes at R calls/s (each call carries several taps, as clients batch).
/// Likes are a state event (latest total, may coalesce), so the check is exactness: the room's total
/// grows by exactly the acknowledged taps, and viewers end up seeing that total.
/// </summary>
public sealed class LikeStormScenario : IScenario
{
    public string Name => "like-storm";
    public string Description => "M signed-in users among N viewers send Like(taps) at R calls/s in total. Checks that the room's like total " +
                                 "grew by exactly the acknowledged taps and how many viewers saw the final total.";

    public async Task RunAsync(ScenarioContext ctx)
    {
        var s = ctx.Settings;
        var room = await RoomSetup.PrepareAsync(ctx, 1_000);
        var seen = new long[s.Viewers];
        var joined = await Users.JoinWithChattersAsync(ctx, room, (v, evt, _) =>
        {
            if (evt.Type != EventTypes.Likes || EventText.Number(evt.Data, "total") is not { } total) return;
            ctx.Metrics.Add("likeUpdates");
            Audience.InterlockedMax(ref seen[v.Index], total);
        });
        var likers = joined.Viewers.Where(v => v.UserId is not null).ToArray();
        if (likers.Length == 0) throw new InvalidOperationException("no liker could join");
        var before = (await ctx.Api.SnapshotAsync(room.RoomId, ctx.Token)).Likes;

        var count = Math.Max(1, (int)Math.Round(s.Rate * s.DurationSeconds));
        var taps = Math.Clamp(s.Taps, 1, LiveProtocol.MaxTapsPerLike);
        var like = ctx.Metrics.Step("like");
        long tapsAcked = 0;
        ctx.Phase = $"{likers.Length} users sending {count:N0} likes ({taps} taps each) at {s.Rate:0.#}/s";
        var first = Clock.NowUs;
        await Injector.RunAsync(count, new Rate(s.Rate), async (i, due) =>
        {
            try
            {
                await likers[i % likers.Length].Connection.InvokeAsync(HubMethods.Like, room.RoomId, taps, ctx.Token);
                like.Ok(Clock.NowUs - due);
                Interlocked.Add(ref tapsAcked, taps);
            }
            catch (Exception e) when (!ctx.Token.IsCancellationRequested)
            {
                like.Fail(FailureCode.Of(e));
            }
        }, ctx.Token);
        var sendSeconds = (Clock.NowUs - first) / 1e6;

        ctx.Phase = "waiting for the final like total";
        var target = before + Interlocked.Read(ref tapsAcked);
        var viewers = joined.Viewers;
        await Audience.DrainAsync(() => viewers.All(v => Interlocked.Read(ref seen[v.Index]) >= target), s.DrainSeconds, ctx.Token);
        var after = (await ctx.Api.SnapshotAsync(room.RoomId, ctx.Token)).Likes;
        var sawFinal = viewers.Count(v => Interlocked.Read(ref seen[v.Index]) >= target);

        ctx.Figure("viewersJoined", viewers.Length);
        ctx.Figure("likeCallsPerSecond", Math.Round(like.OkCount / Math.Max(sendSeconds, 0.001), 1));
        ctx.Figure("tapsAcknowledged", Interlocked.Read(ref tapsAcked));
        ctx.Figure("likesCounted", after - before);
        ctx.Figure("likesExact", after - before == Interlocked.Read(ref tapsAcked));
        ctx.Figure("viewersSawFinalTotal", sawFinal);
        ctx.Figure("likeUpdatesPerViewer", viewers.Length == 0 ? 0 : Math.Round((double)ctx.Metrics.Get("likeUpdates") / viewers.Length, 1));
        ctx.Figure("rateLimited", like.Errors.TryGetValue("rate_limited", out var limited) ? limited : 0);
    }
}
