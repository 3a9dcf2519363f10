using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.Grains.Telemetry;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LiveCommerce.Grains.Commerce;

/// <summary>
/// A flash sale's units (taken from the room's shelf under the sale id). Every rule is checked and
/// every change made in one synchronous turn, so the stampede needs no locks; reservations are
/// group-committed, so the first second of a sale costs a few writes, not one per buyer, and a buyer
/// hears <c>reserved</c> only once it is stored. Outcomes that change nothing (sold out, over the
/// limit...) are answered at once without a write.
/// PROTOCOL.md v1.1: a sale whose units are all held stays active with remaining 0; a released hold's
/// units go back to the sale while it runs; it ends <c>soldOut</c> only when every unit is paid. At the
/// end the unsold units go back to the shelf; held ones stay with their orders and go back one by one
/// if released later. Each of those moves, an expired order and the end itself are follow-ups stored
/// with the change and delivered until acknowledged.
/// </summary>
[Reentrant]
public sealed class FlashSaleGrain : Grain, IFlashSaleGrain, IRemindable
{
    private const string EndMove = "end";
    private readonly IPersistentState<FlashSaleState> _state;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly CommerceOptions _options;
    private readonly GroupCommit _commit;
    private readonly Outbox _outbox;
    private readonly FollowUpReminder _wakeUp;
    // Outcomes that changed nothing, remembered for retries with the same key while this activation lives.
    private readonly Dictionary<string, PurchaseResult> _answered = [];
    private int _lastPublishedRemaining = -1;
    private List<Affiliates.LineTerms>? _lineTerms;
    private readonly LiveCommerceMetrics _metrics;

    public FlashSaleGrain(
        [PersistentState("sale", StorageNames.Live)] IPersistentState<FlashSaleState> state,
        IRoomPublisher publisher,
        TimeProvider time,
        IOptions<CommerceOptions> options,
        LiveCommerceMetrics metrics)
    {
        _metrics = metrics;
        _state = state;
        _publisher = publisher;
        _time = time;
        _options = options.Value;
        _commit = new GroupCommit(WriteAsync, metrics, "sale");
        _outbox = new Outbox(() => _state.State.Outbox, DeliverAsync);
        _wakeUp = new FollowUpReminder(this);
    }

    private FlashSaleState S => _state.State;
    private string SaleId => this.GetPrimaryKeyString();
    private DateTime Now => _time.GetUtcNow().UtcDateTime;
    private int Held => S.Reservations.Values.Where(r => r.Status == OrderStatus.PendingPayment).Sum(r => r.Quantity);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _outbox.Stored(_outbox.Mark());
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true });
        return Task.CompletedTask;
    }

    public async Task<FlashSale> Open(SaleTerms terms)
    {
        if (S.Terms is not null) return View();
        S.Terms = terms;
        S.Remaining = terms.Quantity;
        if (terms.StartsAt > Now) S.Status = FlashSaleStatus.Upcoming;
        await _commit.CommitAsync();
        return View();
    }

    public async Task<PurchaseResult> Buy(Caller caller, int quantity, string? idempotencyKey)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to buy");
        var terms = RequireSale();
        if (quantity <= 0) throw LiveCommerceException.Invalid("quantity must be at least 1");
        var key = $"{caller.UserId}\n{Validate.Text(idempotencyKey, "idempotencyKey", 100)}";

        if (S.OrderByKey.TryGetValue(key, out var earlier))
        {
            // A retry, perhaps concurrent with the first call: answer once the reservation is stored.
            await _commit.CommitAsync();
            var reservation = S.Reservations[earlier];
            await TrackOrderAsync(earlier, reservation, retry: true);
            return Reserved(earlier, reservation);
        }
        if (_answered.TryGetValue(key, out var answered)) return answered;

        ExpireDueHolds();
        var refusal = Refusal(caller, terms, quantity);
        if (refusal is { } status)
        {
            var result = new PurchaseResult { Status = status, Remaining = S.Remaining };
            // Not yet open is not an answer to keep: the same key may buy once it opens.
            if (status != PurchaseStatus.NotStarted) _answered[key] = result;
            return result;
        }

        var orderId = "o" + Guid.NewGuid().ToString("N")[..20];
        var held = new Reservation
        {
            UserId = caller.UserId!,
            Quantity = quantity,
            ExpiresAt = Now.AddSeconds(_options.HoldSeconds),
            Status = OrderStatus.PendingPayment,
            IdempotencyKey = key,
            CreatedAt = Now,
            BuyerName = caller.DisplayName,
        };
        S.Reservations[orderId] = held;
        S.OrderByKey[key] = orderId;
        // Every unit held is not sold out yet: the sale stays active at remaining 0 (v1.1).
        S.Remaining -= quantity;

        await _commit.CommitAsync();
        await TrackOrderAsync(orderId, held, retry: false);
        return Reserved(orderId, held);
    }

    private PurchaseStatus? Refusal(Caller caller, SaleTerms terms, int quantity)
    {
        // A sale that sold out stays "sold out" to latecomers: that is what the stampede's tail hears.
        if (S.Status == FlashSaleStatus.Ended) return S.EndReason == FlashSaleEndReason.SoldOut ? PurchaseStatus.SoldOut : PurchaseStatus.NotActive;
        if (S.Status == FlashSaleStatus.Upcoming) return PurchaseStatus.NotStarted;
        if (Now >= terms.EndsAt) return PurchaseStatus.NotActive;
        if (terms.SellRegions.Length > 0 && (caller.Region is null || !terms.SellRegions.Contains(caller.Region.ToUpperInvariant())))
            return PurchaseStatus.RegionBlocked;
        var mine = S.Reservations.Values
            .Where(r => r.UserId == caller.UserId && r.Status is OrderStatus.PendingPayment or OrderStatus.Paid)
            .Sum(r => r.Quantity);
        if (mine + quantity > terms.PerUserLimit) return PurchaseStatus.LimitExceeded;
        if (S.Remaining < quantity) return PurchaseStatus.SoldOut;
        return null;
    }

    private PurchaseResult Reserved(string orderId, Reservation reservation) => new()
    {
        Status = PurchaseStatus.Reserved,
        OrderId = orderId,
        Remaining = S.Remaining,
        HoldExpiresAt = reservation.ExpiresAt,
    };

    private async Task TrackOrderAsync(string orderId, Reservation reservation, bool retry)
    {
        var terms = S.Terms!;
        var line = new LineItem
        {
            RoomId = terms.RoomId, ProductId = terms.ProductId, Name = terms.ProductName,
            UnitPrice = terms.Price, Quantity = reservation.Quantity, Currency = terms.Currency,
        };
        var order = new Order
        {
            OrderId = orderId,
            UserId = reservation.UserId,
            RoomId = terms.RoomId,
            Lines = [line],
            Total = line.Amount,
            Currency = terms.Currency,
            Status = OrderStatus.PendingPayment,
            CreatedAt = reservation.CreatedAt,
            HoldExpiresAt = reservation.ExpiresAt,
            SaleId = SaleId,
            BuyerName = reservation.BuyerName,
        };
        var orders = GrainFactory.GetGrain<IOrderGrain>(orderId);
        // A retry's order is most likely stored already: it reads the terms itself only if it is not.
        if (retry)
        {
            await orders.Track(order);
            return;
        }
        // Read once per activation, like the name and price in the sale's terms: the stampede's orders
        // then need neither the room's snapshot nor the shelf's product list each.
        var lineTerms = _lineTerms ??= await OrderTerms.FetchAsync(GrainFactory, order);
        await orders.TrackWithTerms(order, lineTerms);
    }

    public async Task End(FlashSaleEndReason reason)
    {
        RequireSale();
        if (S.Status == FlashSaleStatus.Ended) return;
        MarkEnded(reason);
        await _commit.CommitAsync();
    }

    /// <summary>The unsold units go back to the product; held ones stay with their orders; the room hears of the end.</summary>
    private void MarkEnded(FlashSaleEndReason reason)
    {
        if (S.Status == FlashSaleStatus.Ended) return;
        S.Status = FlashSaleStatus.Ended;
        S.EndReason = reason;
        var taken = S.Terms!.Quantity - S.Remaining;
        if (S.Remaining > 0) _outbox.Add(new SettleOnShelf(EndMove, Sold: 0, Returned: S.Remaining));
        S.Returned += S.Remaining;
        S.Remaining = 0;
        _outbox.Add(new SaleEnded(taken, reason));
    }

    public Task<FlashSale> Get()
    {
        RequireSale();
        return Task.FromResult(View());
    }

    public async Task<OrderStatus> Confirm(string orderId, string userId)
    {
        RequireSale();
        ExpireDueHolds();
        var reservation = Owned(orderId, userId);
        if (reservation.Status != OrderStatus.PendingPayment) return reservation.Status;
        reservation.Status = OrderStatus.Paid;
        S.Sold += reservation.Quantity;
        _outbox.Add(new SettleOnShelf(orderId, Sold: reservation.Quantity, Returned: 0));
        if (S.Sold == S.Terms!.Quantity) MarkEnded(FlashSaleEndReason.SoldOut);
        await _commit.CommitAsync();
        return OrderStatus.Paid;
    }

    public async Task<OrderStatus> Release(string orderId, string userId, OrderStatus status)
    {
        RequireSale();
        if (status is not (OrderStatus.Cancelled or OrderStatus.Expired)) throw LiveCommerceException.Invalid($"a release is cancelled or expired, not {status}");
        ExpireDueHolds();
        var reservation = Owned(orderId, userId);
        if (reservation.Status != OrderStatus.PendingPayment) return reservation.Status;
        ReleaseHold(orderId, reservation, status);
        await _commit.CommitAsync();
        return status;
    }

    public Task<SaleAudit> Audit()
    {
        RequireSale();
        ExpireDueHolds();
        var perUser = S.Reservations.Values
            .Where(r => r.Status is OrderStatus.PendingPayment or OrderStatus.Paid)
            .GroupBy(r => r.UserId)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));
        return Task.FromResult(new SaleAudit(S.Terms!.Quantity, S.Sold, Held, S.Remaining, perUser, S.Status, S.Returned, S.Outbox.Pending.Count, S.EndReason));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => TickAsync(CancellationToken.None);

    private Reservation Owned(string orderId, string userId) =>
        S.Reservations.TryGetValue(orderId, out var reservation) && reservation.UserId == userId
            ? reservation
            : throw LiveCommerceException.NotFound($"order '{orderId}' is not in this sale");

    /// <summary>A pre-heated sale opens at its time, holds past their time give their units back, and a sale past its end ends.</summary>
    private void ExpireDueHolds()
    {
        if (S.Terms is null) return;
        var now = Now;
        var changed = false;
        if (S.Status == FlashSaleStatus.Upcoming && now >= S.Terms.StartsAt)
        {
            S.Status = FlashSaleStatus.Active;
            _outbox.Add(new SaleOpened());
            changed = true;
        }
        foreach (var (orderId, reservation) in S.Reservations)
        {
            if (reservation.Status != OrderStatus.PendingPayment || reservation.ExpiresAt > now) continue;
            ReleaseHold(orderId, reservation, OrderStatus.Expired);
            changed = true;
        }
        if (S.Status == FlashSaleStatus.Active && now >= S.Terms.EndsAt)
        {
            MarkEnded(FlashSaleEndReason.Expired);
            changed = true;
        }
        if (changed) _ = _commit.CommitAsync();
    }

    private void ReleaseHold(string orderId, Reservation reservation, OrderStatus status)
    {
        reservation.Status = status;
        if (S.Status == FlashSaleStatus.Active)
        {
            // Back to the sale: anyone can buy it again, including a buyer who heard soldOut.
            S.Remaining += reservation.Quantity;
            _answered.Clear();
        }
        else
        {
            S.Returned += reservation.Quantity;
            _outbox.Add(new SettleOnShelf(orderId, Sold: 0, Returned: reservation.Quantity));
        }
        // A cancelled order changes itself; an expired one hears of it.
        if (status == OrderStatus.Expired)
        {
            _metrics.HoldsExpired();
            _outbox.Add(new OrderExpired(orderId));
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (S.Terms is null) return;
        ExpireDueHolds();
        await FollowUpAsync();
        await _wakeUp.KeepAsync(_outbox.HasPending);
    }

    private async Task WriteAsync()
    {
        var mark = _outbox.Mark();
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        _outbox.Stored(mark);
        var terms = S.Terms!;
        if (S.Remaining != _lastPublishedRemaining)
        {
            _lastPublishedRemaining = S.Remaining;
            _publisher.PublishRoom(terms.RoomId, [new RoomEvent { Type = EventTypes.Stock, At = Now, Data = new StockData { SaleId = SaleId, Remaining = S.Remaining } }]);
            // One-way, for snapshots only (the stock event above is what viewers see).
            _ = GrainFactory.GetGrain<IRoomInbox>(terms.RoomId).OnFlashSaleProgress(SaleId, S.Remaining);
        }
        await _wakeUp.KeepAsync(_outbox.HasPending);
        _ = FollowUpAsync();
    }

    /// <summary>Delivers stored follow-ups; never throws (what fails stays stored, the timer tries again).</summary>
    private async Task FollowUpAsync()
    {
        if (await _outbox.DeliverAsync() > 0) _ = _commit.CommitAsync();
    }

    private Task DeliverAsync(FollowUp followUp)
    {
        var terms = S.Terms!;
        return followUp switch
        {
            SettleOnShelf m => GrainFactory.GetGrain<IShelfGrain>(terms.RoomId).Settle(SaleId, m.MoveId, m.Sold, m.Returned),
            OrderExpired e => GrainFactory.GetGrain<IOrderGrain>(e.OrderId).MarkExpired(),
            SaleEnded e => GrainFactory.GetGrain<IRoomInbox>(terms.RoomId).OnFlashSaleEnded(SaleId, e.Sold, e.Reason),
            SaleOpened => GrainFactory.GetGrain<IRoomInbox>(terms.RoomId).OnFlashSaleOpened(SaleId),
            _ => throw new InvalidOperationException($"a sale cannot deliver {followUp.GetType().Name}"),
        };
    }

    private SaleTerms RequireSale()
    {
        if (S.Terms is { } terms) return terms;
        DeactivateOnIdle();
        throw LiveCommerceException.NotFound($"flash sale '{SaleId}' does not exist");
    }

    private FlashSale View()
    {
        var terms = S.Terms!;
        return new FlashSale
        {
            SaleId = SaleId,
            ProductId = terms.ProductId,
            Price = terms.Price,
            Quantity = terms.Quantity,
            Remaining = S.Remaining,
            PerUserLimit = terms.PerUserLimit,
            EndsAt = terms.EndsAt,
            Status = S.Status,
            StartsAt = terms.StartsAt ?? default,
        };
    }
}
