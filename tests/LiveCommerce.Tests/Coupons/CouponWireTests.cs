using System.Text.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Social;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.Grains.Social;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Coupons;
using MessagePack;

namespace LiveCommerce.Tests.Coupons;

/// <summary>The new wire shapes carry PROTOCOL.md's names and strings in both protocols.</summary>
public sealed class CouponWireTests
{
    private static readonly DateTime At = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, EventData.JsonOptions);

    private static Dictionary<object, object> Pack<T>(T value) =>
        (Dictionary<object, object>)MessagePackSerializer.Deserialize<object>(MessagePackSerializer.Serialize(value, MessagePackWire.Options), MessagePackWire.Options)!;

    private static ClaimCouponResult Claimed => new()
    {
        Status = ClaimStatus.AlreadyClaimed,
        Coupon = new ClaimedCoupon
        {
            CouponId = "r1.c1", RoomId = "r1", DiscountType = DiscountType.Percent, DiscountValue = 15, MinSpend = 20,
            ProductIds = ["a"], ExpiresAt = At, ClaimNo = 1,
        },
    };

    [Fact]
    public void Statuses_and_discount_types_are_the_protocol_strings_in_json()
    {
        var json = Json(Claimed);
        Assert.Equal("alreadyClaimed", json.GetProperty("status").GetString());
        Assert.Equal("percent", json.GetProperty("coupon").GetProperty("discountType").GetString());
        var back = JsonSerializer.Deserialize<ClaimCouponResult>(json, EventData.JsonOptions)!.Coupon!;
        Assert.Equal(Claimed.Coupon! with { ProductIds = back.ProductIds }, back);
        Assert.Equal(["a"], back.ProductIds);
        Assert.Equal("addedToCart", Json(new CommentToBuyData { CommentId = "c1", ProductId = "a", Quantity = 1, Result = CommentToBuyResult.AddedToCart })
            .GetProperty("result").GetString());
    }

    [Fact]
    public void Statuses_and_discount_types_are_the_protocol_strings_in_messagepack()
    {
        var map = Pack(Claimed);
        Assert.Equal("alreadyClaimed", map["status"]);
        Assert.Equal("percent", ((Dictionary<object, object>)map["coupon"])["discountType"]);
        var back = MessagePackSerializer.Deserialize<ClaimCouponResult>(MessagePackSerializer.Serialize(Claimed, MessagePackWire.Options), MessagePackWire.Options);
        Assert.Equal(ClaimStatus.AlreadyClaimed, back.Status);
        Assert.Equal(DiscountType.Percent, back.Coupon!.DiscountType);
        Assert.Equal("r1.c1", back.Coupon.CouponId);
    }

    [Fact]
    public void A_cart_says_subtotal_discount_and_coupon_in_both_protocols()
    {
        var cart = new Cart { UserId = "u1", Lines = [], Total = 85, Discount = 15, CouponId = "r1.c1" };
        var json = Json(cart);
        Assert.Equal(100, json.GetProperty("subtotal").GetDecimal());
        Assert.Equal(15, json.GetProperty("discount").GetDecimal());
        Assert.Equal("r1.c1", json.GetProperty("couponId").GetString());
        var map = Pack(cart);
        Assert.Equal(100L, Convert.ToInt64(map["subtotal"]));
        Assert.Equal("r1.c1", map["couponId"]);
        var back = MessagePackSerializer.Deserialize<Cart>(MessagePackSerializer.Serialize(cart, MessagePackWire.Options), MessagePackWire.Options);
        Assert.Equal((85m, 15m, 100m), (back.Total, back.Discount, back.Subtotal));
        Assert.Equal(100m, JsonSerializer.Deserialize<Cart>(json, EventData.JsonOptions)!.Subtotal);
    }

    [Fact]
    public void A_drop_request_reads_the_discount_type_from_its_string()
    {
        var request = JsonSerializer.Deserialize<DropCouponRequest>("""{"discountType":"amount","discountValue":5,"quota":50,"claimSeconds":60}""", EventData.JsonOptions)!;
        Assert.Equal(DiscountType.Amount, request.DiscountType);
        Assert.Null(request.PerUserLimit);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<DropCouponRequest>("""{"discountType":"free"}""", EventData.JsonOptions));
    }
}
