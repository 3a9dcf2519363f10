
namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// A mechanic's deadline on the <see cref="TimeProvider"/> (so tests drive it with a fake clock): one
/// timer, set again whenever the deadline moves, that calls the grain back through its reference so
/// the callback runs as an ordinary grain call.
/// </summary>
public sealed class MechanicClock(TimeProvider time, Func<Task> wakeUp) : IDisposable
{
    private ITimer? _timer;
    private DateTime? _setFor;

    public void Set(DateTime deadline)
    {
        if (_setFor == deadline) return;
        _timer?.Dispose();
        _setFor = deadline;
        var due = deadline - time.GetUtcNow().UtcDateTime;
        _timer = time.CreateTimer(_ => _ = wakeUp(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
        _setFor = null;
    }

    public void Dispose() => Stop();
}
