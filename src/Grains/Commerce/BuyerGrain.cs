using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Grains.Commerce;

[GenerateSerializer, Alias("BuyerState")]
public sealed class BuyerState
{
    [Id(0)] public List<LineItem> Cart { get; set; } = [];
    /// <summary>The newest order ids, oldest first (older ones are in <see cref="IOrderPageGrain"/> pages).</summary>
    [Id(1)] public List<string> Orders { get; set; } = [];
    /// <summary>Checkout idempotency key → order id, from before order ids were derived from the key (no longer added to).</summary>
    [Id(2)] public Dictionary<string, string> Checkouts { get; set; } = [];
    /// <summary>Orders that may still await payment → when their hold runs out (at most Commerce:OpenOrdersPerUser).</summary>
    [Id(3)] public Dictionary<string, DateTime> OpenOrders { get; set; } = [];
    /// <summary>Pages of older order ids stored so far.</summary>
    [Id(4)] public int ArchivedPages { get; set; }
    /// <summary>v1.1: claimed coupons and the one on the cart.</summary>
    [Id(40)] public CouponWallet Wallet { get; set; } = new();
}

/// <summary>
/// One buyer: the cart across rooms, checkout, and the index of their orders. Checkout holds stock in
/// every room of the cart or in none (a refusal gives back what was already held). Hot state stays
/// bounded however many orders a buyer places: the order id is derived from the idempotency key (the
/// order record answers a retry), open orders are capped, older order ids move to pages.
/// </summary>
public sealed class BuyerGrain(
    [PersistentState("buyer", StorageNames.Live)] IPersistentState<BuyerState> state,
    IRoomPublisher publisher,
    TimeProvider time,
    IOptions<CommerceOptions> options) : Grain, IBuyerGrain
{
    private string UserId => this.GetPrimaryKeyString();
    private List<LineItem> Lines => state.State.Cart;
    private CouponWallet Wallet => state.State.Wallet;
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<Cart> AddToCart(Caller caller, string? roomId, string? productId, int quantity)
    {
        Own(caller);
        var room = Validate.Id(roomId, "roomId");
        var product = Validate.Id(productId, "productId");
        var existing = Lines.Find(l => l.RoomId == room && l.ProductId == product);
        var total = Validate.Range(quantity, 1, options.Value.MaxQuantityPerLine, "quantity") + (existing?.Quantity ?? 0);
        if (total > options.Value.MaxQuantityPerLine)
            throw LiveCommerceException.Invalid($"at most {options.Value.MaxQuantityPerLine} of one product per cart");
        if (existing is null && Lines.Count >= options.Value.MaxCartLines)
            throw LiveCommerceException.Invalid($"a cart holds at most {options.Value.MaxCartLines} products");

        var offered = await GrainFactory.GetGrain<IShelfGrain>(room).ProductForCart(caller, product, total);
        if (Lines.Any(l => l != existing && l.Currency != offered.Currency))
            throw LiveCommerceException.Invalid($"this cart is in {Lines[0].Currency}; check it out before buying in {offered.Currency}");
        var line = new LineItem { RoomId = room, ProductId = product, Name = offered.Name, UnitPrice = offered.Price, Quantity = total, Currency = offered.Currency };
        if (existing is null) Lines.Add(line);
        else Lines[Lines.IndexOf(existing)] = line;
        return await SaveCart();
    }

    public async Task<Cart> RemoveFromCart(Caller caller, string? productId)
    {
        Own(caller);
        var product = Validate.Id(productId, "productId");
        if (Lines.RemoveAll(l => l.ProductId == product) == 0) throw LiveCommerceException.NotFound($"product '{product}' is not in your cart");
        return await SaveCart();
    }

    public Task<Cart> GetCart(Caller caller)
    {
        Own(caller);
        return Task.FromResult(View());
    }

    public async Task<Order> Checkout(Caller caller, string? idempotencyKey)
    {
        Own(caller);
        var key = Validate.Text(idempotencyKey, "idempotencyKey", 100);
        if (state.State.Checkouts.TryGetValue(key, out var earlier))
            return await GrainFactory.GetGrain<IOrderGrain>(earlier).Get(caller);
        var orderId = OrderIds.ForCheckout(UserId, key);
        if (await GrainFactory.GetGrain<IOrderGrain>(orderId).Find(caller) is { } placed) return placed;
        if (Lines.Count == 0) throw LiveCommerceException.Invalid("the cart is empty");
        var coupon = await CouponForCheckout(caller);
        await MakeRoomForOpenOrderAsync(caller);

        var now = time.GetUtcNow().UtcDateTime;
        var expiresAt = now.AddSeconds(options.Value.HoldSeconds);
        var held = new List<(string Room, LineItem[] Lines)>();
        try
        {
            foreach (var group in Lines.GroupBy(l => l.RoomId))
            {
                var take = new TakeRequest(orderId, UserId, [.. group.Select(l => new ShelfLine(l.ProductId, l.Quantity))], expiresAt, caller);
                var priced = await GrainFactory.GetGrain<IShelfGrain>(group.Key).Take(take);
                held.Add((group.Key, priced));
            }
        }
        catch
        {
            // Nothing half-done: what the rooms already hold for this order goes back and the key is free
            // for another try (should that fail, the hold runs out at its time like any unpaid order's).
            await AbandonAsync(orderId);
            throw;
        }

        var lines = held.SelectMany(h => h.Lines).ToArray();
        // The discount is worked out on the prices the shelves charge, which may have changed since.
        var quote = coupon is null ? null : CouponQuote.For(coupon, lines);
        if (quote is { Applies: false })
        {
            await AbandonAsync(orderId);
            throw LiveCommerceException.Invalid($"{quote.Refusal}; nothing was ordered");
        }
        var discount = quote?.Discount ?? 0;
        var order = new Order
        {
            OrderId = orderId,
            UserId = UserId,
            RoomId = lines[0].RoomId,
            Lines = lines,
            Total = lines.Sum(l => l.Amount) - discount,
            Discount = discount,
            CouponId = coupon?.CouponId,
            BuyerName = caller.DisplayName,
            Currency = lines[0].Currency ?? "USD",
            Status = OrderStatus.PendingPayment,
            CreatedAt = now,
            HoldExpiresAt = expiresAt,
        };
        // The order record first: a retry after a failure below finds it (and the cart still full).
        var tracked = await GrainFactory.GetGrain<IOrderGrain>(orderId).Track(order);
        state.State.OpenOrders[orderId] = expiresAt;
        await IndexAsync(orderId);
        // One order per coupon: it comes back if this order is cancelled or expires.
        if (coupon is not null) Wallet.MarkUsed(coupon, orderId);
        Wallet.Applied = null;
        Lines.Clear();
        await SaveCart();
        return tracked;
    }

    private Task AbandonAsync(string orderId) =>
        Task.WhenAll(Lines.Select(l => l.RoomId).Distinct().Select(room => GrainFactory.GetGrain<IShelfGrain>(room).Abandon(orderId)));

    public async Task AddOrder(string orderId)
    {
        if (state.State.Orders.Contains(orderId)) return;
        await IndexAsync(orderId);
        await state.WriteStateAsync();
    }

    public async Task Admit(Caller caller, string orderId, DateTime holdExpiresAt)
    {
        Own(caller);
        if (state.State.OpenOrders.ContainsKey(orderId)) return;
        await MakeRoomForOpenOrderAsync(caller);
        state.State.OpenOrders[orderId] = holdExpiresAt;
        await IndexAsync(orderId);
        await state.WriteStateAsync();
    }

    public async Task Forget(string orderId)
    {
        if (!state.State.OpenOrders.Remove(orderId) | !state.State.Orders.Remove(orderId)) return;
        await state.WriteStateAsync();
    }

    /// <summary>
    /// Refuses a new open order at the cap. Orders whose hold ran out are dropped by time; at the cap, the
    /// open ones are asked (an order not found yet is still being placed and keeps its place until its hold time).
    /// </summary>
    private async Task MakeRoomForOpenOrderAsync(Caller caller)
    {
        var open = state.State.OpenOrders;
        var cap = options.Value.OpenOrdersPerUser;
        foreach (var (id, _) in open.Where(o => o.Value <= Now).ToList()) open.Remove(id);
        if (open.Count < cap) return;
        foreach (var id in open.Keys.ToList())
            if (await GrainFactory.GetGrain<IOrderGrain>(id).Find(caller) is { Status: not OrderStatus.PendingPayment }) open.Remove(id);
        if (open.Count >= cap)
            throw LiveCommerceException.Conflict($"you have {cap} orders awaiting payment (Commerce:OpenOrdersPerUser); pay or cancel one first");
    }

    /// <summary>Indexes an order (the caller writes); past twice the hot size, the oldest half moves to a page.</summary>
    private async Task IndexAsync(string orderId)
    {
        var orders = state.State.Orders;
        if (orders.Contains(orderId)) return;
        orders.Add(orderId);
        var kept = options.Value.RecentOrdersKept;
        if (orders.Count < 2 * kept) return;
        // The page is stored before the ids leave this state: a failure in between stores the same page again.
        await GrainFactory.GetGrain<IOrderPageGrain>(IOrderPageGrain.Key(UserId, state.State.ArchivedPages)).Store([.. orders.Take(kept)]);
        orders.RemoveRange(0, kept);
        state.State.ArchivedPages++;
    }

    public async Task<Order[]> ListOrders(Caller caller, int offset, int limit)
    {
        Own(caller);
        Validate.Range(offset, 0, int.MaxValue, "offset");
        Validate.Range(limit, 1, MaxOrdersListed, "limit");
        // Newest first: the hot index, then the pages back from the newest, read only as far as asked.
        var ids = Enumerable.Reverse(state.State.Orders).ToList();
        for (var page = state.State.ArchivedPages - 1; page >= 0 && ids.Count < offset + limit; page--)
            ids.AddRange((await GrainFactory.GetGrain<IOrderPageGrain>(IOrderPageGrain.Key(UserId, page)).Get()).Reverse());
        // An id admitted for a reservation that did not happen has no order: skipped.
        var orders = await Task.WhenAll(ids.Skip(offset).Take(limit).Select(id => GrainFactory.GetGrain<IOrderGrain>(id).Find(caller)));
        return [.. orders.OfType<Order>().OrderByDescending(o => o.CreatedAt)];
    }

    public const int MaxOrdersListed = 200;

    public Task<BuyerFootprint> Footprint() => Task.FromResult(new BuyerFootprint(
        state.State.Orders.Count, state.State.OpenOrders.Count, state.State.ArchivedPages, state.State.Checkouts.Count));

    private async Task<Cart> SaveCart()
    {
        await state.WriteStateAsync();
        var cart = View();
        publisher.PublishPersonal(UserId, new PersonalEvent
        {
            Type = EventTypes.CartUpdated,
            At = time.GetUtcNow().UtcDateTime,
            Data = new CartUpdatedData { Cart = cart },
        });
        return cart;
    }

    public async Task ReceiveCoupon(ClaimedCoupon coupon)
    {
        if (Wallet.Holds(coupon.CouponId, coupon.ClaimNo)) return;
        Wallet.Add(coupon, Now);
        await state.WriteStateAsync();
    }

    public async Task<ClaimedCoupon[]> GetCoupons(Caller caller)
    {
        Own(caller);
        if (await ReleaseCouponsOfEndedOrders(caller)) await state.WriteStateAsync();
        return [.. Wallet.Coupons];
    }

    public async Task<Cart> ApplyCoupon(Caller caller, string? couponId)
    {
        Own(caller);
        var id = Validate.Id(couponId, "couponId");
        await ReleaseCouponsOfEndedOrders(caller);
        var coupon = Wallet.Usable(id, Now);
        var quote = CouponQuote.For(coupon, Lines);
        if (!quote.Applies) throw LiveCommerceException.Invalid(quote.Refusal!);
        Wallet.Applied = (coupon.CouponId, coupon.ClaimNo);
        return await SaveCart();
    }

    public async Task<Cart> RemoveCoupon(Caller caller)
    {
        Own(caller);
        Wallet.Applied = null;
        return await SaveCart();
    }

    /// <summary>The cart's coupon, checked again: a change of the cart since may have made it inapplicable.</summary>
    private async Task<ClaimedCoupon?> CouponForCheckout(Caller caller)
    {
        if (Wallet.AppliedCoupon is not { } applied) return null;
        await ReleaseCouponsOfEndedOrders(caller);
        var coupon = Wallet.Usable(applied.CouponId, Now);
        var quote = CouponQuote.For(coupon, Lines);
        if (!quote.Applies) throw LiveCommerceException.Invalid($"{quote.Refusal}; remove the coupon or change the cart (nothing was held)");
        return coupon;
    }

    /// <summary>
    /// A coupon comes back when the order that used it was cancelled or expired. The order is the one
    /// source of that truth, asked here whenever the wallet is used: no message about it can be lost.
    /// </summary>
    private async Task<bool> ReleaseCouponsOfEndedOrders(Caller caller)
    {
        var released = false;
        foreach (var orderId in Wallet.OrdersUsing.ToArray())
        {
            var order = await GrainFactory.GetGrain<IOrderGrain>(orderId).Get(caller);
            if (order.Status is OrderStatus.Cancelled or OrderStatus.Expired) released |= Wallet.Release(orderId);
        }
        return released;
    }

    private Cart View()
    {
        var subtotal = Lines.Sum(l => l.Amount);
        // A coupon stays on the cart when a change makes it inapplicable: it then takes nothing off,
        // and checkout refuses it (PROTOCOL.md).
        var coupon = Wallet.AppliedCoupon;
        var discount = coupon is null ? 0 : CouponQuote.For(coupon, Lines) is { Applies: true } quote ? quote.Discount : 0;
        return new() { UserId = UserId, Lines = [.. Lines], Total = subtotal - discount, Discount = discount, CouponId = coupon?.CouponId };
    }

    private void Own(Caller caller)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to shop");
        if (caller.UserId != UserId) throw LiveCommerceException.Forbidden("that is another buyer's cart");
    }
}
