using LiveCommerce.Errors;
using LiveCommerce.Identity;
using LiveCommerce.Persistence;
using LiveCommerce.Realtime;
using LiveCommerce.Rooms;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LiveCommerce.Commerce;

/// <summary>
/// A flash sale's stock. Every rule is checked and every change made in one synchronous turn, so the
/// stampede needs no locks; reservations are group-committed, so the first second of a sale costs a
/// few writes, not one per buyer, and a buyer hears <c>reserved</c> only once it is stored.
/// Outcomes that change nothing (sold out, over the limit...) are answered at once without a write.
/// </summary>
[Reentrant]
public sealed class FlashSaleGrain : Grain, IFlashSaleGrain
{
    private readonly IPersistentState<FlashSaleState> _state;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly CommerceOptions _options;
    private readonly GroupCommit _commit;
    // Orders whose hold expired or was cancelled since the last write: their grains hear of it after it.
    private readonly List<(string OrderId, bool ReturnToProduct, int Quantity)> _released = [];
    // Outcomes that changed nothing, remembered for retries with the same key while this activation lives.
    private readonly Dictionary<string, PurchaseResult> _answered = [];
    private int _lastPublishedRemaining = -1;

    public FlashSaleGrain(
        [PersistentState("sale", StorageNames.Live)] IPersistentState<FlashSaleState> state,
        IRoomPublisher publisher,
        TimeProvider time,
        IOptions<CommerceOptions> options)
    {
        _state = state;
        _publisher = publisher;
        _time = time;
        _options = options.Value;
        _commit = new GroupCommit(WriteAsync);
    }

    private FlashSaleState S => _state.State;
    private string SaleId => this.GetPrimaryKeyString();
    private DateTime Now => _time.GetUtcNow().UtcDateTime;
    private int Held => S.Reservations.Values.Where(r => r.Status == OrderStatus.PendingPayment).Sum(r => r.Quantity);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true });
        return Task.CompletedTask;
    }

    public async Task<FlashSale> Open(SaleTerms terms)
    {
        if (S.Terms is not null) return View();
        S.Terms = terms;
        S.Remaining = terms.Quantity;
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
            await TrackOrderAsync(earlier, reservation);
            return Reserved(earlier, reservation);
        }
        if (_answered.TryGetValue(key, out var answered)) return answered;

        ExpireDueHolds();
        var refusal = Refusal(caller, terms, quantity);
        if (refusal is not null)
        {
            var result = new PurchaseResult { Status = refusal, Remaining = S.Remaining };
            _answered[key] = result;
            if (refusal == PurchaseStatus.NotActive && S.Status == FlashSaleStatus.Active) await EndAsync(FlashSaleEndReason.Expired);
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
        };
        S.Reservations[orderId] = held;
        S.OrderByKey[key] = orderId;
        S.Remaining -= quantity;
        if (S.Remaining == 0) MarkEnded(FlashSaleEndReason.SoldOut);

        await _commit.CommitAsync();
        await TrackOrderAsync(orderId, held);
        return Reserved(orderId, held);
    }

    private string? Refusal(Caller caller, SaleTerms terms, int quantity)
    {
        // A sale that sold out stays "sold out" to latecomers: that is what the stampede's tail hears.
        if (S.Status == FlashSaleStatus.Ended && S.EndReason == FlashSaleEndReason.SoldOut) return PurchaseStatus.SoldOut;
        if (S.Status != FlashSaleStatus.Active || Now >= terms.EndsAt) return PurchaseStatus.NotActive;
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

    private Task TrackOrderAsync(string orderId, Reservation reservation)
    {
        var terms = S.Terms!;
        var line = new LineItem { RoomId = terms.RoomId, ProductId = terms.ProductId, Name = terms.ProductName, UnitPrice = terms.Price, Quantity = reservation.Quantity };
        return GrainFactory.GetGrain<IOrderGrain>(orderId).Track(new Order
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
        });
    }

    public async Task End(string reason)
    {
        RequireSale();
        if (S.Status == FlashSaleStatus.Ended) return;
        await EndAsync(reason);
    }

    private async Task EndAsync(string reason)
    {
        MarkEnded(reason);
        await _commit.CommitAsync();
        await ReportEndAsync();
    }

    private void MarkEnded(string reason)
    {
        if (S.Status == FlashSaleStatus.Ended) return;
        S.Status = FlashSaleStatus.Ended;
        S.EndReason = reason;
    }

    private async Task ReportEndAsync()
    {
        if (S.Status != FlashSaleStatus.Ended || S.EndReported) return;
        await GrainFactory.GetGrain<ILiveRoomGrain>(S.Terms!.RoomId).OnFlashSaleEnded(SaleId, S.Sold, S.EndReason!, S.Remaining);
        S.EndReported = true;
        await _commit.CommitAsync();
    }

    public Task<FlashSale> Get()
    {
        RequireSale();
        return Task.FromResult(View());
    }

    public async Task<string> Confirm(string orderId, string userId)
    {
        RequireSale();
        ExpireDueHolds();
        var reservation = Owned(orderId, userId);
        if (reservation.Status != OrderStatus.PendingPayment) return reservation.Status;
        reservation.Status = OrderStatus.Paid;
        S.Sold += reservation.Quantity;
        await _commit.CommitAsync();
        return OrderStatus.Paid;
    }

    public async Task<string> Release(string orderId, string userId, string status)
    {
        RequireSale();
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
        return Task.FromResult(new SaleAudit(S.Terms!.Quantity, S.Sold, Held, S.Remaining, perUser, S.Status));
    }

    private Reservation Owned(string orderId, string userId) =>
        S.Reservations.TryGetValue(orderId, out var reservation) && reservation.UserId == userId
            ? reservation
            : throw LiveCommerceException.NotFound($"order '{orderId}' is not in this sale");

    /// <summary>Expired holds give their units back: to the sale while it runs, else to the product.</summary>
    private void ExpireDueHolds()
    {
        var now = Now;
        foreach (var (orderId, reservation) in S.Reservations)
            if (reservation.Status == OrderStatus.PendingPayment && reservation.ExpiresAt <= now)
                ReleaseHold(orderId, reservation, OrderStatus.Expired);
        if (S.Terms is not null && S.Status == FlashSaleStatus.Active && now >= S.Terms.EndsAt) MarkEnded(FlashSaleEndReason.Expired);
        if (_released.Count > 0 || (S.Status == FlashSaleStatus.Ended && !S.EndReported)) _ = _commit.CommitAsync();
    }

    private void ReleaseHold(string orderId, Reservation reservation, string status)
    {
        reservation.Status = status;
        // Counted as left either way; once the room has taken the sale's unsold units back, later
        // releases go back to the product's stock one by one.
        S.Remaining += reservation.Quantity;
        _released.Add((orderId, S.EndReported, reservation.Quantity));
        // A unit released early can be bought again by anyone, including a buyer who saw soldOut.
        _answered.Clear();
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (S.Terms is null) return;
        ExpireDueHolds();
        if (S.Status == FlashSaleStatus.Ended && !S.EndReported)
        {
            await _commit.CommitAsync();
            await ReportEndAsync();
        }
    }

    private async Task WriteAsync()
    {
        var released = _released.ToArray();
        _released.Clear();
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        var terms = S.Terms!;
        if (S.Remaining != _lastPublishedRemaining)
        {
            _lastPublishedRemaining = S.Remaining;
            _publisher.PublishRoom(terms.RoomId, [new RoomEvent { Type = EventTypes.Stock, At = Now, Data = new StockData { SaleId = SaleId, Remaining = S.Remaining } }]);
            _ = GrainFactory.GetGrain<ILiveRoomGrain>(terms.RoomId).OnFlashSaleProgress(SaleId, S.Remaining);
        }
        var room = GrainFactory.GetGrain<ILiveRoomGrain>(terms.RoomId);
        foreach (var (orderId, toProduct, quantity) in released)
        {
            _ = GrainFactory.GetGrain<IOrderGrain>(orderId).MarkExpired();
            if (toProduct) _ = room.ReturnStock(terms.ProductId, quantity);
        }
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
        };
    }
}
