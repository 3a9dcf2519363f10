using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Grains.Realtime;

/// <summary>
/// <c>Realtime:HeartbeatSeconds</c> (PROTOCOL.md v1.1, default 5): a live room whose log has been quiet
/// this long sends <c>head {seq, epoch}</c>. Read by the room grain, which knows its seq, epoch and status;
/// the host's other realtime settings are in the same section (LiveHost's RealtimeOptions).
/// </summary>
public sealed class HeartbeatOptions
{
    public const string Section = "Realtime";

    [Range(1, 60, ErrorMessage = "Realtime:HeartbeatSeconds must be between 1 and 60 seconds")]
    public int HeartbeatSeconds { get; set; } = 5;
}
