namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>
/// The one poller of these tests. The state they wait on lives in other processes (LiveHost, Redis),
/// so there is no event to await and no clock to fake: probe it until it holds or time runs out.
/// </summary>
public static class Eventually
{
    /// <summary>Probes until <paramref name="done"/> holds; returns the last probe either way, for the caller's asserts.</summary>
    public static async Task<T> ProbeAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var last = await probe();
            if (done(last) || DateTime.UtcNow >= deadline) return last;
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
