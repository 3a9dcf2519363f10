using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Coupons;

// The `data` of the coupon events (PROTOCOL.md v1.1, Coupons dropped in the room).

[GenerateSerializer, Immutable, Alias("CouponDroppedData"), DataContract]
public sealed record CouponDroppedData
{
    [Id(0), DataMember(Name = "coupon")] public required CouponDrop Coupon { get; init; }
}

[GenerateSerializer, Immutable, Alias("CouponEndedData"), DataContract]
public sealed record CouponEndedData
{
    [Id(0), DataMember(Name = "couponId")] public required string CouponId { get; init; }
    [Id(1), DataMember(Name = "claimed")] public required int Claimed { get; init; }
}

/// <summary>State event: the latest count of claims left.</summary>
[GenerateSerializer, Immutable, Alias("CouponStockData"), DataContract]
public sealed record CouponStockData
{
    [Id(0), DataMember(Name = "couponId")] public required string CouponId { get; init; }
    [Id(1), DataMember(Name = "remaining")] public required int Remaining { get; init; }
}
