namespace LiveCommerce.Tests.Infrastructure;

/// <summary>
/// For state that settles in the background (a mechanic's batch reaching its room, a follow-up
/// retried by a timer): probe until it holds or time runs out, then let the caller assert on it.
/// </summary>
public static class Eventually
{
    public static async Task<T> ProbeAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var last = await probe();
            if (done(last) || DateTime.UtcNow >= deadline) return last;
            await Task.Delay(50);
        }
    }

    public static Task<T> ProbeAsync<T>(Func<T> probe, Func<T, bool> done, TimeSpan? timeout = null) =>
        ProbeAsync(() => Task.FromResult(probe()), done, timeout);
}
