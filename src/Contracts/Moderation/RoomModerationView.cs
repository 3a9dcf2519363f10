using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Moderation;

/// <summary><c>GET /api/rooms/{roomId}/moderation</c>: who moderates the room and what is in force.</summary>
[GenerateSerializer, Immutable, Alias("RoomModerationView"), DataContract]
public sealed record RoomModerationView
{
    [Id(0), DataMember(Name = "moderators")] public required string[] Moderators { get; init; }
    [Id(1), DataMember(Name = "muted")] public required MutedUser[] Muted { get; init; }
    [Id(2), DataMember(Name = "shadowBanned")] public required string[] ShadowBanned { get; init; }
    [Id(3), DataMember(Name = "blockedWords")] public required string[] BlockedWords { get; init; }
    [Id(4), DataMember(Name = "slowModeSeconds")] public required int SlowModeSeconds { get; init; }
}

[GenerateSerializer, Immutable, Alias("MutedUser"), DataContract]
public sealed record MutedUser
{
    [Id(0), DataMember(Name = "userId")] public required string UserId { get; init; }
    [Id(1), DataMember(Name = "until")] public required DateTime Until { get; init; }
}
