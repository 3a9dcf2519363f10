namespace LiveCommerce.Grains.Realtime;

/// <summary>
/// When a live room owes its clients a <c>head</c>: no log event has gone out for a heartbeat period.
/// Checked on a timer that ticks every <paramref name="tick"/>, so a head is due one tick early and the
/// gap between two frames that reveal the room's last seq stays within the period. State events
/// (likes, stock...) do not count: they carry no seq, so they cannot reveal a lost tail.
/// </summary>
public sealed class HeadSchedule(TimeProvider time, TimeSpan period, TimeSpan tick)
{
    private DateTimeOffset _lastSeqSent = time.GetUtcNow();

    /// <summary>The timer's tick: one second, or the period when that is shorter.</summary>
    public static TimeSpan TickFor(TimeSpan period) => period < TimeSpan.FromSeconds(1) ? period : TimeSpan.FromSeconds(1);

    /// <summary>Log events (or a head) went out now.</summary>
    public void SeqSent() => _lastSeqSent = time.GetUtcNow();

    /// <summary>True when a head is due; the caller sends it, and the period starts again.</summary>
    public bool TakeDue()
    {
        var now = time.GetUtcNow();
        if (now - _lastSeqSent < period - tick) return false;
        _lastSeqSent = now;
        return true;
    }
}
