namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>
/// The pauses that are part of a scenario, never a wait for something to happen (for state, tests use
/// <see cref="Eventually"/>; for frames, the watchers' signals): the cadence of a simulated user or probe,
/// the backoff a client keeps before it tries again (as the protocol asks of clients), and how long a
/// fault lasts. Each is named here so that the scenarios read as what they do.
/// </summary>
public static class Pace
{
    /// <summary>A simulated user's (or probe's) pause between two actions: sets the load, not the outcome.</summary>
    public static Task Between(TimeSpan interval) => Task.Delay(interval);

    /// <summary>A client's pause before it retries a failed call: polite clients back off; the outcome waits on the answer.</summary>
    public static Task Backoff(TimeSpan pause) => Task.Delay(pause);

    /// <summary>How long an injected fault lasts (a dependency kept down): a parameter of the scenario.</summary>
    public static Task Outage(TimeSpan length) => Task.Delay(length);
}
