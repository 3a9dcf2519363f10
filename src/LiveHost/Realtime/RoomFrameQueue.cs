using LiveCommerce.Contracts.Realtime;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>
/// One room's events waiting for the next frame: log events in order, state events coalesced to the
/// newest per kind and key. Tells the publisher when a sender must start (none running) and when it
/// may stop (nothing left). Not thread-safe: the publisher holds its lock around every call.
/// </summary>
public sealed class RoomFrameQueue
{
    private readonly List<RoomEvent> _log = [];
    private readonly Dictionary<string, RoomEvent> _state = [];
    private bool _sending;

    /// <summary>Log events are waiting (state events alone may wait longer for their frame: see <see cref="FramePacing.Due"/>).</summary>
    public bool HasLogEvents => _log.Count > 0;

    /// <summary>Set by a sender that holds state back: completed when a log event comes (under the publisher's lock).</summary>
    public TaskCompletionSource? LogArrived { get; set; }

    /// <summary>The epoch of the room's log as last heard from the room (v1.1 <c>RoomFrame.epoch</c>); null until then.</summary>
    public string? Epoch { get; private set; }

    /// <summary>
    /// Queues events of a known log epoch. Log events still waiting from an older epoch are dropped: that
    /// log is gone, and clients that see the new epoch take a fresh snapshot instead.
    /// </summary>
    public bool Add(IReadOnlyList<RoomEvent> events, string epoch, Action<string>? coalesced = null)
    {
        if (Epoch is not null && Epoch != epoch) _log.Clear();
        Epoch = epoch;
        return Add(events, coalesced);
    }

    /// <summary>
    /// Queues the events; true when the caller must start sending (no sender is running).
    /// <paramref name="coalesced"/> hears the type of each state event superseded before it went out.
    /// </summary>
    public bool Add(IReadOnlyList<RoomEvent> events, Action<string>? coalesced = null)
    {
        foreach (var evt in events)
        {
            if (evt.IsLogEvent)
            {
                _log.Add(evt);
                continue;
            }
            if (coalesced is not null && _state.TryGetValue(evt.CoalesceKey, out var superseded)) coalesced(superseded.Type);
            _state[evt.CoalesceKey] = evt;
        }
        if (_sending) return false;
        _sending = true;
        return true;
    }

    /// <summary>The next frame's events (log events first, in order); null when empty, which ends the sender.</summary>
    public RoomEvent[]? Take()
    {
        if (_log.Count == 0 && _state.Count == 0)
        {
            _sending = false;
            return null;
        }
        RoomEvent[] batch = [.. _log, .. _state.Values];
        _log.Clear();
        _state.Clear();
        return batch;
    }
}
