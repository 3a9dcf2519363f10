using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Commerce;

/// <summary>A line of a cart or an order.</summary>
[GenerateSerializer, Immutable, Alias("LineItem"), DataContract]
public sealed record LineItem
{
    [Id(0), DataMember(Name = "roomId")] public required string RoomId { get; init; }
    [Id(1), DataMember(Name = "productId")] public required string ProductId { get; init; }
    [Id(2), DataMember(Name = "name")] public required string Name { get; init; }
    [Id(3), DataMember(Name = "unitPrice")] public required decimal UnitPrice { get; init; }
    [Id(4), DataMember(Name = "quantity")] public required int Quantity { get; init; }
    /// <summary>Added to the protocol's line shape: the product's currency (a cart holds one currency).</summary>
    [Id(5), DataMember(Name = "currency")] public string? Currency { get; init; }

    public decimal Amount => UnitPrice * Quantity;
}

[GenerateSerializer, Immutable, Alias("Cart"), DataContract]
public sealed record Cart
{
    [Id(0), DataMember(Name = "userId")] public required string UserId { get; init; }
    [Id(1), DataMember(Name = "lines")] public required LineItem[] Lines { get; init; }
    [Id(2), DataMember(Name = "total")] public required decimal Total { get; init; }
    // v1.1 coupons: total = subtotal - discount (ids kept apart from other additions).
    [Id(40), DataMember(Name = "discount")] public decimal Discount { get; init; }
    [Id(41), DataMember(Name = "couponId")] public string? CouponId { get; init; }
    [DataMember(Name = "subtotal")] public decimal Subtotal => Total + Discount;
}
