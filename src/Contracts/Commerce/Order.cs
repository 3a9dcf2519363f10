using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Commerce;

[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    [EnumMember(Value = "pendingPayment"), JsonStringEnumMemberName("pendingPayment")] PendingPayment,
    [EnumMember(Value = "paid"), JsonStringEnumMemberName("paid")] Paid,
    [EnumMember(Value = "expired"), JsonStringEnumMemberName("expired")] Expired,
    [EnumMember(Value = "cancelled"), JsonStringEnumMemberName("cancelled")] Cancelled,
}

[GenerateSerializer, Immutable, Alias("Order"), DataContract]
public sealed record Order
{
    [Id(0), DataMember(Name = "orderId")] public required string OrderId { get; init; }
    [Id(1), DataMember(Name = "userId")] public required string UserId { get; init; }
    [Id(2), DataMember(Name = "roomId")] public required string RoomId { get; init; }
    [Id(3), DataMember(Name = "lines")] public required LineItem[] Lines { get; init; }
    [Id(4), DataMember(Name = "total")] public required decimal Total { get; init; }
    [Id(5), DataMember(Name = "currency")] public required string Currency { get; init; }
    [Id(6), DataMember(Name = "status")] public required OrderStatus Status { get; init; }
    [Id(7), DataMember(Name = "createdAt")] public required DateTime CreatedAt { get; init; }
    [Id(8), DataMember(Name = "holdExpiresAt")] public required DateTime HoldExpiresAt { get; init; }
    /// <summary>The flash sale the order came from; null for a cart checkout.</summary>
    [Id(9), DataMember(Name = "saleId")] public string? SaleId { get; init; }
    // v1.1 creators and affiliates: set when the order is placed.
    /// <summary>The host of the order's room, who earns the commission.</summary>
    [Id(10), DataMember(Name = "creatorId")] public string? CreatorId { get; init; }
    /// <summary>Σ line amount × the product's commissionRate (earned once paid).</summary>
    [Id(11), DataMember(Name = "commission")] public decimal Commission { get; init; }
    [Id(12), DataMember(Name = "referrerId")] public string? ReferrerId { get; init; }
    /// <summary>v1.1: one per unit of a voucher product, issued when the order is paid.</summary>
    [Id(13), DataMember(Name = "vouchers")] public Vouchers.Voucher[] Vouchers { get; init; } = [];
    // v1.1 coupons: total = subtotal - discount (ids kept apart from other additions).
    [Id(40), DataMember(Name = "discount")] public decimal Discount { get; init; }
    [Id(41), DataMember(Name = "couponId")] public string? CouponId { get; init; }
    [DataMember(Name = "subtotal")] public decimal Subtotal => Total + Discount;
    /// <summary>Added: the buyer's display name when the order was placed (social proof masks it).</summary>
    [Id(42), DataMember(Name = "buyerName")] public string? BuyerName { get; init; }
}
