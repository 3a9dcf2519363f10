using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Identity;

namespace LiveCommerce.Grains.Commerce;

/// <summary>One order, keyed by order id: the buyer's view of it, and the way to pay or cancel.</summary>
[Alias("IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>Records a reserved order (idempotent) and indexes it for its buyer.</summary>
    [Alias("Track")] Task<Order> Track(Order order);
    /// <summary><see cref="Track"/> with the products' terms already read by the caller (one per line).</summary>
    [Alias("TrackWithTerms")] Task<Order> TrackWithTerms(Order order, List<Affiliates.LineTerms> terms);
    [Alias("Get")] Task<Order> Get(Caller caller);
    /// <summary>The caller's order as <see cref="Get"/> shows it, or null when there is none (for idempotency look-ups).</summary>
    [Alias("Find")] Task<Order?> Find(Caller caller);
    [Alias("Pay")] Task<Order> Pay(Caller caller);
    [Alias("Cancel")] Task<Order> Cancel(Caller caller);
    /// <summary>The owner of the units (a sale, a shelf) expired the hold; idempotent.</summary>
    [Alias("MarkExpired")] Task MarkExpired();
    /// <summary>
    /// The keeper of the units (a shelf, a sale) closed the hold: <c>paid</c>, <c>cancelled</c> or <c>expired</c>.
    /// Idempotent; an order still pending (it failed part-way through paying or cancelling) finishes the same way.
    /// </summary>
    [Alias("OnHoldClosed")] Task OnHoldClosed(OrderStatus status);
    /// <summary>From a voucher grain: one of the order's vouchers was redeemed or refunded.</summary>
    [Alias("OnVoucherChanged")] Task OnVoucherChanged(Contracts.Vouchers.Voucher voucher);
}

[GenerateSerializer, Immutable, Alias("BuyerFootprint")]
public sealed record BuyerFootprint(
    [property: Id(0)] int RecentOrders,
    [property: Id(1)] int OpenOrders,
    [property: Id(2)] int ArchivedPages,
    [property: Id(3)] int CheckoutKeys);

/// <summary>One buyer, keyed by user id: the cart, checkout, and the list of their orders.</summary>
[Alias("IBuyerGrain")]
public interface IBuyerGrain : IGrainWithStringKey
{
    [Alias("AddToCart")] Task<Cart> AddToCart(Caller caller, string? roomId, string? productId, int quantity);
    [Alias("RemoveFromCart")] Task<Cart> RemoveFromCart(Caller caller, string? productId);
    [Alias("GetCart")] Task<Cart> GetCart(Caller caller);
    [Alias("Checkout")] Task<Order> Checkout(Caller caller, string? idempotencyKey);
    /// <summary>Indexes an order for its buyer (idempotent).</summary>
    [Alias("AddOrder")] Task AddOrder(string orderId);
    /// <summary>
    /// From a flash sale, before it reserves: counts the order among the caller's open ones (refused with
    /// <c>conflict</c> at <c>Commerce:OpenOrdersPerUser</c>) and indexes it.
    /// </summary>
    [Alias("Admit")] Task Admit(Caller caller, string orderId, DateTime holdExpiresAt);
    /// <summary>A flash sale's reservation that did not happen after all (<see cref="Admit"/> undone).</summary>
    [Alias("Forget")] Task Forget(string orderId);
    /// <summary>The buyer's orders, newest first: <paramref name="limit"/> of them after skipping <paramref name="offset"/>.</summary>
    [Alias("ListOrders")] Task<Order[]> ListOrders(Caller caller, int offset, int limit);
    /// <summary>What the buyer keeps in hot state (bounded however many orders they place).</summary>
    [Alias("Footprint")] Task<BuyerFootprint> Footprint();

    // v1.1 coupons: the wallet and the cart's coupon.
    /// <summary>From a coupon drop: a claimed coupon for the wallet (idempotent).</summary>
    [Alias("ReceiveCoupon")] Task ReceiveCoupon(Contracts.Coupons.ClaimedCoupon coupon);
    [Alias("GetCoupons")] Task<Contracts.Coupons.ClaimedCoupon[]> GetCoupons(Caller caller);
    [Alias("ApplyCoupon")] Task<Cart> ApplyCoupon(Caller caller, string? couponId);
    [Alias("RemoveCoupon")] Task<Cart> RemoveCoupon(Caller caller);
}
