namespace LiveCommerce.Contracts.Protocol;

// Coupons dropped in the room (PROTOCOL.md v1.1).
public static partial class HubMethods
{
    public const string DropCoupon = nameof(DropCoupon);
    public const string ClaimCoupon = nameof(ClaimCoupon);
    public const string ApplyCoupon = nameof(ApplyCoupon);
    public const string RemoveCoupon = nameof(RemoveCoupon);
    public const string GetCoupons = nameof(GetCoupons);
}
