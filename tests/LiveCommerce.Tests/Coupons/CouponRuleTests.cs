using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Coupons;
using LiveCommerce.LiveHost.Errors;

namespace LiveCommerce.Tests.Coupons;

/// <summary>The coupon rules without a cluster: terms, applicability and discount, claims, the wallet.</summary>
public sealed class CouponRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static DropCouponRequest Drop(DiscountType type = DiscountType.Percent, decimal value = 10) => new()
    {
        DiscountType = type, DiscountValue = value, Quota = 50, ClaimSeconds = 60,
    };

    private static ClaimedCoupon Coupon(DiscountType type, decimal value, decimal minSpend = 0, params string[] productIds) => new()
    {
        CouponId = "r1.c1", RoomId = "r1", DiscountType = type, DiscountValue = value, MinSpend = minSpend,
        ProductIds = productIds, ExpiresAt = Now.AddDays(1), ClaimNo = 1,
    };

    private static LineItem Line(string productId, decimal price, int quantity, string roomId = "r1") =>
        new() { RoomId = roomId, ProductId = productId, Name = productId, UnitPrice = price, Quantity = quantity, Currency = "USD" };

    [Fact]
    public void Terms_take_the_protocol_defaults()
    {
        var terms = CouponTerms.From(Drop());
        Assert.Equal(1, terms.PerUserLimit);
        Assert.Equal(0, terms.MinSpend);
        Assert.Equal(86_400, terms.ValidSeconds);
        Assert.Empty(terms.ProductIds);
    }

    public static TheoryData<DropCouponRequest> BadDrops => new()
    {
        Drop() with { DiscountType = null },
        Drop(DiscountType.Percent, 0),
        Drop(DiscountType.Percent, 91),
        Drop(DiscountType.Percent, 10.001m),
        Drop(DiscountType.Amount, 0),
        Drop(DiscountType.Amount, -5),
        Drop(DiscountType.Amount, 1.234m),
        Drop() with { DiscountType = (DiscountType)7 },
        Drop() with { MinSpend = -1 },
        Drop() with { Quota = 0 },
        Drop() with { Quota = 1_000_001 },
        Drop() with { PerUserLimit = 0 },
        Drop() with { PerUserLimit = 51 },
        Drop() with { ClaimSeconds = 9 },
        Drop() with { ClaimSeconds = 1_201 },
        Drop() with { ValidSeconds = 0 },
        Drop() with { ProductIds = ["ok", "not ok"] },
        Drop() with { ProductIds = Enumerable.Range(0, 51).Select(i => $"p{i}").ToArray() },
    };

    [Theory, MemberData(nameof(BadDrops))]
    public void Bad_terms_are_invalid_arguments(DropCouponRequest request)
    {
        var e = Assert.Throws<LiveCommerceException>(() => CouponTerms.From(request));
        Assert.Equal(ErrorCodes.InvalidArgument, e.Code);
    }

    [Fact]
    public void Missing_terms_are_invalid() =>
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<LiveCommerceException>(() => CouponTerms.From(null)).Code);

    [Fact]
    public void Edges_of_the_ranges_are_accepted()
    {
        Assert.Equal(90, CouponTerms.From(Drop(DiscountType.Percent, 90)).DiscountValue);
        Assert.Equal(1, CouponTerms.From(Drop(DiscountType.Percent, 1)).DiscountValue);
        Assert.Equal(0.01m, CouponTerms.From(Drop(DiscountType.Amount, 0.01m)).DiscountValue);
        var terms = CouponTerms.From(Drop() with { Quota = 1_000_000, PerUserLimit = 3, ClaimSeconds = 1_200, ProductIds = ["a", "a", "b"] });
        Assert.Equal(["a", "b"], terms.ProductIds);
        Assert.Equal(10, CouponTerms.From(Drop() with { ClaimSeconds = 10 }).ClaimSeconds);
    }

    [Fact]
    public void A_percent_coupon_takes_its_share_of_the_covered_lines_only()
    {
        var quote = CouponQuote.For(Coupon(DiscountType.Percent, 15, 0, "shoe"), [Line("shoe", 33.33m, 1), Line("hat", 100, 1)]);
        Assert.True(quote.Applies);
        Assert.Equal(33.33m, quote.CoveredSubtotal);
        Assert.Equal(5.00m, quote.Discount); // 4.9995 rounds half away from zero
    }

    [Fact]
    public void A_coupon_without_products_covers_every_line_of_its_room_and_none_of_another()
    {
        var quote = CouponQuote.For(Coupon(DiscountType.Percent, 50), [Line("a", 10, 2), Line("b", 5, 1), Line("a", 1_000, 1, roomId: "r2")]);
        Assert.Equal(25m, quote.CoveredSubtotal);
        Assert.Equal(12.5m, quote.Discount);
        Assert.False(CouponQuote.For(Coupon(DiscountType.Percent, 50), [Line("a", 10, 1, roomId: "r2")]).Applies);
    }

    [Fact]
    public void MinSpend_is_reached_by_the_covered_subtotal_not_the_cart()
    {
        var coupon = Coupon(DiscountType.Amount, 5, minSpend: 50, "a");
        var below = CouponQuote.For(coupon, [Line("a", 49.99m, 1), Line("b", 100, 1)]);
        Assert.False(below.Applies);
        Assert.Equal(0, below.Discount);
        Assert.Contains("at least 50", below.Refusal);
        var exactly = CouponQuote.For(coupon, [Line("a", 25, 2)]);
        Assert.True(exactly.Applies);
        Assert.Equal(5, exactly.Discount);
    }

    [Fact]
    public void An_amount_never_takes_the_covered_lines_below_zero()
    {
        var quote = CouponQuote.For(Coupon(DiscountType.Amount, 30, 0, "a"), [Line("a", 12.5m, 2), Line("b", 40, 1)]);
        Assert.Equal(25m, quote.Discount);
        Assert.Equal(25m, quote.CoveredSubtotal);
    }

    [Fact]
    public void A_cart_without_covered_lines_does_not_apply()
    {
        var quote = CouponQuote.For(Coupon(DiscountType.Amount, 5, 0, "a"), [Line("b", 40, 1)]);
        Assert.False(quote.Applies);
        Assert.Contains("covers nothing", quote.Refusal);
    }

    [Fact]
    public void The_ledger_is_exact_to_the_quota_and_the_per_user_limit()
    {
        var ledger = new ClaimLedger { Quota = 5, PerUserLimit = 2 };
        Assert.Equal(ClaimStatus.Claimed, ledger.TryClaim("ann", out var first));
        Assert.Equal(ClaimStatus.Claimed, ledger.TryClaim("ann", out var second));
        Assert.Equal((1, 2), (first, second));
        Assert.Equal(ClaimStatus.AlreadyClaimed, ledger.TryClaim("ann", out _));
        Assert.Equal(ClaimStatus.Claimed, ledger.TryClaim("bob", out _));
        Assert.Equal(ClaimStatus.Claimed, ledger.TryClaim("cy", out _));
        Assert.Equal(ClaimStatus.Claimed, ledger.TryClaim("cy", out _));
        Assert.Equal(0, ledger.Remaining);
        Assert.Equal(ClaimStatus.SoldOut, ledger.TryClaim("dee", out _));
        // At the limit after the quota ran out: told they hold theirs, not that none is left.
        Assert.Equal(ClaimStatus.AlreadyClaimed, ledger.TryClaim("cy", out _));
        Assert.Equal(5, ledger.Claimed);
        Assert.Equal(2, ledger.ClaimsOf("ann"));
        Assert.Equal(0, ledger.ClaimsOf("dee"));
    }

    [Fact]
    public void A_thousand_claimants_on_a_quota_of_fifty_get_exactly_fifty()
    {
        var ledger = new ClaimLedger { Quota = 50, PerUserLimit = 1 };
        var outcomes = Enumerable.Range(0, 1_000).Select(i => ledger.TryClaim($"u{i % 700}", out _)).ToList();
        Assert.Equal(50, outcomes.Count(s => s == ClaimStatus.Claimed));
        Assert.Equal(50, ledger.PerUser.Values.Sum());
        Assert.All(ledger.PerUser.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public void The_wallet_uses_a_coupon_for_one_order_and_gets_it_back_when_the_order_is_released()
    {
        var wallet = new CouponWallet();
        var coupon = Coupon(DiscountType.Amount, 5);
        wallet.Add(coupon, Now);
        wallet.Add(coupon, Now);
        Assert.Single(wallet.Coupons);

        var usable = wallet.Usable("r1.c1", Now);
        wallet.MarkUsed(usable, "o1");
        var used = Assert.Throws<LiveCommerceException>(() => wallet.Usable("r1.c1", Now));
        Assert.Equal(ErrorCodes.InvalidArgument, used.Code);
        Assert.Contains("o1", used.Message);
        Assert.Equal(["o1"], wallet.OrdersUsing);

        Assert.False(wallet.Release("o2"));
        Assert.True(wallet.Release("o1"));
        Assert.Null(wallet.Usable("r1.c1", Now).UsedByOrderId);
        Assert.Empty(wallet.OrdersUsing);
    }

    [Fact]
    public void The_wallet_refuses_unknown_and_expired_coupons()
    {
        var wallet = new CouponWallet();
        Assert.Contains("not claimed", Assert.Throws<LiveCommerceException>(() => wallet.Usable("r1.c1", Now)).Message);
        wallet.Add(Coupon(DiscountType.Amount, 5), Now);
        Assert.Contains("expired", Assert.Throws<LiveCommerceException>(() => wallet.Usable("r1.c1", Now.AddDays(1))).Message);
    }

    [Fact]
    public void Two_claims_of_one_drop_serve_two_orders()
    {
        var wallet = new CouponWallet();
        wallet.Add(Coupon(DiscountType.Amount, 5), Now);
        wallet.Add(Coupon(DiscountType.Amount, 5) with { ClaimNo = 2 }, Now);
        wallet.MarkUsed(wallet.Usable("r1.c1", Now), "o1");
        var second = wallet.Usable("r1.c1", Now);
        Assert.Equal(2, second.ClaimNo);
        wallet.Applied = (second.CouponId, second.ClaimNo);
        Assert.Equal(second, wallet.AppliedCoupon);
    }
}
