namespace LiveCommerce.LiveHost.Realtime;

/// <summary>
/// How long a room's sender waits after a frame: the configured interval, stretched in large rooms so that
/// one room's frames stay within a budget of deliveries per second (one frame to N viewers is N sends; at
/// 10,000 viewers, 20 frames a second would be 200,000 sends a second, more than one core can make). A
/// quiet room is unaffected: an event after a pause still goes out at once; only what comes while the
/// sender waits shares the next frame.
/// </summary>
public static class FramePacing
{
    /// <summary>Longest pause whatever the audience: state and chat still move at least once a second.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(1);

    public static TimeSpan Pause(TimeSpan interval, int deliveriesPerSecond, int recipients)
    {
        if (deliveriesPerSecond <= 0 || recipients <= 0) return interval;
        var stretched = TimeSpan.FromSeconds((double)recipients / deliveriesPerSecond);
        if (stretched <= interval) return interval;
        return stretched < Longest ? stretched : Longest;
    }

    /// <summary>
    /// Whether the room's next frame goes now. Log events (comments, pins...) go at the pace of
    /// <see cref="Pause"/>; state alone (viewer and like counts, stock) waits until <paramref name="statePause"/>
    /// has passed since the last frame: in a join storm or a stampede those counts change all the time, and a
    /// frame of them to every viewer every 50 ms was most of the server's work. Nothing waiting: the sender stops.
    /// </summary>
    public static bool Due(bool hasLogEvents, TimeSpan sinceLastFrame, TimeSpan statePause) =>
        hasLogEvents || sinceLastFrame >= statePause;
}
