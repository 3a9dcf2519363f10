using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Protocol;

namespace LiveCommerce.Client.Cli;

/// <summary>
/// Parses <c>coupon &lt;percent|amount&gt; &lt;value&gt; &lt;quota&gt; &lt;claimSeconds&gt; [minSpend=] [perUser=] [valid=] [products=a,b]</c>;
/// what is left out takes the protocol's default.
/// </summary>
public static class CouponSpec
{
    public const string Usage = "coupon <percent|amount> <value> <quota> <claimSeconds> [minSpend=<x>] [perUser=<n>] [valid=<seconds>] [products=<id,id>]";

    public static DropCouponRequest Create(IReadOnlyList<string> words)
    {
        var kv = KeyValues.Parse(words, "minSpend", "perUser", "valid", "products");
        var p = kv.Positional;
        if (p.Count != 4) throw new FormatException(Usage);
        if (!WireEnum.TryParse<DiscountType>(p[0], out var type)) throw new FormatException($"discount type must be percent or amount, not '{p[0]}'");
        return new DropCouponRequest
        {
            DiscountType = type,
            DiscountValue = Numbers.Decimal(p[1], "discountValue"),
            Quota = Numbers.Int(p[2], "quota"),
            ClaimSeconds = Numbers.Int(p[3], "claimSeconds"),
            MinSpend = kv.Decimal("minSpend"),
            PerUserLimit = kv.Int("perUser"),
            ValidSeconds = kv.Int("valid"),
            ProductIds = kv.Text("products")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }
}
