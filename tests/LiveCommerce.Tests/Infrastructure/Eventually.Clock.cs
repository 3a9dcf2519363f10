using Microsoft.Extensions.Time.Testing;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>The poller for the TestCluster's fake clock (a file of its own: the browser tests share the rest of the poller).</summary>
public static partial class Eventually
{
    /// <summary>
    /// For grain follow-ups retried on the fake clock: between probes the clock moves by <paramref name="step"/>
    /// (a second unless told), at most <paramref name="maxSteps"/> times, so the timers that retry run; fails naming
    /// <paramref name="what"/> if the condition never holds. The real time between probes only lets the silo run them.
    /// </summary>
    public static async Task<T> OnClockAsync<T>(FakeTimeProvider clock, Func<Task<T>> probe, Func<T, bool> done, string what,
        int maxSteps = 120, TimeSpan? step = null)
    {
        for (var steps = 0; ; steps++)
        {
            var value = await probe();
            if (done(value)) return value;
            if (steps == maxSteps) throw new Xunit.Sdk.XunitException($"not settled after {maxSteps} steps of the clock: {what}; last: {Describe(value)}");
            clock.Advance(step ?? TimeSpan.FromSeconds(1));
            await PauseAsync(null);
        }
    }
}
