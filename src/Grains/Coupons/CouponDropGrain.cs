using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace LiveCommerce.Grains.Coupons;

/// <summary>
/// A room's coupon drops. Every rule is checked and every change made in one synchronous turn, so a
/// claim stampede gives exactly <c>quota</c> claims without locks; claims are group-committed and a
/// claimant hears <c>claimed</c> only once it is stored. What must reach other grains (the room's log
/// events, the claimants' wallets) is stored in outboxes with the change and retried until acknowledged
/// (a timer that keeps the grain active while there are any, and a reminder that brings it back after
/// a silo dies); both receivers are idempotent.
/// </summary>
[Reentrant]
public sealed class CouponDropGrain : Grain, ICouponDropGrain, IRemindable
{
    private readonly IPersistentState<CouponDropState> _state;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger<CouponDropGrain> _logger;
    private readonly GroupCommit _commit;
    private readonly GroupCommit _roomSync;
    private readonly Dictionary<string, int> _publishedRemaining = [];
    private bool _dirty;
    private IGrainTimer? _timer;
    private readonly FollowUpReminder _wakeUp;
    private readonly LiveCommerceMetrics _metrics;
    private long _boardVersion;

    public CouponDropGrain(
        [PersistentState("coupons", StorageNames.Live)] IPersistentState<CouponDropState> state,
        IRoomPublisher publisher,
        TimeProvider time,
        ILogger<CouponDropGrain> logger,
        LiveCommerceMetrics metrics)
    {
        _metrics = metrics;
        _state = state;
        _publisher = publisher;
        _time = time;
        _logger = logger;
        _commit = new GroupCommit(WriteAsync, metrics, "coupons");
        _roomSync = new GroupCommit(PushToRoomAsync);
        _wakeUp = new FollowUpReminder(this);
    }

    private CouponDropState S => _state.State;
    private string RoomId => this.GetPrimaryKeyString();
    private DateTime Now => _time.GetUtcNow().UtcDateTime;
    private DropRecord? Active => S.Drops.Find(d => d.Status == CouponDropStatus.Active);
    private bool HasFollowUps => Active is not null || S.RoomOutbox.Count > 0 || S.WalletOutbox.Count > 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        KeepTicking();
        return Task.CompletedTask;
    }

    public async Task<CouponDrop> Drop(Caller caller, DropCouponRequest? request)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to drop coupons");
        var snapshot = await GrainFactory.GetGrain<ILiveRoomGrain>(RoomId).GetSnapshot();
        var room = snapshot.Room;
        if (caller.UserId != room.HostId) throw LiveCommerceException.Forbidden("only the room's host can drop coupons");
        var terms = CouponTerms.From(request);
        if (room.Status != RoomStatus.Live) throw LiveCommerceException.RoomNotLive($"the room is {room.Status}, not live");
        var unknown = terms.ProductIds.FirstOrDefault(id => !snapshot.Products.Any(p => p.ProductId == id));
        if (unknown is not null) throw LiveCommerceException.NotFound($"product '{unknown}' is not in this room");

        // Checked after the await: of two concurrent drops, the second sees the first.
        EndDue();
        if (Active is { } active)
            throw LiveCommerceException.Conflict($"coupon '{active.CouponId}' is still being claimed (until {active.ClaimEndsAt:u}); one drop at a time");
        if (S.Drops.Count >= CouponDropState.MaxDrops)
            throw LiveCommerceException.Conflict($"a room keeps at most {CouponDropState.MaxDrops} coupon drops");

        var drop = new DropRecord
        {
            CouponId = $"{RoomId}.c{S.Drops.Count + 1}",
            Terms = terms,
            ClaimEndsAt = Now.AddSeconds(terms.ClaimSeconds),
            Ledger = new ClaimLedger { Quota = terms.Quota, PerUserLimit = terms.PerUserLimit },
        };
        S.Drops.Add(drop);
        S.SellRegions = room.SellRegions;
        S.RoomOutbox.Add(new CouponLogEntry($"{EventTypes.CouponDropped}:{drop.CouponId}", EventTypes.CouponDropped, new CouponDroppedData { Coupon = View(drop) }));
        KeepTicking();
        await _commit.CommitAsync();
        await SyncRoomAsync();
        return View(drop);
    }

    public async Task<ClaimCouponResult> Claim(Caller caller, string? couponId)
    {
        var result = await ClaimAsync(caller, couponId);
        _metrics.ClaimAttempted("coupon", result.Status.ToWire());
        return result;
    }

    private async Task<ClaimCouponResult> ClaimAsync(Caller caller, string? couponId)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to claim coupons");
        var drop = S.Drops.Find(d => d.CouponId == couponId)
            ?? throw LiveCommerceException.NotFound($"coupon '{couponId}' is not in room '{RoomId}'");
        var userId = caller.UserId!;
        var claimNo = 0;
        EndDue();
        if (S.SellRegions.Length > 0 && (caller.Region is null || !S.SellRegions.Contains(caller.Region.ToUpperInvariant())))
            return new ClaimCouponResult { Status = ClaimStatus.RegionBlocked };
        var status = drop.Status == CouponDropStatus.Ended
            ? drop.Ledger.ClaimsOf(userId) >= drop.Terms.PerUserLimit ? ClaimStatus.AlreadyClaimed
                : drop.Ledger.Remaining == 0 ? ClaimStatus.SoldOut
                : ClaimStatus.Ended
            : drop.Ledger.TryClaim(userId, out claimNo);
        if (status == ClaimStatus.AlreadyClaimed)
            // A retry, perhaps of a claim whose write failed (memory keeps it until the grain reloads): answer
            // only once the claim it reports is stored, as BuyFlashSale does, or an acknowledged claim could vanish.
            await _commit.CommitAsync();
        if (status != ClaimStatus.Claimed) return new ClaimCouponResult { Status = status };
        var coupon = new ClaimedCoupon
        {
            CouponId = drop.CouponId,
            RoomId = RoomId,
            DiscountType = drop.Terms.DiscountType,
            DiscountValue = drop.Terms.DiscountValue,
            MinSpend = drop.Terms.MinSpend,
            ProductIds = drop.Terms.ProductIds,
            ExpiresAt = Now.AddSeconds(drop.Terms.ValidSeconds),
            ClaimNo = claimNo,
        };
        var delivery = new WalletDelivery(userId, coupon);
        S.WalletOutbox.Add(delivery);
        if (drop.Ledger.Remaining == 0) End(drop);

        await _commit.CommitAsync();
        // Stored: the claim stands. The wallet hears of it now, or from the retries if it cannot.
        await DeliverAsync(delivery);
        if (drop.Status == CouponDropStatus.Ended) await SyncRoomAsync();
        return new ClaimCouponResult { Status = ClaimStatus.Claimed, Coupon = coupon };
    }

    public Task<CouponDrop[]> Board() => Task.FromResult(Drops());

    public async Task EndWithRoom()
    {
        if (Active is { } active)
        {
            End(active);
            KeepTicking();
            await _commit.CommitAsync();
        }
        // Also when already ended: the room asks again until its board shows the drop ended.
        await SyncRoomAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        KeepTicking();
        return TickAsync(CancellationToken.None);
    }

    private void EndDue()
    {
        if (Active is { } active && Now >= active.ClaimEndsAt) End(active);
    }

    private void End(DropRecord drop)
    {
        if (drop.Status == CouponDropStatus.Ended) return;
        drop.Status = CouponDropStatus.Ended;
        _dirty = true;
        S.RoomOutbox.Add(new CouponLogEntry($"{EventTypes.CouponEnded}:{drop.CouponId}", EventTypes.CouponEnded,
            new CouponEndedData { CouponId = drop.CouponId, Claimed = drop.Ledger.Claimed }));
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        EndDue();
        try
        {
            // Deliver only what is stored: a claim whose write is in flight (or failed) must not reach a wallet
            // and then vanish from the ledger when the grain reloads.
            if (_dirty || S.WalletOutbox.Count > 0) await _commit.CommitAsync();
            if (S.RoomOutbox.Count > 0) await SyncRoomAsync();
            foreach (var delivery in S.WalletOutbox.ToArray()) await DeliverAsync(delivery);
            if (_dirty) await _commit.CommitAsync();
            await _wakeUp.KeepAsync(HasFollowUps);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Coupon follow-ups of room {RoomId} will be retried", RoomId);
        }
        if (!HasFollowUps && !_dirty)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>While a drop runs or a follow-up waits, a timer ends the drop on time and retries; it keeps the grain active.</summary>
    private void KeepTicking()
    {
        if (_timer is not null || !HasFollowUps) return;
        _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))
        {
            Interleave = true,
            KeepAlive = true,
        });
    }

    private async Task SyncRoomAsync()
    {
        try
        {
            await _roomSync.CommitAsync();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Room {RoomId} did not take the coupon events yet; retrying", RoomId);
        }
    }

    /// <summary>Sends the stored log events to the room; those it acknowledged leave the outbox with the next write.</summary>
    private async Task PushToRoomAsync()
    {
        var entries = S.RoomOutbox.ToArray();
        if (entries.Length == 0) return;
        await GrainFactory.GetGrain<IRoomCouponBoard>(RoomId).PostCouponEvents(entries, BoardView());
        S.RoomOutbox.RemoveAll(entries.Contains);
        _dirty = true;
    }

    private async Task DeliverAsync(WalletDelivery delivery)
    {
        try
        {
            await GrainFactory.GetGrain<IBuyerGrain>(delivery.UserId).ReceiveCoupon(delivery.Coupon);
            if (S.WalletOutbox.Remove(delivery)) _dirty = true;
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Coupon {CouponId} did not reach {UserId}'s wallet yet; retrying", delivery.Coupon.CouponId, delivery.UserId);
        }
    }

    private async Task WriteAsync()
    {
        _dirty = false;
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            // Memory holds changes that are not stored: start over from storage (until then, the next write retries them).
            _dirty = true;
            DeactivateOnIdle();
            throw;
        }
        PublishProgress();
        await _wakeUp.KeepAsync(HasFollowUps);
    }

    /// <summary>The claims left, as a coalesced state event and on the room's board, when they changed.</summary>
    private void PublishProgress()
    {
        var changed = false;
        foreach (var drop in S.Drops.Where(d => d.Status == CouponDropStatus.Active || _publishedRemaining.ContainsKey(d.CouponId)))
        {
            var remaining = drop.Ledger.Remaining;
            var unchanged = _publishedRemaining.TryGetValue(drop.CouponId, out var last) && last == remaining;
            // An ended drop's last figure goes out once; then it is no longer followed.
            if (drop.Status == CouponDropStatus.Ended) _publishedRemaining.Remove(drop.CouponId);
            else _publishedRemaining[drop.CouponId] = remaining;
            if (unchanged) continue;
            changed = true;
            _publisher.PublishRoom(RoomId, [new RoomEvent
            {
                Type = EventTypes.CouponStock, At = Now, Data = new CouponStockData { CouponId = drop.CouponId, Remaining = remaining },
            }]);
        }
        // A view: the next change (or the durable room outbox's board) supersedes it.
        if (changed) this.SendView(GrainFactory.GetGrain<IRoomCouponBoard>(RoomId).ShowCoupons(BoardView()), "coupon board");
    }

    private CouponBoardView BoardView()
    {
        // Real time orders boards across activations; the increment orders them within one.
        _boardVersion = Math.Max(_boardVersion + 1, DateTime.UtcNow.Ticks);
        return new CouponBoardView(Drops(), _boardVersion);
    }

    private CouponDrop[] Drops() =>
        [.. S.Drops.Where(d => d.Status == CouponDropStatus.Ended).TakeLast(CouponDropState.EndedShown).Concat(S.Drops.Where(d => d.Status == CouponDropStatus.Active)).Select(View)];

    private static CouponDrop View(DropRecord drop) => new()
    {
        CouponId = drop.CouponId,
        DiscountType = drop.Terms.DiscountType,
        DiscountValue = drop.Terms.DiscountValue,
        MinSpend = drop.Terms.MinSpend,
        Quota = drop.Terms.Quota,
        Remaining = drop.Ledger.Remaining,
        PerUserLimit = drop.Terms.PerUserLimit,
        ClaimEndsAt = drop.ClaimEndsAt,
        ProductIds = drop.Terms.ProductIds,
        Status = drop.Status,
        ValidSeconds = drop.Terms.ValidSeconds,
    };
}
