using System.Runtime.Serialization;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Contracts.Realtime;

/// <summary>Result of <c>Resume</c>: the missed log events, or a fresh snapshot when they are no longer held.</summary>
[GenerateSerializer, Immutable, Alias("ResumeResult"), DataContract]
public sealed record ResumeResult
{
    [Id(0), DataMember(Name = "events")] public required RoomEvent[] Events { get; init; }
    [Id(1), DataMember(Name = "snapshot")] public RoomSnapshot? Snapshot { get; init; }
}

/// <summary>Result of <c>SendComment</c>.</summary>
[GenerateSerializer, Immutable, Alias("SendCommentResult"), DataContract]
public sealed record SendCommentResult
{
    [Id(0), DataMember(Name = "commentId")] public required string CommentId { get; init; }
    [Id(1), DataMember(Name = "seq")] public required long Seq { get; init; }
}
