using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Affiliates;

/// <summary><c>GET /api/creators/me/earnings</c>: a creator's paid orders and commission, in total and per room.</summary>
[GenerateSerializer, Immutable, Alias("CreatorEarnings"), DataContract]
public sealed record CreatorEarnings
{
    [Id(0), DataMember(Name = "orders")] public required int Orders { get; init; }
    [Id(1), DataMember(Name = "paidTotal")] public required decimal PaidTotal { get; init; }
    [Id(2), DataMember(Name = "commission")] public required decimal Commission { get; init; }
    [Id(3), DataMember(Name = "byRoom")] public required RoomEarnings[] ByRoom { get; init; }
}

[GenerateSerializer, Immutable, Alias("RoomEarnings"), DataContract]
public sealed record RoomEarnings
{
    [Id(0), DataMember(Name = "roomId")] public required string RoomId { get; init; }
    [Id(1), DataMember(Name = "orders")] public required int Orders { get; init; }
    [Id(2), DataMember(Name = "paidTotal")] public required decimal PaidTotal { get; init; }
    [Id(3), DataMember(Name = "commission")] public required decimal Commission { get; init; }
}

/// <summary>What one paid order earned the creator of one room (sent by the order when it is paid).</summary>
[GenerateSerializer, Immutable, Alias("Earning")]
public sealed record Earning
{
    [Id(0)] public required string OrderId { get; init; }
    [Id(1)] public required string RoomId { get; init; }
    [Id(2)] public required DateTime PaidAt { get; init; }
    /// <summary>The paid total of the order's lines in that room.</summary>
    [Id(3)] public required decimal PaidTotal { get; init; }
    [Id(4)] public required decimal Commission { get; init; }
}
