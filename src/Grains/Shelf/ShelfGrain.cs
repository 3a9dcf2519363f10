using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Telemetry;
using Orleans.Concurrency;

namespace LiveCommerce.Grains.Shelf;

[GenerateSerializer, Alias("ShelfState")]
public sealed class ShelfState
{
    /// <summary>Null until the room has sent its terms: nothing is sold to buyers before.</summary>
    [Id(0)] public ShelfTerms? Terms { get; set; }
    [Id(1)] public ShelfBooks Books { get; set; } = new();
    [Id(2)] public long AddToCarts { get; set; }
    /// <summary>Before compaction: every placed order's id (now <see cref="OrdersPlaced"/> and <see cref="RecentlyPlaced"/>).</summary>
    [Id(3)] public HashSet<string> PlacedOrders { get; set; } = [];
    [Id(4)] public HashSet<string> PaidOrders { get; set; } = [];
    [Id(5)] public long UnitsSold { get; set; }
    [Id(6)] public decimal Gmv { get; set; }
    [Id(7)] public HashSet<string> PayingBuyers { get; set; } = [];
    /// <summary>Bumped by every change the room's snapshot shows (stock, products).</summary>
    [Id(8)] public long Version { get; set; }
    [Id(9)] public OutboxState Outbox { get; set; } = new();
    [Id(10)] public long OrdersPlaced { get; set; }
    /// <summary>The newest placed orders, so a redelivered figure counts once (unpaid orders cost an attacker nothing: no set of them all).</summary>
    [Id(11)] public RecentIds RecentlyPlaced { get; set; } = new();
}

/// <summary>
/// The room's shelf (see <see cref="IShelfGrain"/>). Reentrant with group commit like the room: rules
/// are checked and changes made in one turn, and a caller is answered once the write that holds its
/// change is stored. Pushes its products to the room for snapshots; tells orders of expired holds
/// through its outbox.
/// </summary>
[Reentrant]
public sealed class ShelfGrain : Grain, IShelfGrain, IRemindable
{
    private readonly IPersistentState<ShelfState> _state;
    private readonly TimeProvider _time;
    private readonly GroupCommit _commit;
    private readonly ShelfStock _stock;
    private readonly Outbox _outbox;
    private readonly FollowUpReminder _wakeUp;
    private readonly LiveCommerceMetrics _metrics;
    private long _pushedVersion = -1;

    private readonly RoomOptions _options;

    public ShelfGrain(
        [PersistentState("shelf", StorageNames.Live)] IPersistentState<ShelfState> state,
        TimeProvider time,
        LiveCommerceMetrics metrics,
        Microsoft.Extensions.Options.IOptions<RoomOptions> options,
        Microsoft.Extensions.Logging.ILogger<ShelfGrain> logger)
    {
        _state = state;
        _time = time;
        _metrics = metrics;
        _options = options.Value;
        _commit = new GroupCommit(WriteAsync, metrics, "shelf", logger);
        _outbox = new Outbox(() => _state.State.Outbox, DeliverAsync);
        _stock = new ShelfStock(() => _state.State.Books, (orderId, status) => _outbox.Add(new OrderHoldClosed(orderId, status.ToOrderStatus())));
        _wakeUp = new FollowUpReminder(this);
    }

    private ShelfState S => _state.State;
    private string RoomId => this.GetPrimaryKeyString();
    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _outbox.Stored(_outbox.Mark());
        if (S.PlacedOrders.Count > 0)
        {
            S.OrdersPlaced += S.PlacedOrders.Count;
            S.PlacedOrders.Clear();
        }
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = true });
        return Task.CompletedTask;
    }

    public async Task SetTerms(ShelfTerms terms)
    {
        // An ended room stays ended, whatever order retried calls arrive in.
        if (S.Terms is { Status: RoomStatus.Ended } || S.Terms == terms) return;
        S.Terms = terms;
        await Commit();
    }

    public async Task<Product> Put(Product product)
    {
        _stock.Put(product, _options.ProductsPerRoom);
        await Commit(changesView: true);
        return product;
    }

    public Task<Product[]> Products() => Task.FromResult(_stock.Products.ToArray());

    public async Task<LineItem[]> Take(TakeRequest request)
    {
        if (request.Buyer is { } buyer) RequireBuyer(buyer);
        ExpireDueHolds();
        if (S.Books.Holds.TryGetValue(request.Reference, out var existing))
        {
            // A retry: answer once the first take is stored.
            await _commit.CommitAsync();
            return existing.Lines;
        }
        var lines = _stock.Take(RoomId, request.Reference, request.Holder, request.Lines, request.ExpiresAt);
        await Commit(changesView: true);
        return lines;
    }

    public async Task<HoldStatus> Sell(string reference)
    {
        ExpireDueHolds();
        var status = _stock.Sell(reference);
        await Commit(changesView: true);
        return status;
    }

    public async Task<HoldStatus> Release(string reference, HoldStatus reason)
    {
        ExpireDueHolds();
        var status = _stock.Release(reference, reason);
        await Commit(changesView: true);
        return status;
    }

    public async Task Abandon(string reference)
    {
        _stock.Abandon(reference);
        await Commit(changesView: true);
    }

    public async Task Settle(string reference, string moveId, int sold, int returned)
    {
        _stock.Settle(reference, moveId, sold, returned);
        await Commit(changesView: true);
    }

    public async Task Restock(string reference, string moveId, string productId, int quantity)
    {
        _stock.Restock(reference, moveId, productId, quantity);
        await Commit(changesView: true);
    }

    public async Task<Product> ProductForCart(Caller caller, string productId, int quantity)
    {
        RequireBuyer(caller);
        var product = _stock.Find(productId);
        if (product.Stock < quantity) throw LiveCommerceException.SoldOut($"only {product.Stock} of '{product.ProductId}' left");
        S.AddToCarts++;
        await Commit();
        return product;
    }

    public async Task RecordOrder(string orderId, string userId, int units, decimal amount, bool paid)
    {
        if (!paid)
        {
            if (S.RecentlyPlaced.Add(orderId)) S.OrdersPlaced++;
        }
        else if (S.PaidOrders.Add(orderId))
        {
            S.UnitsSold += units;
            S.Gmv += amount;
            S.PayingBuyers.Add(userId);
        }
        await Commit();
    }

    public Task<ShelfFigures> Figures() =>
        Task.FromResult(new ShelfFigures(S.AddToCarts, S.OrdersPlaced, S.UnitsSold, S.Gmv, S.PayingBuyers.Count));

    public Task<ShelfAudit> Audit()
    {
        ExpireDueHolds();
        return Task.FromResult(_stock.Audit());
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => TickAsync(CancellationToken.None);

    private void RequireBuyer(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to shop");
        var terms = S.Terms ?? throw LiveCommerceException.NotFound($"room '{RoomId}' does not exist");
        // A room sells only while live: not before it starts, not after it ends.
        if (terms.Status != RoomStatus.Live) throw LiveCommerceException.RoomNotLive($"the room is {terms.Status.ToWire()}, not live");
        if (terms.SellRegions.Length > 0 && (caller.Region is null || !terms.SellRegions.Contains(caller.Region.ToUpperInvariant())))
            throw LiveCommerceException.RegionBlocked($"this room sells only to {string.Join(", ", terms.SellRegions)}");
    }

    /// <summary>Order holds past their time give their units back; their orders hear of it through the outbox.</summary>
    private void ExpireDueHolds()
    {
        var expired = _stock.ExpireDue(Now);
        if (expired.Count == 0) return;
        // Their orders hear of it through the outbox (OrderHoldClosed, added as each hold closed).
        _metrics.HoldsExpired(expired.Count);
        S.Version++;
        _commit.CommitInBackground();
    }

    private Task Commit(bool changesView = false)
    {
        if (changesView) S.Version++;
        return _commit.CommitAsync();
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
            // Memory holds changes that are not stored: start over from storage.
            DeactivateOnIdle();
            throw;
        }
        _outbox.Stored(mark);
        await _wakeUp.KeepAsync(_outbox.HasPending);
        _ = FollowUpAsync();
    }

    /// <summary>After a write: follow-ups out, products to the room. Never throws (the timer retries).</summary>
    private async Task FollowUpAsync()
    {
        if (await _outbox.DeliverAsync() > 0) _commit.CommitInBackground();
        await PushViewAsync();
    }

    private async Task PushViewAsync()
    {
        var version = S.Version;
        if (version == _pushedVersion || S.Terms is null) return;
        try
        {
            await GrainFactory.GetGrain<IRoomInbox>(RoomId).OnShelfChanged(version, _stock.Products.ToArray());
            _pushedVersion = Math.Max(_pushedVersion, version);
        }
        catch (Exception)
        {
            // The room is moving: the timer pushes again.
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        ExpireDueHolds();
        await FollowUpAsync();
        await _wakeUp.KeepAsync(_outbox.HasPending);
    }

    /// <summary>The order records how its hold closed; then the hold leaves hot state (stored with the outbox's next write).</summary>
    private async Task CloseOrderAsync(OrderHoldClosed closed)
    {
        await GrainFactory.GetGrain<IOrderGrain>(closed.OrderId).OnHoldClosed(closed.Status);
        _stock.Compact(closed.OrderId);
    }

    private Task DeliverAsync(FollowUp followUp) => followUp switch
    {
        OrderHoldClosed c => CloseOrderAsync(c),
        OrderExpired e => GrainFactory.GetGrain<IOrderGrain>(e.OrderId).MarkExpired(),
        _ => throw new InvalidOperationException($"the shelf cannot deliver {followUp.GetType().Name}"),
    };
}
