using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Client.Connection;

/// <summary>
/// Keeps reconnecting with a capped backoff (0, 1, 2, 5, then every 10 s). The default policy gives up
/// after four tries; a viewer left open across a server restart should come back on its own.
/// </summary>
public sealed class ForeverRetryPolicy : IRetryPolicy
{
    private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        retryContext.PreviousRetryCount < Delays.Length ? Delays[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(10);
}
