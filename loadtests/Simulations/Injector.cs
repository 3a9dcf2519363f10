using LiveCommerce.LoadTests.Engine;

namespace LiveCommerce.LoadTests.Simulations;

/// <summary>
/// Starts actions on the schedule of a <see cref="LoadSimulation"/> without waiting for earlier ones
/// (open model), and hands each action its intended start time. Latency measured from that intended
/// time, not from when the generator actually got round to it, is what corrects for coordinated
/// omission: a stalled server or a saturated generator shows up in the percentiles instead of hiding.
/// </summary>
public static class Injector
{
    /// <param name="action">Receives the action's index and its intended start (Clock µs); must record its own failures.</param>
    /// <param name="maxInFlight">Bound on concurrent actions; queued ones keep their intended start.</param>
    public static async Task RunAsync(int count, LoadSimulation simulation, Func<int, long, Task> action, CancellationToken ct, int maxInFlight = int.MaxValue)
    {
        var gate = maxInFlight < count ? new SemaphoreSlim(maxInFlight) : null;
        var start = Clock.NowUs;
        var running = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(simulation.OffsetOf(i, count).Ticks / 10);
            var wait = due - Clock.NowUs;
            if (wait > 1_000) await Task.Delay(TimeSpan.FromMicroseconds(wait), ct);
            ct.ThrowIfCancellationRequested();
            if (gate is not null) await gate.WaitAsync(ct);
            running.Add(RunOneAsync(action, i, due, gate));
        }
        await Task.WhenAll(running).WaitAsync(ct);
    }

    private static async Task RunOneAsync(Func<int, long, Task> action, int index, long due, SemaphoreSlim? gate)
    {
        try
        {
            await Task.Yield(); // never run an action inline on the scheduling loop
            await action(index, due);
        }
        catch (Exception)
        {
            // Actions record their own failures; a stray exception must not stop the schedule.
        }
        finally
        {
            gate?.Release();
        }
    }
}
