using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Grains.Coupons;

/// <summary>The checked terms of a coupon drop (PROTOCOL.md v1.1, Coupons dropped in the room).</summary>
[GenerateSerializer, Immutable, Alias("CouponTerms")]
public sealed record CouponTerms(
    [property: Id(0)] DiscountType DiscountType,
    [property: Id(1)] decimal DiscountValue,
    [property: Id(2)] decimal MinSpend,
    [property: Id(3)] int Quota,
    [property: Id(4)] int PerUserLimit,
    [property: Id(5)] int ClaimSeconds,
    [property: Id(6)] int ValidSeconds,
    [property: Id(7)] string[] ProductIds)
{
    public const int MaxProducts = 50;
    public const int DefaultValidSeconds = 86_400;
    /// <summary>Not in the protocol: a claimed coupon lasts at most 30 days.</summary>
    public const int MaxValidSeconds = 30 * 86_400;

    /// <summary>Checks a request; every failure is <c>invalid_argument</c> and nothing is kept.</summary>
    public static CouponTerms From(DropCouponRequest? request)
    {
        if (request is null) throw LiveCommerceException.Invalid("the coupon's terms are missing");
        var type = request.DiscountType ?? throw LiveCommerceException.Invalid("discountType must be percent or amount");
        var value = type switch
        {
            DiscountType.Percent => request.DiscountValue is >= 1 and <= 90 && decimal.Round(request.DiscountValue, 2) == request.DiscountValue
                ? request.DiscountValue
                : throw LiveCommerceException.Invalid("a percent discountValue must be 1..90"),
            DiscountType.Amount => Validate.Price(request.DiscountValue, "discountValue"),
            _ => throw LiveCommerceException.Invalid("discountType must be percent or amount"),
        };
        var minSpend = request.MinSpend ?? 0;
        if (minSpend != 0) Validate.Price(minSpend, "minSpend");
        var quota = Validate.Range(request.Quota, 1, 1_000_000, "quota");
        var perUserLimit = Validate.Range(request.PerUserLimit ?? 1, 1, quota, "perUserLimit");
        var claimSeconds = Validate.Range(request.ClaimSeconds, 10, 1_200, "claimSeconds");
        var validSeconds = Validate.Range(request.ValidSeconds ?? DefaultValidSeconds, 60, MaxValidSeconds, "validSeconds");
        var productIds = request.ProductIds ?? [];
        if (productIds.Length > MaxProducts) throw LiveCommerceException.Invalid($"a coupon covers at most {MaxProducts} products");
        productIds = productIds.Select(id => Validate.Id(id, "productIds")).Distinct(StringComparer.Ordinal).ToArray();
        return new CouponTerms(type, value, minSpend, quota, perUserLimit, claimSeconds, validSeconds, productIds);
    }
}
