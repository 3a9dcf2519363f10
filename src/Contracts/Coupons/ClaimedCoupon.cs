using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Coupons;

/// <summary>Normal outcomes of <c>ClaimCoupon</c> (not errors).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClaimStatus>))]
public enum ClaimStatus
{
    [EnumMember(Value = "claimed"), JsonStringEnumMemberName("claimed")] Claimed,
    [EnumMember(Value = "alreadyClaimed"), JsonStringEnumMemberName("alreadyClaimed")] AlreadyClaimed,
    [EnumMember(Value = "soldOut"), JsonStringEnumMemberName("soldOut")] SoldOut,
    [EnumMember(Value = "ended"), JsonStringEnumMemberName("ended")] Ended,
    [EnumMember(Value = "regionBlocked"), JsonStringEnumMemberName("regionBlocked")] RegionBlocked,
}

/// <summary>A coupon in a buyer's wallet. With a per-user limit above 1 a wallet holds several of one drop.</summary>
[GenerateSerializer, Immutable, Alias("ClaimedCoupon"), DataContract]
public sealed record ClaimedCoupon
{
    [Id(0), DataMember(Name = "couponId")] public required string CouponId { get; init; }
    [Id(1), DataMember(Name = "roomId")] public required string RoomId { get; init; }
    [Id(2), DataMember(Name = "discountType")] public required DiscountType DiscountType { get; init; }
    [Id(3), DataMember(Name = "discountValue")] public required decimal DiscountValue { get; init; }
    [Id(4), DataMember(Name = "minSpend")] public required decimal MinSpend { get; init; }
    [Id(5), DataMember(Name = "productIds")] public required string[] ProductIds { get; init; }
    [Id(6), DataMember(Name = "expiresAt")] public required DateTime ExpiresAt { get; init; }
    [Id(7), DataMember(Name = "usedByOrderId")] public string? UsedByOrderId { get; init; }
    /// <summary>Added to the protocol's shape: which of the user's claims of this drop (1-based), so each is told apart.</summary>
    [Id(8), DataMember(Name = "claimNo")] public required int ClaimNo { get; init; }
}

/// <summary>Result of <c>ClaimCoupon</c>.</summary>
[GenerateSerializer, Immutable, Alias("ClaimCouponResult"), DataContract]
public sealed record ClaimCouponResult
{
    [Id(0), DataMember(Name = "status")] public required ClaimStatus Status { get; init; }
    [Id(1), DataMember(Name = "coupon")] public ClaimedCoupon? Coupon { get; init; }
}
