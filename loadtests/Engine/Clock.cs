using System.Diagnostics;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>
/// The generator's one clock, in microseconds since the Unix epoch. Anchored to UTC once and then
/// advanced by the monotonic stopwatch, so send stamps (put into comment text) and receipt stamps
/// compare on one clock even when the wall clock is adjusted mid-run.
/// </summary>
public static class Clock
{
    private static readonly long AnchorUs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
    private static readonly long AnchorTimestamp = Stopwatch.GetTimestamp();

    public static long NowUs => AnchorUs + ToUs(Stopwatch.GetTimestamp() - AnchorTimestamp);

    public static long ToUs(long stopwatchTicks) => (long)(stopwatchTicks * (1_000_000.0 / Stopwatch.Frequency));

    public static DateTime ToUtc(long us) => DateTime.UnixEpoch.AddTicks(us * 10);
}
