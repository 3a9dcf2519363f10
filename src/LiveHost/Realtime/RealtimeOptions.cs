using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>Configuration section <c>Realtime</c>: how events are framed and presence reported.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>
    /// Least time between two frames of one room. An event after a quiet spell goes out at once;
    /// under load the events of this interval share one frame (and state events coalesce).
    /// </summary>
    [Range(0, 1_000)] public int FrameIntervalMs { get; set; } = 50;

    /// <summary>
    /// A room's frames to this host's viewers stay under this many deliveries a second: in a large room
    /// the pause between frames grows with the audience (up to 1 s; 0 = always the frame interval).
    /// 20,000: one core writes ~22,000 frames a second to SignalR connections (42–47 µs each, run 3), so a
    /// larger budget only queues writes (50 ms up to 1,000 viewers, 250 ms at 5,000, 500 ms at 10,000).
    /// </summary>
    [Range(0, 10_000_000)] public int RoomDeliveriesPerSecond { get; set; } = 20_000;

    /// <summary>
    /// The same budget for frames that carry only state (viewer and like counts, stock): those wait for the
    /// next frame with a log event or until this budget allows (at 5,000: 50 ms up to 250 viewers, 200 ms at
    /// 1,000, 1 s from 5,000). 0 = state goes at the pace of log events.
    /// </summary>
    [Range(0, 10_000_000)] public int StateDeliveriesPerSecond { get; set; } = 5_000;

    /// <summary>How often this host reports its audience changes to the rooms.</summary>
    [Range(10, 5_000)] public int PresenceFlushMs { get; set; } = 100;

    // HeartbeatSeconds (the v1.1 `head` on a quiet live room) is in this section too: Grains' HeartbeatOptions.

    /// <summary>A room with viewers on this host hears from it at least this often, even with no change.</summary>
    [Range(1, 60)] public int PresenceHeartbeatSeconds { get; set; } = 10;

    /// <summary>
    /// A connection that stops reading is dropped after this long: a WebSocket whose send is stuck
    /// (TransportSendTimeout), a long-polling client that stops polling (DisconnectTimeout). It may
    /// reconnect and <c>Resume</c> what it missed.
    /// </summary>
    [Range(1, 120)] public int SlowConsumerSeconds { get; set; } = 5;

    /// <summary>Bytes buffered per connection and direction between the hub and its transport before writes wait.</summary>
    [Range(4 * 1024, 4 * 1024 * 1024)] public int TransportBufferBytes { get; set; } = 64 * 1024;
}
