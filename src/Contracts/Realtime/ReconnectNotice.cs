using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Realtime;

/// <summary>
/// Server → client <c>Reconnect({reason, retryAfterMs})</c>: this host is going away (<c>reason</c>:
/// <c>shutdown</c>); the server closes the connection next. The client reconnects (to any host of the
/// cluster) after about <c>retryAfterMs</c> and calls <c>Resume(roomId, lastSeq)</c> for each room it
/// watched, so it misses no log event. An addition to PROTOCOL.md (docs/protocol.md).
/// </summary>
[DataContract]
public sealed record ReconnectNotice
{
    public const string Shutdown = "shutdown";

    [DataMember(Name = "reason")] public required string Reason { get; init; }
    [DataMember(Name = "retryAfterMs")] public required int RetryAfterMs { get; init; }
}
