using System.Collections.Concurrent;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.LoadTests.Client;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// A realistic stream over minutes: the audience ramps up and churns (viewers leave and come back),
/// chatters comment (some with the giveaway's keyword, some "sold ..." to buy) and tap likes, the host
/// pins every few seconds, runs a giveaway from the start, drops a coupon at a quarter, pre-heats a
/// flash sale that opens a third of the way in, runs an auction at half; buyers pay, others add to cart,
/// apply the coupon and check out. Everything is timed; the sale, coupon, auction and draw are verified.
/// </summary>
public sealed class StreamScenario : IScenario
{
    public string Name => "stream";
    public string Description => "A live stream over the duration: audience ramp-up and churn, comments (keyword and comment-to-buy among them) and " +
                                 "likes at R/s each, a pin every 5 s, a giveaway from the start, a coupon drop at 1/4, a pre-heated flash sale " +
                                 "opening at 1/3, an auction at 1/2, payments and coupon checkouts at 2/3, the draw at 5/6; all verified at the end.";

    public async Task RunAsync(ScenarioContext ctx)
    {
        var s = ctx.Settings;
        var room = await RoomSetup.PrepareAsync(ctx, Math.Max(s.Quantity, 1_000), StreamPlaybook.BuyKeyword);
        var users = await Users.IssueAsync(ctx, "user", Math.Min(Math.Max(s.Chatters, s.Buyers), s.Viewers));
        var host = (await HostSenders.ConnectAsync(ctx, room, 1))[0];
        var fanout = ctx.Metrics.Step("fanout");
        var playbook = new StreamPlaybook(ctx, room, host);

        ctx.Phase = $"{s.Viewers:N0} viewers arriving (ramp over {s.WithinSeconds:0.#}s)";
        var joined = await Audience.JoinAsync(ctx, room.RoomId, s.Viewers, new RampUp(TimeSpan.FromSeconds(s.WithinSeconds)), users, (v, evt, now) =>
        {
            if (evt.Type == EventTypes.Comment && EventText.Stamp(EventText.Field(evt.Data, "text")) is { } sent)
            {
                fanout.Ok(now - sent);
                ctx.Metrics.Add("deliveries");
            }
            else playbook.OnRoomEvent(v, evt);
        });
        var viewers = joined.Viewers;
        var signedIn = viewers.Where(v => v.UserId is not null).ToArray();
        if (signedIn.Length == 0) throw new InvalidOperationException("no signed-in viewer could join");
        ctx.Figure("viewersJoined", viewers.Length);
        playbook.AttachPersonal(signedIn);

        var duration = TimeSpan.FromSeconds(s.DurationSeconds);
        var saleBox = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reserved = new ConcurrentBag<(Viewer, string)>();
        var acknowledged = 0;
        ctx.Phase = $"streaming for {s.DurationSeconds:0}s";
        // Pre-heat: announced ten seconds ahead when the stream is long enough, so that it opens at one third.
        int? preheat = duration.TotalSeconds / 3 >= 10 ? 10 : null;
        await Task.WhenAll(
            At(ctx, TimeSpan.Zero, () => playbook.StartGiveawayAsync(duration)),
            At(ctx, duration / 6, () => playbook.EnterGiveawayAsync(signedIn)),
            At(ctx, duration / 4, () => playbook.DropCouponAsync(signedIn)),
            At(ctx, duration / 2, () => playbook.RunAuctionAsync(signedIn.Take(s.Buyers).ToArray(), duration)),
            At(ctx, duration * 5 / 6, playbook.DrawGiveawayAsync),
            Every(ctx, duration, 1.0 / Math.Max(s.Rate, 0.01), i => Comment(ctx, room, signedIn[i % signedIn.Length], i)),
            Every(ctx, duration, 1.0 / Math.Max(s.Rate, 0.01), i => Like(ctx, room, signedIn[(i * 7) % signedIn.Length])),
            Every(ctx, duration, 5, i => Call(ctx, "pin", () => host.InvokeAsync(HubMethods.PinProduct, room.RoomId, HostSenders.PinTarget(room, i), ctx.Token))),
            Every(ctx, duration, 1, _ => Churn(ctx, room.RoomId, viewers)),
            At(ctx, duration / 3 - TimeSpan.FromSeconds(preheat ?? 0), async () =>
            {
                var result = await host.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, room.RoomId, new FlashSaleRequest
                {
                    ProductId = room.ProductIds[0], Price = 4.99m, Quantity = s.Quantity, PerUserLimit = s.PerUserLimit, DurationSeconds = 600,
                    StartsInSeconds = preheat,
                }, ctx.Token);
                saleBox.SetResult(result.SaleId);
                var opensIn = result.StartsAt - DateTime.UtcNow;
                if (opensIn > TimeSpan.Zero) await Task.Delay(opensIn + TimeSpan.FromMilliseconds(20), ctx.Token);
                var buyers = signedIn.Take(s.Buyers).ToArray();
                await Injector.RunAsync(buyers.Length, new RampUp(TimeSpan.FromSeconds(2)), async (i, due) =>
                {
                    var b = buyers[i];
                    var r = await Timed(ctx, "buy", due, () => b.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, room.RoomId, result.SaleId, 1, $"{b.UserId}-s", ctx.Token));
                    if (r?.Status == PurchaseStatus.Reserved && r.OrderId is { } id)
                    {
                        reserved.Add((b, id));
                        Interlocked.Increment(ref acknowledged);
                    }
                }, ctx.Token);
            }),
            At(ctx, duration * 2 / 3, async () =>
            {
                var paying = reserved.Take((int)(reserved.Count * s.PayFraction)).ToList();
                await Parallel.ForEachAsync(paying, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ctx.Token },
                    async (p, ct) => await Timed(ctx, "pay", Clock.NowUs, () => p.Item1.Connection.InvokeAsync<Order>(HubMethods.PayOrder, p.Item2, ct)));
                var shoppers = signedIn.Skip(s.Buyers).Take(Math.Max(1, signedIn.Length / 10)).ToArray();
                await Parallel.ForEachAsync(shoppers, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ctx.Token }, async (v, ct) =>
                {
                    if (await Timed(ctx, "addToCart", Clock.NowUs, () => v.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, room.RoomId, room.ProductIds[1], 1, ct)) is null) return;
                    await playbook.ApplyCouponAsync(v, ct);
                    var order = await Timed(ctx, "checkout", Clock.NowUs, () => v.Connection.InvokeAsync<Order>(HubMethods.Checkout, $"{v.UserId}-c", ct));
                    if (order is not null) await Timed(ctx, "pay", Clock.NowUs, () => v.Connection.InvokeAsync<Order>(HubMethods.PayOrder, order.OrderId, ct));
                });
            }));

        ctx.Phase = "draining";
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(s.DrainSeconds, 2)), ctx.Token);
        var finalSeq = (await ctx.Api.SnapshotAsync(room.RoomId, ctx.Token)).Seq;
        var stayed = viewers.Where(v => v.Connection.State == HubConnectionState.Connected).ToList();
        var (missed, outOfOrder) = Audience.CheckSeq(stayed, finalSeq);
        ctx.Figure("missedSeq", missed);
        ctx.Figure("outOfOrderSeq", outOfOrder);
        if (fanout.OkCount > 0) ctx.Figure("fanoutP99Ms", Math.Round(fanout.Latencies.GetValueAtPercentile(99) / 1000.0, 1));
        if (saleBox.Task.IsCompletedSuccessfully)
            await SaleCheck.RecordAsync(ctx, room.RoomId, saleBox.Task.Result, s.Quantity, s.PerUserLimit,
                signedIn.Take(s.Buyers).Select(v => (v.UserId!, v.Token!)).ToList(), acknowledged);
        await playbook.RecordAsync(signedIn);
    }

    internal static Task Comment(ScenarioContext ctx, PreparedRoom room, Viewer v, int i) =>
        Call(ctx, "comment", () => v.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, room.RoomId,
            StreamPlaybook.CommentText(i, EventText.Stamped(Clock.NowUs, $"stream #{i}")), ctx.Token));

    internal static Task Like(ScenarioContext ctx, PreparedRoom room, Viewer v) =>
        Call(ctx, "like", () => v.Connection.InvokeAsync(HubMethods.Like, room.RoomId, 3, ctx.Token));

    /// <summary>About 2% of the audience leaves each second and comes back (LeaveRoom then JoinRoom).</summary>
    internal static Task Churn(ScenarioContext ctx, string roomId, Viewer[] viewers)
    {
        var leaving = Enumerable.Range(0, Math.Max(1, viewers.Length / 50)).Select(_ => viewers[Random.Shared.Next(viewers.Length)]).Distinct().ToList();
        return Task.WhenAll(leaving.Select(async v =>
        {
            v.Seq.Pause();
            await Call(ctx, "leave", () => v.Connection.InvokeAsync(HubMethods.LeaveRoom, roomId, ctx.Token));
            var snapshot = await Timed(ctx, "rejoin", Clock.NowUs, () => v.Connection.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, ctx.Token));
            // A viewer who was away missed events on purpose: its seq check restarts from the new snapshot.
            v.Seq.Restart(snapshot?.Seq ?? 0);
        }));
    }

    internal static async Task Every(ScenarioContext ctx, TimeSpan duration, double periodSeconds, Func<int, Task> action)
    {
        var count = (int)(duration.TotalSeconds / periodSeconds);
        await Injector.RunAsync(count, new Rate(1 / periodSeconds), (i, _) => action(i), ctx.Token);
    }

    internal static async Task At(ScenarioContext ctx, TimeSpan when, Func<Task> action)
    {
        await Task.Delay(when, ctx.Token);
        try { await action(); }
        catch (Exception e) when (!ctx.Token.IsCancellationRequested) { ctx.Note($"stream: {e.GetType().Name}: {e.Message}"); }
    }

    internal static async Task Call(ScenarioContext ctx, string step, Func<Task> call) =>
        await Timed<object?>(ctx, step, Clock.NowUs, async () => { await call(); return null; });

    internal static async Task<T?> Timed<T>(ScenarioContext ctx, string step, long startUs, Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            ctx.Metrics.Step(step).Ok(Clock.NowUs - startUs);
            return result;
        }
        catch (Exception e) when (!ctx.Token.IsCancellationRequested)
        {
            ctx.Metrics.Step(step).Fail(FailureCode.Of(e));
            return default;
        }
    }
}
