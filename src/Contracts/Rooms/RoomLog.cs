using System.Runtime.Serialization;
using LiveCommerce.Contracts.Realtime;

namespace LiveCommerce.Contracts.Rooms;

/// <summary>One page of a room's whole log (<c>GET /api/rooms/{roomId}/log</c>).</summary>
[GenerateSerializer, Immutable, Alias("LogPage"), DataContract]
public sealed record LogPage
{
    [Id(0), DataMember(Name = "events")] public required RoomEvent[] Events { get; init; }
    /// <summary>The <c>after</c> of the next page; absent when this page reaches the room's last seq.</summary>
    [Id(1), DataMember(Name = "nextAfter")] public long? NextAfter { get; init; }
}

/// <summary>Comments still in a room's live log window, with the room's language (for translation).</summary>
[GenerateSerializer, Immutable, Alias("WindowComments")]
public sealed record WindowComments
{
    [Id(0)] public string? Language { get; init; }
    [Id(1)] public required CommentData[] Comments { get; init; }
}
