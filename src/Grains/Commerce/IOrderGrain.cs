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
    [Alias("Pay")] Task<Order> Pay(Caller caller);
    [Alias("Cancel")] Task<Order> Cancel(Caller caller);
    /// <summary>The owner of the units (a sale, a shelf) expired the hold; idempotent.</summary>
    [Alias("MarkExpired")] Task MarkExpired();
    /// <summary>From a voucher grain: one of the order's vouchers was redeemed or refunded.</summary>
    [Alias("OnVoucherChanged")] Task OnVoucherChanged(Contracts.Vouchers.Voucher voucher);
}

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
    /// <summary>The buyer's orders, newest first.</summary>
    [Alias("ListOrders")] Task<Order[]> ListOrders(Caller caller);

    // v1.1 coupons: the wallet and the cart's coupon.
    /// <summary>From a coupon drop: a claimed coupon for the wallet (idempotent).</summary>
    [Alias("ReceiveCoupon")] Task ReceiveCoupon(Contracts.Coupons.ClaimedCoupon coupon);
    [Alias("GetCoupons")] Task<Contracts.Coupons.ClaimedCoupon[]> GetCoupons(Caller caller);
    [Alias("ApplyCoupon")] Task<Cart> ApplyCoupon(Caller caller, string? couponId);
    [Alias("RemoveCoupon")] Task<Cart> RemoveCoupon(Caller caller);
}
