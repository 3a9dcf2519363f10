using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Rooms;

/// <summary>A product on sale in a room; <c>stock</c> is the units still available (not held, not sold).</summary>
[GenerateSerializer, Immutable, Alias("Product"), DataContract]
public sealed record Product
{
    [Id(0), DataMember(Name = "productId")] public required string ProductId { get; init; }
    [Id(1), DataMember(Name = "name")] public required string Name { get; init; }
    [Id(2), DataMember(Name = "price")] public required decimal Price { get; init; }
    [Id(3), DataMember(Name = "currency")] public required string Currency { get; init; }
    [Id(4), DataMember(Name = "stock")] public required int Stock { get; init; }
    [Id(5), DataMember(Name = "imageUrl")] public string? ImageUrl { get; init; }
    // v1.1 creators and vouchers.
    [Id(6), DataMember(Name = "kind")] public ProductKind Kind { get; init; }
    /// <summary>A voucher's validity from payment, 1..365 days; null for goods.</summary>
    [Id(7), DataMember(Name = "validDays")] public int? ValidDays { get; init; }
    /// <summary>Where a voucher is redeemed (place text); null for goods.</summary>
    [Id(8), DataMember(Name = "redeemAt")] public string? RedeemAt { get; init; }
    /// <summary>The share of a paid line the room's host (the creator) earns, 0..0.8.</summary>
    [Id(9), DataMember(Name = "commissionRate")] public decimal CommissionRate { get; init; }
    /// <summary>Who sells the product (the host unless set): sees its paid orders, redeems its vouchers.</summary>
    [Id(10), DataMember(Name = "sellerId")] public string? SellerId { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ProductKind>))]
public enum ProductKind
{
    [EnumMember(Value = "goods"), JsonStringEnumMemberName("goods")] Goods,
    [EnumMember(Value = "voucher"), JsonStringEnumMemberName("voucher")] Voucher,
}
