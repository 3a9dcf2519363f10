using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace LiveCommerce.Contracts.Moderation;

/// <summary>One audited moderation action (<c>GET /api/rooms/{roomId}/moderation/log</c>); absent fields are left out.</summary>
[GenerateSerializer, Immutable, Alias("ModerationLogEntry"), DataContract]
public sealed record ModerationLogEntry
{
    [Id(0), DataMember(Name = "at")] public required DateTime At { get; init; }
    [Id(1), DataMember(Name = "moderatorId")] public required string ModeratorId { get; init; }
    [Id(2), DataMember(Name = "action")] public required ModerationAction Action { get; init; }

    [Id(3), DataMember(Name = "targetUserId", EmitDefaultValue = false)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TargetUserId { get; init; }

    [Id(4), DataMember(Name = "commentId", EmitDefaultValue = false)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CommentId { get; init; }

    [Id(5), DataMember(Name = "detail", EmitDefaultValue = false)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }
}
