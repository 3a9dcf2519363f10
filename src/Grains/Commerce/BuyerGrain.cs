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
    /// <summary>Order ids, oldest first.</summary>
    [Id(1)] public List<string> Orders { get; set; } = [];
    /// <summary>Checkout idempotency key → order id.</summary>
    [Id(2)] public Dictionary<string, string> Checkouts { get; set; } = [];
    /// <summary>v1.1: claimed coupons and the one on the cart.</summary>
    [Id(40)] public CouponWallet Wallet { get; set; } = new();
}

/// <summary>
/// One buyer: the cart across rooms, checkout, and the index of their orders. Checkout holds stock in
/// every room of the cart or in none (a refusal releases what was already held).
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
        if (Lines.Count == 0) throw LiveCommerceException.Invalid("the cart is empty");
        var coupon = await CouponForCheckout(caller);

        var orderId = "o" + Guid.NewGuid().ToString("N")[..20];
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
            // Nothing half-done: what other rooms already hold for this order goes back (should that
            // fail, the hold runs out at its time like any unpaid order's).
            await Task.WhenAll(held.Select(h => GrainFactory.GetGrain<IShelfGrain>(h.Room).Release(orderId, HoldStatus.Cancelled)));
            throw;
        }

        var lines = held.SelectMany(h => h.Lines).ToArray();
        // The discount is worked out on the prices the shelves charge, which may have changed since.
        var quote = coupon is null ? null : CouponQuote.For(coupon, lines);
        if (quote is { Applies: false })
        {
            await Task.WhenAll(held.Select(h => GrainFactory.GetGrain<IShelfGrain>(h.Room).Release(orderId, HoldStatus.Cancelled)));
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
        state.State.Checkouts[key] = orderId;
        // Indexed here, in the same write as the emptied cart (the order grain indexes flash-sale orders).
        state.State.Orders.Add(orderId);
        // One order per coupon: it comes back if this order is cancelled or expires.
        if (coupon is not null) Wallet.MarkUsed(coupon, orderId);
        Wallet.Applied = null;
        Lines.Clear();
        await SaveCart();
        return await GrainFactory.GetGrain<IOrderGrain>(orderId).Track(order);
    }

    public async Task AddOrder(string orderId)
    {
        if (state.State.Orders.Contains(orderId)) return;
        state.State.Orders.Add(orderId);
        await state.WriteStateAsync();
    }

    public async Task<Order[]> ListOrders(Caller caller)
    {
        Own(caller);
        var orders = await Task.WhenAll(state.State.Orders.Select(id => GrainFactory.GetGrain<IOrderGrain>(id).Get(caller)));
        return orders.OrderByDescending(o => o.CreatedAt).ToArray();
    }

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
