namespace LiveCommerce.Tests.Infrastructure;

/// <summary>
/// The one poller of these tests, for state that settles in the background with no event to await (a grain's
/// audit after its follow-ups, a metric the exporter scrapes, a process that comes up): probe until it holds
/// or time runs out. The pause between probes is the only pause in these tests; the timeout is a failure
/// bound, never a wait that a passing test sits out. Where the test can hear the change itself, it awaits it
/// instead (<see cref="ChangeSignal"/>, <see cref="LiveClient.WaitUntilAsync"/>).
/// </summary>
public static partial class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Probes until <paramref name="done"/> holds or the timeout; returns the last probe either way, for the caller's asserts.</summary>
    public static async Task<T> ProbeAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var last = await probe();
            if (done(last) || DateTime.UtcNow >= deadline) return last;
            await PauseAsync(interval);
        }
    }

    public static Task<T> ProbeAsync<T>(Func<T> probe, Func<T, bool> done, TimeSpan? timeout = null) =>
        ProbeAsync(() => Task.FromResult(probe()), done, timeout);

    /// <summary>Probes until <paramref name="done"/> holds and returns that value; fails the test, naming <paramref name="what"/>, at the timeout.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var last = await ProbeAsync(probe, done, timeout, interval);
        if (!done(last)) throw new Xunit.Sdk.XunitException($"not within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s: {what}; last: {Describe(last)}");
        return last;
    }

    public static Task<T> UntilAsync<T>(Func<T> probe, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(probe()), done, what, timeout);

    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(condition, holds => holds, what, timeout);

    /// <summary>The pause between two probes: the only one in these tests.</summary>
    private static Task PauseAsync(TimeSpan? interval) => Task.Delay(interval ?? Interval);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string or ValueType => value.ToString()!,
        System.Collections.IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Take(20))}]",
        _ => TryJson(value),
    };

    private static string TryJson<T>(T value)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Serialize(value);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            return value!.ToString()!;
        }
    }
}
