using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Rooms;

/// <summary>One line of <c>GET /api/rooms</c>.</summary>
[GenerateSerializer, Immutable, Alias("RoomListing"), DataContract]
public sealed record RoomListing
{
    [Id(0), DataMember(Name = "roomId")] public required string RoomId { get; init; }
    [Id(1), DataMember(Name = "title")] public required string Title { get; init; }
    [Id(2), DataMember(Name = "hostId")] public required string HostId { get; init; }
    [Id(3), DataMember(Name = "viewers")] public required int Viewers { get; init; }
    [Id(4), DataMember(Name = "status")] public required RoomStatus Status { get; init; }
    // v1.1 room directory: what a list of scheduled and ended rooms needs too.
    [Id(40), DataMember(Name = "scheduledAt")] public DateTime? ScheduledAt { get; init; }
    [Id(41), DataMember(Name = "coverImageUrl")] public string? CoverImageUrl { get; init; }
    [Id(42), DataMember(Name = "createdAt")] public DateTime CreatedAt { get; init; }
    [Id(43), DataMember(Name = "endedAt")] public DateTime? EndedAt { get; init; }
}
