using System.Collections.Concurrent;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// One coupon drop claimed by simulated viewers: each claimer tries one claim more than the per-user
/// limit, one at a time, so that both refusals (<c>soldOut</c>, <c>alreadyClaimed</c>) are exercised.
/// Afterwards the drop's <c>remaining</c> and every claimer's wallet are read back for the verdict.
/// </summary>
public sealed class CouponRun
{
    private readonly ScenarioContext _ctx;
    private readonly ConcurrentDictionary<string, List<ClaimStatus>> _answers = new();
    private readonly ConcurrentDictionary<string, long> _statuses = new();
    private long _lastDoneUs;
    private int _unanswered;

    private CouponRun(ScenarioContext ctx, string roomId, CouponDrop drop)
    {
        _ctx = ctx;
        RoomId = roomId;
        Drop = drop;
        Claim = ctx.Metrics.Step("claim");
    }

    public string RoomId { get; }
    public CouponDrop Drop { get; }
    public Step Claim { get; }
    public IReadOnlyDictionary<string, long> Statuses => _statuses;
    public long LastDoneUs => Interlocked.Read(ref _lastDoneUs);

    public static async Task<CouponRun> DropAsync(ScenarioContext ctx, HubConnection host, string roomId, int quota, int perUserLimit)
    {
        var t0 = Clock.NowUs;
        var drop = await host.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, new DropCouponRequest
        {
            DiscountType = DiscountType.Amount,
            DiscountValue = 2m,
            Quota = quota,
            PerUserLimit = perUserLimit,
            ClaimSeconds = 600,
        }, ctx.Token);
        ctx.Metrics.Step("dropCoupon").Ok(Clock.NowUs - t0);
        return new CouponRun(ctx, roomId, drop);
    }

    /// <summary>perUserLimit + 1 claims, each sent when the previous one is answered; the first intended at <paramref name="dueUs"/>.</summary>
    public async Task ClaimAsync(Viewer claimer, long dueUs)
    {
        var mine = _answers.GetOrAdd(claimer.UserId!, _ => []);
        for (var i = 0; i <= Drop.PerUserLimit; i++)
        {
            try
            {
                var result = await claimer.Connection.InvokeAsync<ClaimCouponResult>(HubMethods.ClaimCoupon, RoomId, Drop.CouponId, _ctx.Token);
                var now = Clock.NowUs;
                Claim.Ok(now - dueUs);
                Audience.InterlockedMax(ref _lastDoneUs, now);
                _statuses.AddOrUpdate(result.Status.ToWire(), 1, (_, n) => n + 1);
                lock (mine) mine.Add(result.Status);
                if (result.Status is not (ClaimStatus.Claimed or ClaimStatus.AlreadyClaimed)) return;
                dueUs = now;
            }
            catch (Exception e) when (!_ctx.Token.IsCancellationRequested)
            {
                Claim.Fail(FailureCode.Of(e));
                Interlocked.Increment(ref _unanswered);
                return;
            }
        }
    }

    public async Task RecordAsync(IReadOnlyList<Viewer> claimers, string prefix = "")
    {
        var ctx = _ctx;
        ctx.Phase = $"verifying the coupon from {claimers.Count:N0} wallets";
        var snapshot = await ctx.Api.SnapshotAsync(RoomId, ctx.Token);
        var drop = snapshot.Coupons.FirstOrDefault(c => c.CouponId == Drop.CouponId);
        if (drop is null)
        {
            ctx.Figure(prefix + "verdict", "n/a: the room shows no coupon drop (baseline)");
            return;
        }
        var wallets = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(claimers, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ctx.Token }, async (c, ct) =>
        {
            var coupons = await c.Connection.InvokeAsync<ClaimedCoupon[]>(HubMethods.GetCoupons, ct);
            wallets[c.UserId!] = coupons.Count(k => k.CouponId == Drop.CouponId);
        });
        var attempts = _answers.ToDictionary(a => a.Key, a => (IReadOnlyList<ClaimStatus>)[.. a.Value]);
        var verdict = CouponVerdict.Evaluate(Drop.Quota, Drop.PerUserLimit, attempts, drop.Remaining, wallets, Volatile.Read(ref _unanswered));
        ctx.Figure(prefix + "verdict", verdict.Summary);
        ctx.Figure(prefix + "couponExact", verdict.Exact);
        ctx.Figure(prefix + "claimed", verdict.Claimed);
        ctx.Figure(prefix + "refused", verdict.Refused);
        ctx.Figure(prefix + "usersOverLimit", verdict.UsersOverLimit);
        ctx.Figure(prefix + "couponRemaining", drop.Remaining);
        foreach (var p in verdict.Problems) ctx.Note($"coupon: {p}");
    }
}
