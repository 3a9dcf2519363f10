using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Rooms;

/// <summary>Room lifecycle: <c>scheduled</c> → <c>live</c> → <c>ended</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoomStatus>))]
public enum RoomStatus
{
    [EnumMember(Value = "scheduled"), JsonStringEnumMemberName("scheduled")] Scheduled,
    [EnumMember(Value = "live"), JsonStringEnumMemberName("live")] Live,
    [EnumMember(Value = "ended"), JsonStringEnumMemberName("ended")] Ended,
}

[GenerateSerializer, Immutable, Alias("Room"), DataContract]
public sealed record Room
{
    [Id(0), DataMember(Name = "roomId")] public required string RoomId { get; init; }
    [Id(1), DataMember(Name = "title")] public required string Title { get; init; }
    [Id(2), DataMember(Name = "hostId")] public required string HostId { get; init; }
    [Id(3), DataMember(Name = "status")] public required RoomStatus Status { get; init; }
    [Id(4), DataMember(Name = "sellRegions")] public required string[] SellRegions { get; init; }
    [Id(5), DataMember(Name = "language")] public string? Language { get; init; }
    [Id(6), DataMember(Name = "createdAt")] public required DateTime CreatedAt { get; init; }
    // v1.1 (Rooms): ids kept apart from other additions.
    [Id(40), DataMember(Name = "streamUrl")] public string? StreamUrl { get; init; }
    [Id(41), DataMember(Name = "coverImageUrl")] public string? CoverImageUrl { get; init; }
    [Id(42), DataMember(Name = "scheduledAt")] public DateTime? ScheduledAt { get; init; }
    [Id(43), DataMember(Name = "buyKeyword")] public string? BuyKeyword { get; init; }
    /// <summary>Added: when the room ended (orders the directory's ended rooms).</summary>
    [Id(44), DataMember(Name = "endedAt")] public DateTime? EndedAt { get; init; }
}
