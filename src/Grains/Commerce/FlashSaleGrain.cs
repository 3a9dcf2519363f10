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
    // Refusals remembered per key in memory; beyond this many, forgotten (they are cheap to work out again).
    private const int AnsweredKept = 10_000;
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
    private readonly SaleTally _tally;

    public FlashSaleGrain(
        [PersistentState("sale", StorageNames.Live)] IPersistentState<FlashSaleState> state,
        IRoomPublisher publisher,
        TimeProvider time,
        IOptions<CommerceOptions> options,
        LiveCommerceMetrics metrics,
        Microsoft.Extensions.Logging.ILogger<FlashSaleGrain> logger)
    {
        _metrics = metrics;
        _state = state;
        _publisher = publisher;
        _time = time;
        _options = options.Value;
        _commit = new GroupCommit(WriteAsync, metrics, "sale", logger);
        _outbox = new Outbox(() => _state.State.Outbox, DeliverAsync);
        _wakeUp = new FollowUpReminder(this);
        _tally = new SaleTally(() => _state.State.Reservations);
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
        var rawKey = Validate.Text(idempotencyKey, "idempotencyKey", 100);
        var key = $"{caller.UserId}\n{rawKey}";

        if (await EarlierAsync(caller, key, rawKey) is { } earlier) return earlier;
        if (_answered.TryGetValue(key, out var answered)) return answered;

        ExpireDueHolds();
        var refusal = Refusal(caller, terms, quantity);
        if (refusal is { } status)
        {
            var result = new PurchaseResult { Status = status, Remaining = S.Remaining };
            // Not yet open is not an answer to keep: the same key may buy once it opens.
            if (status != PurchaseStatus.NotStarted)
            {
                if (_answered.Count >= AnsweredKept) _answered.Clear();
                _answered[key] = result;
            }
            return result;
        }

        var orderId = OrderIds.ForSale(SaleId, caller.UserId!, rawKey);
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
        _tally.Reserved(held);
        // Every unit held is not sold out yet: the sale stays active at remaining 0 (v1.1).
        S.Remaining -= quantity;

        // The buyer's open orders are capped (conflict), and the order is in their list before anyone hears
        // of it. The admission runs beside the group commit, not before it: the reservation is answered once
        // both are stored, and one the buyer refuses is undone (a write in flight may have stored it; the
        // next one removes it).
        var admitted = GrainFactory.GetGrain<IBuyerGrain>(caller.UserId!).Admit(caller, orderId, held.ExpiresAt);
        var stored = _commit.CommitAsync();
        try
        {
            await admitted;
        }
        catch
        {
            stored.Ignore();
            await UndoAsync(orderId, held);
            throw;
        }
        await stored;
        await TrackOrderAsync(orderId, held, retry: false);
        return Reserved(orderId, held);
    }

    /// <summary>
    /// A retry of a key already used: its reservation in hot state (answered once stored), or a compacted
    /// one, answered from its order record (the order id derives from the key). Null for a new key.
    /// </summary>
    private async Task<PurchaseResult?> EarlierAsync(Caller caller, string key, string rawKey)
    {
        if (S.OrderByKey.TryGetValue(key, out var earlier))
        {
            // Perhaps concurrent with the first call: answer once the reservation is stored.
            var reservation = S.Reservations[earlier];
            await _commit.CommitAsync();
            await TrackOrderAsync(earlier, reservation, retry: true);
            return Reserved(earlier, reservation);
        }
        if (!S.Buyers.TryGetValue(caller.UserId!, out var buyer) || buyer.Closed == 0) return null;
        var orderId = OrderIds.ForSale(SaleId, caller.UserId!, rawKey);
        if (await GrainFactory.GetGrain<IOrderGrain>(orderId).Find(caller) is { } order && order.SaleId == SaleId)
            return new PurchaseResult { Status = PurchaseStatus.Reserved, OrderId = orderId, Remaining = S.Remaining, HoldExpiresAt = order.HoldExpiresAt };
        // The same key may have reserved while the order was looked up.
        return S.OrderByKey.ContainsKey(key) ? await EarlierAsync(caller, key, rawKey) : null;
    }

    /// <summary>A reservation the buyer could not admit never happened: its units go back, nobody hears of it.</summary>
    private async Task UndoAsync(string orderId, Reservation held)
    {
        if (!S.Reservations.TryGetValue(orderId, out var current) || current != held || held.Status != OrderStatus.PendingPayment) return;
        ReleaseHold(orderId, held, OrderStatus.Cancelled, tellOrder: false);
        S.Reservations.Remove(orderId);
        S.OrderByKey.Remove(held.IdempotencyKey);
        _tally.Changed();
        try
        {
            // A write that began meanwhile may have stored the reservation.
            await _commit.CommitAsync();
        }
        catch (Exception)
        {
            // Reloaded from storage: a stored reservation without an order runs out at its hold time.
        }
    }

    /// <summary>Once the order has recorded how its reservation closed, the reservation leaves hot state.</summary>
    private void Compact(string orderId)
    {
        if (!S.Reservations.TryGetValue(orderId, out var reservation) || reservation.Status == OrderStatus.PendingPayment) return;
        if (!S.Buyers.TryGetValue(reservation.UserId, out var buyer)) S.Buyers[reservation.UserId] = buyer = new SaleBuyer();
        if (reservation.Status == OrderStatus.Paid) buyer.PaidUnits += reservation.Quantity;
        buyer.Closed++;
        S.Reservations.Remove(orderId);
        S.OrderByKey.Remove(reservation.IdempotencyKey);
        _tally.Changed();
    }

    private int PaidBefore(string userId) => S.Buyers.TryGetValue(userId, out var buyer) ? buyer.PaidUnits : 0;

    private PurchaseStatus? Refusal(Caller caller, SaleTerms terms, int quantity)
    {
        // A sale that sold out stays "sold out" to latecomers: that is what the stampede's tail hears.
        if (S.Status == FlashSaleStatus.Ended) return S.EndReason == FlashSaleEndReason.SoldOut ? PurchaseStatus.SoldOut : PurchaseStatus.NotActive;
        if (S.Status == FlashSaleStatus.Upcoming) return PurchaseStatus.NotStarted;
        if (Now >= terms.EndsAt) return PurchaseStatus.NotActive;
        if (terms.SellRegions.Length > 0 && (caller.Region is null || !terms.SellRegions.Contains(caller.Region.ToUpperInvariant())))
            return PurchaseStatus.RegionBlocked;
        var mine = _tally.UnitsOf(caller.UserId!) + PaidBefore(caller.UserId!);
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
        _outbox.Add(new OrderHoldClosed(orderId, OrderStatus.Paid));
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
            .Select(r => (r.UserId, r.Quantity))
            .Concat(S.Buyers.Where(b => b.Value.PaidUnits > 0).Select(b => (UserId: b.Key, Quantity: b.Value.PaidUnits)))
            .GroupBy(r => r.UserId)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));
        return Task.FromResult(new SaleAudit(S.Terms!.Quantity, S.Sold, Held, S.Remaining, perUser, S.Status, S.Returned, S.Outbox.Pending.Count, S.EndReason)
        {
            ReservationsKept = S.Reservations.Count,
            KeysKept = S.OrderByKey.Count,
        });
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
        if (_tally.MayHaveDueHolds(now))
        {
            DateTime? earliestRunning = null;
            foreach (var (orderId, reservation) in S.Reservations)
            {
                if (reservation.Status != OrderStatus.PendingPayment) continue;
                if (reservation.ExpiresAt > now)
                {
                    if (earliestRunning is null || reservation.ExpiresAt < earliestRunning) earliestRunning = reservation.ExpiresAt;
                    continue;
                }
                ReleaseHold(orderId, reservation, OrderStatus.Expired);
                changed = true;
            }
            _tally.Looked(earliestRunning);
        }
        if (S.Status == FlashSaleStatus.Active && now >= S.Terms.EndsAt)
        {
            MarkEnded(FlashSaleEndReason.Expired);
            changed = true;
        }
        if (changed) _commit.CommitInBackground();
    }

    private void ReleaseHold(string orderId, Reservation reservation, OrderStatus status, bool tellOrder = true)
    {
        reservation.Status = status;
        _tally.Changed();
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
        if (status == OrderStatus.Expired) _metrics.HoldsExpired();
        // An expired order hears of it; a cancelled one changed itself, and acknowledges it so the reservation can be compacted.
        if (tellOrder) _outbox.Add(new OrderHoldClosed(orderId, status));
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
            // A view (snapshots only; the stock event above is what viewers see, the next write supersedes it, the end is durable).
            this.SendView(GrainFactory.GetGrain<IRoomInbox>(terms.RoomId).OnFlashSaleProgress(SaleId, S.Remaining), "flash-sale progress");
        }
        await _wakeUp.KeepAsync(_outbox.HasPending);
        _ = FollowUpAsync();
    }

    /// <summary>Delivers stored follow-ups; never throws (what fails stays stored, the timer tries again).</summary>
    private async Task FollowUpAsync()
    {
        if (await _outbox.DeliverAsync() > 0) _commit.CommitInBackground();
    }

    private Task DeliverAsync(FollowUp followUp)
    {
        var terms = S.Terms!;
        return followUp switch
        {
            SettleOnShelf m => GrainFactory.GetGrain<IShelfGrain>(terms.RoomId).Settle(SaleId, m.MoveId, m.Sold, m.Returned),
            OrderHoldClosed c => CloseOrderAsync(c),
            OrderExpired e => GrainFactory.GetGrain<IOrderGrain>(e.OrderId).MarkExpired(),
            SaleEnded e => GrainFactory.GetGrain<IRoomInbox>(terms.RoomId).OnFlashSaleEnded(SaleId, e.Sold, e.Reason),
            SaleOpened => GrainFactory.GetGrain<IRoomInbox>(terms.RoomId).OnFlashSaleOpened(SaleId),
            _ => throw new InvalidOperationException($"a sale cannot deliver {followUp.GetType().Name}"),
        };
    }

    private async Task CloseOrderAsync(OrderHoldClosed closed)
    {
        await GrainFactory.GetGrain<IOrderGrain>(closed.OrderId).OnHoldClosed(closed.Status);
        Compact(closed.OrderId);
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
