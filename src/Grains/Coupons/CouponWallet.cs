using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;

namespace LiveCommerce.Grains.Coupons;

/// <summary>
/// A buyer's claimed coupons and the one applied to the cart. A coupon serves one order at a time;
/// whether that order still holds it is the order's to say (cancelled or expired gives it back).
/// </summary>
[GenerateSerializer, Alias("CouponWallet")]
public sealed class CouponWallet
{
    /// <summary>Not in the protocol: how many coupons a wallet keeps (the oldest used or expired go first).</summary>
    public const int Capacity = 200;

    [Id(0)] public List<ClaimedCoupon> Coupons { get; init; } = [];
    /// <summary>The coupon on the cart: (couponId, claimNo).</summary>
    [Id(1)] public (string CouponId, int ClaimNo)? Applied { get; set; }

    public bool Holds(string couponId, int claimNo) => Coupons.Any(c => c.CouponId == couponId && c.ClaimNo == claimNo);

    public void Add(ClaimedCoupon coupon, DateTime now)
    {
        if (Holds(coupon.CouponId, coupon.ClaimNo)) return;
        Coupons.Add(coupon);
        if (Coupons.Count <= Capacity) return;
        var dropped = Coupons.Find(c => c.ExpiresAt <= now && !IsApplied(c)) ?? Coupons.Find(c => c.UsedByOrderId is not null && !IsApplied(c));
        if (dropped is not null) Coupons.Remove(dropped);
    }

    /// <summary>A coupon of this drop that is neither used nor expired, or <c>invalid_argument</c>.</summary>
    public ClaimedCoupon Usable(string couponId, DateTime now)
    {
        var mine = Coupons.Where(c => c.CouponId == couponId).ToList();
        if (mine.Count == 0) throw LiveCommerceException.Invalid($"you have not claimed coupon '{couponId}'");
        return mine.Find(c => c.UsedByOrderId is null && c.ExpiresAt > now)
            ?? throw LiveCommerceException.Invalid(mine.All(c => c.ExpiresAt <= now)
                ? $"coupon '{couponId}' has expired"
                : $"coupon '{couponId}' is already used by order '{mine.First(c => c.UsedByOrderId is not null).UsedByOrderId}'");
    }

    public ClaimedCoupon? AppliedCoupon =>
        Applied is { } applied ? Coupons.Find(c => c.CouponId == applied.CouponId && c.ClaimNo == applied.ClaimNo) : null;

    public void MarkUsed(ClaimedCoupon coupon, string orderId) => Replace(coupon, coupon with { UsedByOrderId = orderId });

    /// <summary>Gives back the coupons an order used (the order was cancelled or expired); returns whether any was.</summary>
    public bool Release(string orderId)
    {
        var used = Coupons.Where(c => c.UsedByOrderId == orderId).ToList();
        foreach (var coupon in used) Replace(coupon, coupon with { UsedByOrderId = null });
        return used.Count > 0;
    }

    public IEnumerable<string> OrdersUsing => Coupons.Where(c => c.UsedByOrderId is not null).Select(c => c.UsedByOrderId!).Distinct();

    private bool IsApplied(ClaimedCoupon coupon) => Applied is { } applied && coupon.CouponId == applied.CouponId && coupon.ClaimNo == applied.ClaimNo;

    private void Replace(ClaimedCoupon old, ClaimedCoupon updated) => Coupons[Coupons.IndexOf(old)] = updated;
}
