using LiveCommerce.Contracts.Affiliates;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Contracts.Vouchers;
using LiveCommerce.Grains.Affiliates;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.Grains.Vouchers;

namespace LiveCommerce.Grains.Commerce;

[GenerateSerializer, Alias("OrderState")]
public sealed class OrderState
{
    [Id(0)] public Order? Order { get; set; }
    /// <summary>The rooms' selling figures still to hear of this order (placed, paid).</summary>
    [Id(1)] public OutboxState Outbox { get; set; } = new();
    /// <summary>The products' terms when the order was placed (commission, seller, voucher), settled when paid.</summary>
    [Id(2)] public List<LineTerms> Terms { get; set; } = [];
}

/// <summary>
/// The buyer's record of one order. The units themselves are kept by the flash sale or the rooms'
/// shelves; paying or cancelling asks them first, so the order can never say paid for a unit that went
/// back. The rooms' figures hear of it through the outbox.
/// </summary>
public sealed class OrderGrain : Grain, IOrderGrain, IRemindable
{
    private readonly IPersistentState<OrderState> _state;
    private readonly IRoomPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly Outbox _outbox;
    private readonly FollowUpReminder _wakeUp;
    private IGrainTimer? _retry;

    public OrderGrain([PersistentState("order", StorageNames.Live)] IPersistentState<OrderState> state, IRoomPublisher publisher, TimeProvider time)
    {
        _state = state;
        _publisher = publisher;
        _time = time;
        _outbox = new Outbox(() => _state.State.Outbox, DeliverAsync);
        _wakeUp = new FollowUpReminder(this);
    }

    private Order? Current => _state.State.Order;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _outbox.Stored(_outbox.Mark());
        RetryWhilePending();
        return Task.CompletedTask;
    }

    public async Task<Order> Track(Order order) => await TrackWithTerms(order, Current is null ? await OrderTerms.FetchAsync(GrainFactory, order) : []);

    public async Task<Order> TrackWithTerms(Order order, List<LineTerms> terms)
    {
        if (Current is null)
        {
            order = await WithAffiliatesAsync(order, terms);
            _state.State.Order = order;
            RecordFigures(order, paid: false);
            await WriteAsync();
            ShowBuying(order);
        }
        var tracked = Current!;
        // The buyer's index already has it: a sale admits the order there before reserving, a checkout
        // indexes its own, auctions and giveaways add their winners' orders.
        Announce(tracked);
        return tracked;
    }

    public Task<Order> Get(Caller caller) => Task.FromResult(Owned(caller));

    public Task<Order?> Find(Caller caller) =>
        Task.FromResult(Current is { } order && order.UserId == caller.UserId ? Owned(caller) : null);

    public async Task<Order> Pay(Caller caller)
    {
        var order = Owned(caller);
        if (order.Status != OrderStatus.PendingPayment)
        {
            if (order.Status == OrderStatus.Paid) return order;
            throw LiveCommerceException.Conflict($"order '{order.OrderId}' is {order.Status.ToWire()} and cannot be paid");
        }
        var status = await SellUnits(order);
        var updated = await SetStatus(status);
        if (status != OrderStatus.Paid)
            throw LiveCommerceException.Conflict($"order '{order.OrderId}' is {status.ToWire()} and cannot be paid");
        return updated;
    }

    public async Task<Order> Cancel(Caller caller)
    {
        var order = Owned(caller);
        if (order.Status is OrderStatus.Cancelled or OrderStatus.Expired) return order;
        if (order.Status == OrderStatus.Paid) throw LiveCommerceException.Conflict($"order '{order.OrderId}' is paid and cannot be cancelled");
        return await SetStatus(await ReleaseUnits(order));
    }

    public async Task OnHoldClosed(OrderStatus status)
    {
        if (Current is not { Status: OrderStatus.PendingPayment } order) return;
        // Paying or cancelling failed part-way (the keeper closed the hold, this record was not written):
        // finish it the same way in every room of the order. The keepers answer from their holds, which
        // they keep until this call returns.
        var closed = status switch
        {
            OrderStatus.Paid => await SellUnits(order),
            OrderStatus.Cancelled => await ReleaseUnits(order),
            _ => OrderStatus.Expired,
        };
        await SetStatus(closed);
    }

    private Task<OrderStatus> SellUnits(Order order) => order.SaleId is { } saleId
        ? GrainFactory.GetGrain<IFlashSaleGrain>(saleId).Confirm(order.OrderId, order.UserId)
        : SellOnShelves(order);

    private Task<OrderStatus> ReleaseUnits(Order order) => order.SaleId is { } saleId
        ? GrainFactory.GetGrain<IFlashSaleGrain>(saleId).Release(order.OrderId, order.UserId, OrderStatus.Cancelled)
        : ReleaseOnShelves(order, HoldStatus.Cancelled);

    public async Task MarkExpired()
    {
        if (Current is { Status: OrderStatus.PendingPayment }) await SetStatus(OrderStatus.Expired);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => FollowUpAsync(CancellationToken.None);

    private async Task<OrderStatus> SellOnShelves(Order order)
    {
        var statuses = await Task.WhenAll(RoomsOf(order).Select(r => GrainFactory.GetGrain<IShelfGrain>(r).Sell(order.OrderId)));
        if (statuses.All(s => s == HoldStatus.Sold)) return OrderStatus.Paid;
        // A hold expired in one room: give back what the others still hold, so nothing is half-paid.
        await ReleaseOnShelves(order, HoldStatus.Expired);
        return OrderStatus.Expired;
    }

    private async Task<OrderStatus> ReleaseOnShelves(Order order, HoldStatus reason)
    {
        var statuses = await Task.WhenAll(RoomsOf(order).Select(r => GrainFactory.GetGrain<IShelfGrain>(r).Release(order.OrderId, reason)));
        if (statuses.Contains(HoldStatus.Sold)) return OrderStatus.Paid;
        return statuses.Contains(HoldStatus.Expired) || reason == HoldStatus.Expired ? OrderStatus.Expired : OrderStatus.Cancelled;
    }

    private static IEnumerable<string> RoomsOf(Order order) => order.Lines.Select(l => l.RoomId).Distinct();

    private async Task<Order> SetStatus(OrderStatus status)
    {
        var order = Current!;
        if (order.Status == status) return order;
        var updated = order with { Status = status };
        _state.State.Order = updated;
        if (status == OrderStatus.Paid)
        {
            RecordFigures(updated, paid: true);
            updated = Settle(updated);
            _state.State.Order = updated;
        }
        await WriteAsync();
        Announce(updated);
        return updated;
    }

    public async Task OnVoucherChanged(Voucher voucher)
    {
        var order = Current;
        if (order is null || !order.Vouchers.Any(v => v.Code == voucher.Code && v != voucher)) return;
        var updated = order with { Vouchers = [.. order.Vouchers.Select(v => v.Code == voucher.Code ? voucher : v)] };
        _state.State.Order = updated;
        await WriteAsync();
        Announce(updated);
    }

    /// <summary>The creator (the room's host), the commission and the referrer, from the products' terms when placed.</summary>
    private async Task<Order> WithAffiliatesAsync(Order order, List<LineTerms> terms)
    {
        _state.State.Terms = terms;
        var referrer = await GrainFactory.GetGrain<IReferralGrain>(IReferralGrain.Key(order.RoomId, order.UserId)).ActiveReferrer();
        return order with
        {
            CreatorId = terms.First(t => t.RoomId == order.RoomId).HostId,
            Commission = PaidOrderSettlement.Commission(order.Lines.Zip(terms, (l, t) => (l.Amount, t.CommissionRate))),
            ReferrerId = referrer,
        };
    }

    /// <summary>A paid order's follow-ups: each room's creator earns, each seller lists it, each voucher unit gets a code.</summary>
    private Order Settle(Order order)
    {
        var terms = _state.State.Terms;
        var now = _time.GetUtcNow().UtcDateTime;
        var lines = order.Lines.Zip(terms).ToList();
        foreach (var room in lines.GroupBy(l => l.Second.RoomId))
            _outbox.Add(new CreatorEarned(room.First().Second.HostId, new Earning
            {
                OrderId = order.OrderId,
                RoomId = room.Key,
                PaidAt = now,
                PaidTotal = room.Sum(l => l.First.Amount),
                Commission = PaidOrderSettlement.Commission(room.Select(l => (l.First.Amount, l.Second.CommissionRate))),
            }));
        foreach (var seller in terms.Select(t => t.SellerId).Distinct()) _outbox.Add(new SellerPaid(seller));

        var vouchers = new List<Voucher>();
        foreach (var (line, term) in lines.Where(l => l.Second.Kind == ProductKind.Voucher))
            for (var unit = 0; unit < line.Quantity; unit++)
            {
                var voucher = new Voucher
                {
                    Code = VoucherCodes.New(), ProductId = line.ProductId, Status = VoucherStatus.Issued,
                    ValidUntil = now.AddDays(term.ValidDays ?? 1), OrderId = order.OrderId, RoomId = line.RoomId,
                    Name = line.Name, RedeemAt = term.RedeemAt ?? "",
                };
                vouchers.Add(voucher);
                _outbox.Add(new VoucherToIssue(new VoucherIssue
                {
                    Voucher = voucher, BuyerId = order.UserId, SellerId = term.SellerId, HostId = term.HostId,
                    ShelfReference = order.SaleId ?? order.OrderId,
                }));
            }
        return vouchers.Count == 0 ? order : order with { Vouchers = [.. vouchers] };
    }

    private async Task IssueVoucherAsync(VoucherIssue issue)
    {
        var code = issue.Voucher.Code;
        if (!await GrainFactory.GetGrain<IVoucherGrain>(code).Issue(issue))
        {
            // Another unit already has this code (80 random bits: practically never): this one draws a new code.
            var fresh = issue.Voucher with { Code = VoucherCodes.New() };
            _state.State.Order = Current! with { Vouchers = [.. Current.Vouchers.Select(v => v.Code == code ? fresh : v)] };
            _outbox.Add(new VoucherToIssue(issue with { Voucher = fresh }));
            return;
        }
        await GrainFactory.GetGrain<IVoucherWalletGrain>(issue.BuyerId).Add(code);
    }

    private void RecordFigures(Order order, bool paid)
    {
        foreach (var room in order.Lines.GroupBy(l => l.RoomId))
            _outbox.Add(new OrderFigures(room.Key, room.Sum(l => l.Quantity), room.Sum(l => l.Amount), paid));
    }

    /// <summary>Stores the order and its follow-ups, then delivers them (what fails is retried by a timer and a reminder).</summary>
    private async Task WriteAsync()
    {
        var mark = _outbox.Mark();
        await _state.WriteStateAsync();
        _outbox.Stored(mark);
        await FollowUpAsync(CancellationToken.None);
    }

    private async Task FollowUpAsync(CancellationToken cancellationToken)
    {
        if (await _outbox.DeliverAsync() > 0) await _state.WriteStateAsync();
        RetryWhilePending();
        await _wakeUp.KeepAsync(_outbox.HasPending);
    }

    /// <summary>A timer only while something is pending: most orders never need one.</summary>
    private void RetryWhilePending()
    {
        if (_outbox.HasPending) _retry ??= this.RegisterGrainTimer(FollowUpAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        else
        {
            _retry?.Dispose();
            _retry = null;
        }
    }

    private Task DeliverAsync(FollowUp followUp) => followUp switch
    {
        OrderFigures f => GrainFactory.GetGrain<IShelfGrain>(f.RoomId).RecordOrder(Current!.OrderId, Current.UserId, f.Units, f.Amount, f.Paid),
        CreatorEarned e => GrainFactory.GetGrain<ICreatorGrain>(e.CreatorId).Record(e.Earning),
        SellerPaid s => GrainFactory.GetGrain<ISellerGrain>(s.SellerId).Record(Current!),
        VoucherToIssue v => IssueVoucherAsync(v.Issue),
        _ => throw new InvalidOperationException($"an order cannot deliver {followUp.GetType().Name}"),
    };

    /// <summary>Social proof: each room of a newly placed order shows it in its <c>buying</c> feed (a view: one-way).</summary>
    private void ShowBuying(Order order)
    {
        if (order.Status != OrderStatus.PendingPayment) return;
        foreach (var line in order.Lines.DistinctBy(l => l.RoomId))
            // A view: the feed is in memory and the next order supersedes it; no order depends on it.
            this.SendView(GrainFactory.GetGrain<Social.ISocialProofGrain>(line.RoomId).OrderPlaced(order.BuyerName ?? order.UserId, line.ProductId, line.Quantity, order.CreatedAt), "buying feed");
    }

    private void Announce(Order order) =>
        _publisher.PublishPersonal(order.UserId, new PersonalEvent
        {
            Type = EventTypes.OrderUpdated,
            At = _time.GetUtcNow().UtcDateTime,
            Data = new OrderUpdatedData { Order = order },
        });

    private Order Owned(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to see your orders");
        var order = Current;
        if (order is null)
        {
            DeactivateOnIdle();
            throw LiveCommerceException.NotFound($"order '{this.GetPrimaryKeyString()}' does not exist");
        }
        // Someone else's order is reported as missing, so order ids cannot be probed.
        if (order.UserId != caller.UserId) throw LiveCommerceException.NotFound($"order '{order.OrderId}' does not exist");
        // An unpaid hold past its time is expired even before the stock owner's timer says so.
        if (order.Status == OrderStatus.PendingPayment && order.HoldExpiresAt <= _time.GetUtcNow().UtcDateTime)
            return order with { Status = OrderStatus.Expired };
        return order;
    }
}
