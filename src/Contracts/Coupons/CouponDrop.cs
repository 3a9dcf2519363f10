using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Coupons;

/// <summary>How a coupon discounts: a percentage (1..90) of the lines it covers, or a fixed amount off them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiscountType>))]
public enum DiscountType
{
    [EnumMember(Value = "percent"), JsonStringEnumMemberName("percent")] Percent,
    [EnumMember(Value = "amount"), JsonStringEnumMemberName("amount")] Amount,
}

[JsonConverter(typeof(JsonStringEnumConverter<CouponDropStatus>))]
public enum CouponDropStatus
{
    [EnumMember(Value = "active"), JsonStringEnumMemberName("active")] Active,
    [EnumMember(Value = "ended"), JsonStringEnumMemberName("ended")] Ended,
}

/// <summary>A coupon drop as viewers see it (snapshot, <c>couponDropped</c>, the result of <c>DropCoupon</c>).</summary>
[GenerateSerializer, Immutable, Alias("CouponDrop"), DataContract]
public sealed record CouponDrop
{
    [Id(0), DataMember(Name = "couponId")] public required string CouponId { get; init; }
    [Id(1), DataMember(Name = "discountType")] public required DiscountType DiscountType { get; init; }
    [Id(2), DataMember(Name = "discountValue")] public required decimal DiscountValue { get; init; }
    [Id(3), DataMember(Name = "minSpend")] public required decimal MinSpend { get; init; }
    [Id(4), DataMember(Name = "quota")] public required int Quota { get; init; }
    [Id(5), DataMember(Name = "remaining")] public required int Remaining { get; init; }
    [Id(6), DataMember(Name = "perUserLimit")] public required int PerUserLimit { get; init; }
    [Id(7), DataMember(Name = "claimEndsAt")] public required DateTime ClaimEndsAt { get; init; }
    [Id(8), DataMember(Name = "productIds")] public required string[] ProductIds { get; init; }
    [Id(9), DataMember(Name = "status")] public required CouponDropStatus Status { get; init; }
    /// <summary>Added to the protocol's shape: how long a claimed coupon stays usable.</summary>
    [Id(10), DataMember(Name = "validSeconds")] public required int ValidSeconds { get; init; }
}

/// <summary>Argument of <c>DropCoupon</c>; absent optional members take the protocol's defaults.</summary>
[GenerateSerializer, Immutable, Alias("DropCouponRequest"), DataContract]
public sealed record DropCouponRequest
{
    [Id(0), DataMember(Name = "discountType")] public DiscountType? DiscountType { get; init; }
    [Id(1), DataMember(Name = "discountValue")] public decimal DiscountValue { get; init; }
    [Id(2), DataMember(Name = "minSpend")] public decimal? MinSpend { get; init; }
    [Id(3), DataMember(Name = "quota")] public int Quota { get; init; }
    [Id(4), DataMember(Name = "perUserLimit")] public int? PerUserLimit { get; init; }
    [Id(5), DataMember(Name = "claimSeconds")] public int ClaimSeconds { get; init; }
    [Id(6), DataMember(Name = "validSeconds")] public int? ValidSeconds { get; init; }
    [Id(7), DataMember(Name = "productIds")] public string[]? ProductIds { get; init; }
}
