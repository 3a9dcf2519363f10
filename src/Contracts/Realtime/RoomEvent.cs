using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Realtime;

/// <summary>
/// One room event. Log events carry a gapless per-room <c>seq</c>; state events carry <c>seq: null</c>
/// and the latest value. <c>data</c> is one of the records in EventData.cs; clients read it with
/// <see cref="Protocol.EventData"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoomEvent"), DataContract]
public sealed record RoomEvent
{
    [Id(0), DataMember(Name = "seq")] public long? Seq { get; init; }
    [Id(1), DataMember(Name = "type")] public required string Type { get; init; }
    [Id(2), DataMember(Name = "at")] public required DateTime At { get; init; }
    [Id(3), DataMember(Name = "data")] public required object Data { get; init; }

    public bool IsLogEvent => Seq is not null;

    /// <summary>The key under which a newer state event supersedes an older one.</summary>
    public string CoalesceKey => Data is StockData s ? $"{Type}:{s.SaleId}" : Type;
}

/// <summary>What <c>RoomFrame</c> carries: one or more events of one room, in order.</summary>
[GenerateSerializer, Immutable, Alias("RoomFrame"), DataContract]
public sealed record RoomFrame
{
    [Id(0), DataMember(Name = "roomId")] public required string RoomId { get; init; }
    [Id(1), DataMember(Name = "events")] public required RoomEvent[] Events { get; init; }

    /// <summary>
    /// v1.1: the epoch of the room log its events belong to (see <see cref="Rooms.RoomSnapshot.Epoch"/>).
    /// Set on every frame with log events or <c>head</c>; a frame of state events only from a host that
    /// has not yet heard the room's epoch may leave it out.
    /// </summary>
    [Id(10), DataMember(Name = "epoch")] public string? Epoch { get; init; }
}

/// <summary>An event for one user, sent to all of that user's connections.</summary>
[GenerateSerializer, Immutable, Alias("PersonalEvent"), DataContract]
public sealed record PersonalEvent
{
    [Id(0), DataMember(Name = "type")] public required string Type { get; init; }
    [Id(1), DataMember(Name = "at")] public required DateTime At { get; init; }
    [Id(2), DataMember(Name = "data")] public required object Data { get; init; }

    /// <summary>Always null: a personal event is never in a room's log (v1.1, e.g. a shadow-banned author's own <c>comment</c>).</summary>
    [Id(3), DataMember(Name = "seq")] public long? Seq { get; init; }

    /// <summary>The room a room-bound personal event belongs to (a shadow-banned author's <c>comment</c>); absent otherwise.</summary>
    [Id(4), DataMember(Name = "roomId", EmitDefaultValue = false)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? RoomId { get; init; }
}

[GenerateSerializer, Immutable, Alias("PersonalFrame"), DataContract]
public sealed record PersonalFrame
{
    [Id(0), DataMember(Name = "events")] public required PersonalEvent[] Events { get; init; }
}
