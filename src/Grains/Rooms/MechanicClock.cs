using Microsoft.Extensions.Logging;

namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// A mechanic's deadline on the <see cref="TimeProvider"/> (so tests drive it with a fake clock): one
/// timer, set again whenever the deadline moves, that calls the grain back through its reference so
/// the callback runs as an ordinary grain call. A failed wake-up is logged; the grain's own timer and
/// reminder end the mechanic on their next tick.
/// </summary>
public sealed class MechanicClock(TimeProvider time, Func<Task> wakeUp, ILogger logger) : IDisposable
{
    private ITimer? _timer;
    private DateTime? _setFor;

    public void Set(DateTime deadline)
    {
        if (_setFor == deadline) return;
        _timer?.Dispose();
        _setFor = deadline;
        var due = deadline - time.GetUtcNow().UtcDateTime;
        _timer = time.CreateTimer(_ => _ = WakeUpAsync(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task WakeUpAsync()
    {
        try
        {
            await wakeUp();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A mechanic's clock could not wake its grain; its timer ends it on the next tick");
        }
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
        _setFor = null;
    }

    public void Dispose() => Stop();
}
