using System.Runtime.Serialization;

namespace LiveCommerce.Commerce;

/// <summary>Normal outcomes of a purchase attempt: not errors (PROTOCOL.md, Errors).</summary>
public static class PurchaseStatus
{
    public const string Reserved = "reserved";
    public const string SoldOut = "soldOut";
    public const string LimitExceeded = "limitExceeded";
    public const string NotActive = "notActive";
    public const string RegionBlocked = "regionBlocked";
}

[GenerateSerializer, Immutable, Alias("PurchaseResult"), DataContract]
public sealed record PurchaseResult
{
    [Id(0), DataMember(Name = "status")] public required string Status { get; init; }
    [Id(1), DataMember(Name = "orderId")] public string? OrderId { get; init; }
    [Id(2), DataMember(Name = "remaining")] public required int Remaining { get; init; }
    [Id(3), DataMember(Name = "holdExpiresAt")] public DateTime? HoldExpiresAt { get; init; }
}
