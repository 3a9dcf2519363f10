using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.LoadTests.Client;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>M chatting users among N viewers send comments at R/s in total; every viewer's receipt is timed.</summary>
public sealed class CommentStormScenario : IScenario
{
    public string Name => "comment-storm";
    public string Description => "M signed-in chatters among N viewers comment at R/s in total (round robin). The comment call and each " +
                                 "viewer's receipt are timed from the intended send; rate_limited refusals are counted by code.";

    public async Task RunAsync(ScenarioContext ctx)
    {
        var s = ctx.Settings;
        var room = await RoomSetup.PrepareAsync(ctx, 1_000);
        var fanout = ctx.Metrics.Step("fanout");
        long lastDeliveryUs = 0;
        var joined = await Users.JoinWithChattersAsync(ctx, room, (v, evt, now) =>
        {
            if (evt.Type != EventTypes.Comment || EventText.Stamp(EventText.Field(evt.Data, "text")) is not { } sent) return;
            fanout.Ok(now - sent);
            ctx.Metrics.Add("deliveries");
            Audience.InterlockedMax(ref lastDeliveryUs, now);
        });
        var chatters = joined.Viewers.Where(v => v.UserId is not null).ToArray();
        if (chatters.Length == 0) throw new InvalidOperationException("no chatter could join");
        ctx.Figure("viewersJoined", joined.Viewers.Length);
        ctx.Figure("chatters", chatters.Length);

        var count = Math.Max(1, (int)Math.Round(s.Rate * s.DurationSeconds));
        var comment = ctx.Metrics.Step("comment");
        long sentOk = 0;
        var first = Clock.NowUs;
        ctx.Phase = $"{chatters.Length} chatters sending {count:N0} comments at {s.Rate:0.#}/s";
        await Injector.RunAsync(count, new Rate(s.Rate), async (i, due) =>
        {
            try
            {
                await chatters[i % chatters.Length].Connection.InvokeAsync<SendCommentResult>(
                    HubMethods.SendComment, room.RoomId, EventText.Stamped(due, $"hello #{i}"), ctx.Token);
                comment.Ok(Clock.NowUs - due);
                Interlocked.Increment(ref sentOk);
            }
            catch (Exception e) when (!ctx.Token.IsCancellationRequested)
            {
                comment.Fail(FailureCode.Of(e));
            }
        }, ctx.Token);
        var sendSeconds = (Clock.NowUs - first) / 1e6;
        var expected = sentOk * joined.Viewers.Length;
        ctx.Phase = "draining";
        await Audience.DrainAsync(() => ctx.Metrics.Get("deliveries") >= expected, s.DrainSeconds, ctx.Token);
        await FanoutScenario.DeliveryFigures(ctx, room.RoomId, joined.Viewers, count, sentOk, sendSeconds, first, Interlocked.Read(ref lastDeliveryUs));
        ctx.Figure("rateLimited", comment.Errors.TryGetValue("rate_limited", out var limited) ? limited : 0);
    }
}
