using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Vouchers;

[JsonConverter(typeof(JsonStringEnumConverter<VoucherStatus>))]
public enum VoucherStatus
{
    [EnumMember(Value = "issued"), JsonStringEnumMemberName("issued")] Issued,
    [EnumMember(Value = "redeemed"), JsonStringEnumMemberName("redeemed")] Redeemed,
    [EnumMember(Value = "refunded"), JsonStringEnumMemberName("refunded")] Refunded,
}

/// <summary>
/// One local-service voucher: a unit of a <c>voucher</c> product, issued when its order is paid and
/// redeemed once on site. PROTOCOL.md's fields first, then what a merchant or buyer needs to act on it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Voucher"), DataContract]
public sealed record Voucher
{
    [Id(0), DataMember(Name = "code")] public required string Code { get; init; }
    [Id(1), DataMember(Name = "productId")] public required string ProductId { get; init; }
    [Id(2), DataMember(Name = "status")] public required VoucherStatus Status { get; init; }
    [Id(3), DataMember(Name = "validUntil")] public required DateTime ValidUntil { get; init; }
    [Id(4), DataMember(Name = "orderId")] public required string OrderId { get; init; }
    [Id(5), DataMember(Name = "roomId")] public required string RoomId { get; init; }
    [Id(6), DataMember(Name = "name")] public required string Name { get; init; }
    [Id(7), DataMember(Name = "redeemAt")] public required string RedeemAt { get; init; }
    [Id(8), DataMember(Name = "redeemedAt")] public DateTime? RedeemedAt { get; init; }
}

/// <summary>What the paid order tells a voucher grain when it issues the code (grain to grain).</summary>
[GenerateSerializer, Immutable, Alias("VoucherIssue")]
public sealed record VoucherIssue
{
    [Id(0)] public required Voucher Voucher { get; init; }
    [Id(1)] public required string BuyerId { get; init; }
    [Id(2)] public required string SellerId { get; init; }
    [Id(3)] public required string HostId { get; init; }
    /// <summary>The shelf hold the unit was sold under (the order id, or the flash sale's id).</summary>
    [Id(4)] public required string ShelfReference { get; init; }
}
