using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.LoadTests.Client;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// N viewers; the host posts comments (or pins) at R per second. Each comment carries the host's
/// intended send time ("t=µs"); each pin's send time is looked up by its seq. Latency = receipt − send
/// on the generator's one clock.
/// </summary>
public sealed class FanoutScenario : IScenario
{
    public string Name => "fanout";
    public string Description => "N viewers in one room; the host sends comments (or pins) at R/s. Latency runs from the host's intended send " +
                                 "to each viewer's receipt (one clock); deliveries/s and missed or out-of-order seq are counted.";

    public async Task RunAsync(ScenarioContext ctx)
    {
        var s = ctx.Settings;
        var pin = s.Event == "pin";
        var count = Math.Max(1, (int)Math.Round(s.Rate * s.DurationSeconds));
        var room = await RoomSetup.PrepareAsync(ctx, 1_000);
        var fanout = ctx.Metrics.Step("fanout");
        var pinSentUs = pin ? new long[count] : [];
        long baseSeq = long.MaxValue, lastDeliveryUs = 0;

        void OnEvent(Viewer v, RoomEvent evt, long now)
        {
            long? sent = null;
            if (!pin && evt.Type == EventTypes.Comment) sent = EventText.Stamp(EventText.Field(evt.Data, "text"));
            else if (pin && evt.Type == EventTypes.Pinned && evt.Seq is { } seq && seq - baseSeq - 1 is var k and >= 0 && k < count)
                sent = Volatile.Read(ref pinSentUs[k]) is var t and > 0 ? t : null;
            if (sent is null) return;
            fanout.Ok(now - sent.Value);
            ctx.Metrics.Add("deliveries");
            Audience.InterlockedMax(ref lastDeliveryUs, now);
        }

        var senders = await HostSenders.ConnectAsync(ctx, room, pin ? 1 : s.Senders);
        var rssBefore = await Audience.RssOrZeroAsync(ctx);
        ctx.Phase = $"{s.Viewers:N0} viewers joining over {s.WithinSeconds:0.#}s";
        var joined = await Audience.JoinAsync(ctx, room.RoomId, s.Viewers, new Constant(TimeSpan.FromSeconds(s.WithinSeconds)), [], OnEvent);
        var viewers = joined.Viewers;
        ctx.Figure("viewersJoined", viewers.Length);
        ctx.Figure("joinsPerSecond", Math.Round(viewers.Length / (Math.Max(joined.LastJoinUs - joined.StartUs, 1) / 1e6), 1));
        await Task.Delay(1000, ctx.Token); // let presence reports and the last frames settle
        await MemoryFigures(ctx, rssBefore, viewers.Length);

        baseSeq = (await ctx.Api.SnapshotAsync(room.RoomId, ctx.Token)).Seq;
        var send = ctx.Metrics.Step("send");
        long sentOk = 0;
        var cpu = await CpuWindow.StartAsync(ctx);
        var firstSend = Clock.NowUs;
        ctx.Phase = $"host sending {count:N0} {(pin ? "pins" : "comments")} at {s.Rate:0.#}/s to {viewers.Length:N0} viewers";
        await Injector.RunAsync(count, new Rate(s.Rate), async (i, due) =>
        {
            try
            {
                var host = senders[i % senders.Length];
                if (pin)
                {
                    Volatile.Write(ref pinSentUs[i], due);
                    await host.InvokeAsync(HubMethods.PinProduct, room.RoomId, HostSenders.PinTarget(room, i), ctx.Token);
                }
                else await host.InvokeAsync<SendCommentResult>(HubMethods.SendComment, room.RoomId, EventText.Stamped(due, $"#{i}"), ctx.Token);
                send.Ok(Clock.NowUs - due);
                Interlocked.Increment(ref sentOk);
            }
            catch (Exception e) when (!ctx.Token.IsCancellationRequested)
            {
                send.Fail(FailureCode.Of(e));
            }
        }, ctx.Token);
        var sendSeconds = (Clock.NowUs - firstSend) / 1e6;

        var expected = sentOk * viewers.Length;
        ctx.Phase = $"draining (up to {s.DrainSeconds:0.#}s)";
        await Audience.DrainAsync(() => ctx.Metrics.Get("deliveries") >= expected, s.DrainSeconds, ctx.Token);
        await cpu.FinishAsync(ctx, "send", ctx.Metrics.Get("deliveries"));
        await DeliveryFigures(ctx, room.RoomId, viewers, count, sentOk, sendSeconds, firstSend, Interlocked.Read(ref lastDeliveryUs));
    }

    internal static async Task MemoryFigures(ScenarioContext ctx, long rssBefore, int viewers)
    {
        if (rssBefore <= 0 || viewers == 0) return;
        var rss = await Audience.RssOrZeroAsync(ctx);
        ctx.Figure("serverRssBeforeMb", Math.Round(rssBefore / 1048576.0, 1));
        ctx.Figure("serverRssJoinedMb", Math.Round(rss / 1048576.0, 1));
        // A collection during the joins can shrink the RSS: then there is no honest per-viewer figure.
        if (rss > rssBefore) ctx.Figure("serverBytesPerViewer", Math.Round((double)(rss - rssBefore) / viewers));
        else ctx.Note("server RSS shrank while viewers joined (a GC returned memory): no per-viewer memory figure");
    }

    internal static async Task DeliveryFigures(ScenarioContext ctx, string roomId, Viewer[] viewers, int requested, long sentOk,
        double sendSeconds, long firstSendUs, long lastDeliveryUs)
    {
        var delivered = ctx.Metrics.Get("deliveries");
        var expected = sentOk * viewers.Length;
        var finalSeq = (await ctx.Api.SnapshotAsync(roomId, ctx.Token)).Seq;
        var (missed, outOfOrder) = Audience.CheckSeq(viewers, finalSeq);
        var window = Math.Max(lastDeliveryUs - firstSendUs, 1) / 1e6;
        ctx.Figure("eventsRequested", requested);
        ctx.Figure("eventsSent", sentOk);
        ctx.Figure("sendSeconds", Math.Round(sendSeconds, 2));
        ctx.Figure("offeredEventsPerSecond", Math.Round(sentOk / Math.Max(sendSeconds, 0.001), 1));
        ctx.Figure("deliveriesExpected", expected);
        ctx.Figure("deliveries", delivered);
        ctx.Figure("deliveriesPerSecond", Math.Round(delivered / window, 1));
        ctx.Figure("deliveredShare", expected == 0 ? 0 : Math.Round((double)delivered / expected, 5));
        ctx.Figure("missedSeq", missed);
        ctx.Figure("outOfOrderSeq", outOfOrder);
        var frames = ctx.Metrics.Get("frames");
        if (frames > 0) ctx.Figure("deliveriesPerFrame", Math.Round((double)delivered / frames, 2));
        if (ctx.Metrics.Steps.FirstOrDefault(st => st.Name == "fanout") is { } f && f.OkCount > 0)
        {
            ctx.Figure("fanoutP50Ms", Math.Round(f.Latencies.GetValueAtPercentile(50) / 1000.0, 1));
            ctx.Figure("fanoutP99Ms", Math.Round(f.Latencies.GetValueAtPercentile(99) / 1000.0, 1));
        }
    }
}
