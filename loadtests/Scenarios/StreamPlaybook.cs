using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// The stream's live-commerce playbook beyond the flash sale: a giveaway from the start (keyword comments
/// and explicit entries, drawn near the end and re-drawn from its seed), a coupon drop at a quarter
/// (claimed by the signed-in audience, applied at checkout), an auction at half (bidders stampede its
/// last seconds), comment-to-buy, and the personal and social-proof events counted as they arrive.
/// </summary>
public sealed class StreamPlaybook(ScenarioContext ctx, PreparedRoom room, HubConnection host)
{
    public const string BuyKeyword = "sold";
    public const string GiveawayKeyword = "win";

    private Giveaway? _giveaway;
    private CouponRun? _coupon;
    private AuctionRun? _auction;
    private Viewer[] _bidders = [];

    /// <summary>Counts social proof, sale openings and (for viewers with a user) personal events; feeds the auction board.</summary>
    public void OnRoomEvent(Viewer viewer, RoomEvent evt)
    {
        switch (evt.Type)
        {
            case EventTypes.Buying: ctx.Metrics.Add("buyingUpdates"); break;
            case EventTypes.FlashSaleOpened: ctx.Metrics.Add("flashSaleOpenedDeliveries"); break;
            default: _auction?.Observe(viewer, evt); break;
        }
    }

    public void AttachPersonal(IEnumerable<Viewer> signedIn)
    {
        foreach (var v in signedIn)
            v.Connection.On<PersonalFrame>(HubMethods.PersonalFrame, frame =>
            {
                foreach (var e in frame.Events) ctx.Metrics.Add($"personal.{e.Type}");
            });
    }

    /// <summary>The i-th comment: every 10th a comment-to-buy, every 5th carries the giveaway's keyword.</summary>
    public static string CommentText(int i, string stamped) =>
        i % 10 == 9 ? $"{BuyKeyword} {(i % 20 == 19 ? "p3 2" : "p3")}" : i % 5 == 4 ? $"{stamped} {GiveawayKeyword}" : stamped;

    public async Task StartGiveawayAsync(TimeSpan duration)
    {
        var t0 = Clock.NowUs;
        _giveaway = await host.InvokeAsync<Giveaway>(HubMethods.StartGiveaway, room.RoomId, new StartGiveawayRequest
        {
            Prize = "Load-test tote bag", Winners = 3, Keyword = GiveawayKeyword,
            // Longer than the stream: the host draws it near the end.
            DurationSeconds = Math.Clamp((int)duration.TotalSeconds + 30, 10, 600),
        }, ctx.Token);
        ctx.Metrics.Step("startGiveaway").Ok(Clock.NowUs - t0);
    }

    public Task EnterGiveawayAsync(Viewer[] signedIn) =>
        _giveaway is not { } g ? Task.CompletedTask
        : Parallel.ForEachAsync(signedIn.Where((_, i) => i % 2 == 0), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ctx.Token }, async (v, ct) =>
        {
            var t0 = Clock.NowUs;
            try
            {
                var r = await v.Connection.InvokeAsync<EnterGiveawayResult>(HubMethods.EnterGiveaway, room.RoomId, g.GiveawayId, ct);
                ctx.Metrics.Step("enterGiveaway").Ok(Clock.NowUs - t0);
                ctx.Metrics.Add($"giveawayEntry.{r.Status.ToWire()}");
            }
            catch (Exception e) when (!ct.IsCancellationRequested) { ctx.Metrics.Step("enterGiveaway").Fail(FailureCode.Of(e)); }
        });

    public async Task DropCouponAsync(Viewer[] signedIn)
    {
        _coupon = await CouponRun.DropAsync(ctx, host, room.RoomId, Math.Max(1, signedIn.Length / 4), 1);
        await Injector.RunAsync(signedIn.Length, new Constant(TimeSpan.FromSeconds(1)), (i, due) => _coupon.ClaimAsync(signedIn[i], due), ctx.Token);
    }

    /// <summary>An auction of a sixth of the stream (at least 5 s); the bidders stampede its last two seconds.</summary>
    public async Task RunAuctionAsync(Viewer[] bidders, TimeSpan duration)
    {
        _bidders = bidders;
        _auction = await AuctionRun.StartAsync(ctx, host, room.RoomId, room.ProductIds[1], Math.Max(5, (int)(duration.TotalSeconds / 6)));
        var opening = _auction.Terms.InitialEndsAt.AddSeconds(-2) - DateTime.UtcNow;
        if (opening > TimeSpan.Zero) await Task.Delay(opening, ctx.Token);
        await Injector.RunAsync(bidders.Length, new Constant(TimeSpan.FromSeconds(2)), (i, due) => _auction.BidAsync(bidders[i], i, due), ctx.Token);
    }

    /// <summary>Applies the viewer's coupon to its cart when it claimed one (a refusal is counted, not fatal).</summary>
    public async Task ApplyCouponAsync(Viewer v, CancellationToken ct)
    {
        if (_coupon is null) return;
        var t0 = Clock.NowUs;
        try
        {
            await v.Connection.InvokeAsync<Cart>(HubMethods.ApplyCoupon, _coupon.Drop.CouponId, ct);
            ctx.Metrics.Step("applyCoupon").Ok(Clock.NowUs - t0);
        }
        catch (Exception e) when (!ct.IsCancellationRequested) { ctx.Metrics.Step("applyCoupon").Fail(FailureCode.Of(e)); }
    }

    public Task DrawGiveawayAsync() => _giveaway is { } g ? GiveawayCheck.RecordAsync(ctx, host, room.RoomId, g) : Task.CompletedTask;

    /// <summary>The verdicts of the coupon and the auction, once the stream is over.</summary>
    public async Task RecordAsync(Viewer[] signedIn)
    {
        if (_coupon is not null) await _coupon.RecordAsync(signedIn, "coupon.");
        if (_auction is not null) await AuctionCheck.RecordAsync(ctx, _auction, _bidders, "auction.");
        foreach (var (name, value) in ctx.Metrics.Counters.Where(c => c.Key.StartsWith("personal.", StringComparison.Ordinal)))
            ctx.Figure(name, value);
    }
}
