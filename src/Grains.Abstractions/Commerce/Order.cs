using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Commerce;

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
}
