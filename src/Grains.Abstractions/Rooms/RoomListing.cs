using System.Runtime.Serialization;

namespace LiveCommerce.Rooms;

/// <summary>One line of <c>GET /api/rooms</c>.</summary>
[GenerateSerializer, Immutable, Alias("RoomListing"), DataContract]
public sealed record RoomListing
{
    [Id(0), DataMember(Name = "roomId")] public required string RoomId { get; init; }
    [Id(1), DataMember(Name = "title")] public required string Title { get; init; }
    [Id(2), DataMember(Name = "hostId")] public required string HostId { get; init; }
    [Id(3), DataMember(Name = "viewers")] public required int Viewers { get; init; }
    [Id(4), DataMember(Name = "status")] public required RoomStatus Status { get; init; }
}
