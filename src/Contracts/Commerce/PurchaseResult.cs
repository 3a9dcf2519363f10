using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Commerce;

/// <summary>Normal outcomes of a purchase attempt: not errors (PROTOCOL.md, Errors).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PurchaseStatus>))]
public enum PurchaseStatus
{
    [EnumMember(Value = "reserved"), JsonStringEnumMemberName("reserved")] Reserved,
    [EnumMember(Value = "soldOut"), JsonStringEnumMemberName("soldOut")] SoldOut,
    [EnumMember(Value = "limitExceeded"), JsonStringEnumMemberName("limitExceeded")] LimitExceeded,
    [EnumMember(Value = "notActive"), JsonStringEnumMemberName("notActive")] NotActive,
    [EnumMember(Value = "regionBlocked"), JsonStringEnumMemberName("regionBlocked")] RegionBlocked,
    /// <summary>v1.1 pre-heat: the sale is announced but not open yet.</summary>
    [EnumMember(Value = "notStarted"), JsonStringEnumMemberName("notStarted")] NotStarted,
}

[GenerateSerializer, Immutable, Alias("PurchaseResult"), DataContract]
public sealed record PurchaseResult
{
    [Id(0), DataMember(Name = "status")] public required PurchaseStatus Status { get; init; }
    [Id(1), DataMember(Name = "orderId")] public string? OrderId { get; init; }
    [Id(2), DataMember(Name = "remaining")] public required int Remaining { get; init; }
    [Id(3), DataMember(Name = "holdExpiresAt")] public DateTime? HoldExpiresAt { get; init; }
}
