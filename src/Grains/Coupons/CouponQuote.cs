using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;

namespace LiveCommerce.Grains.Coupons;

/// <summary>What a coupon takes off a set of lines, or why it does not apply.</summary>
public sealed record CouponQuote(decimal CoveredSubtotal, decimal Discount, string? Refusal)
{
    public bool Applies => Refusal is null;

    /// <summary>
    /// The coupon covers the lines of its room whose product it names (all of them when it names none);
    /// it applies when their subtotal reaches <c>minSpend</c>, and takes off at most that subtotal.
    /// </summary>
    public static CouponQuote For(ClaimedCoupon coupon, IEnumerable<LineItem> lines)
    {
        var covered = lines.Where(l => Covers(coupon, l)).ToArray();
        if (covered.Length == 0)
            return new(0, 0, $"coupon '{coupon.CouponId}' covers nothing in the cart");
        var subtotal = covered.Sum(l => l.Amount);
        if (subtotal < coupon.MinSpend)
            return new(subtotal, 0, $"coupon '{coupon.CouponId}' needs a spend of at least {coupon.MinSpend} on what it covers (now {subtotal})");
        var discount = coupon.DiscountType == DiscountType.Percent
            ? decimal.Round(subtotal * coupon.DiscountValue / 100m, 2, MidpointRounding.AwayFromZero)
            : coupon.DiscountValue;
        return new(subtotal, Math.Min(discount, subtotal), null);
    }

    private static bool Covers(ClaimedCoupon coupon, LineItem line) =>
        line.RoomId == coupon.RoomId && (coupon.ProductIds.Length == 0 || coupon.ProductIds.Contains(line.ProductId, StringComparer.Ordinal));
}
