using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.LiveHost.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Operations;

/// <summary>
/// What SIGTERM does before the web server and the silo stop: refuse new connections and invocations
/// (<c>unavailable</c>, and <c>/health/ready</c> turns 503 so a balancer stops sending), tell this host's
/// clients to reconnect, let in-flight invocations (and the group commits they wait for) finish, then
/// close the connections. The host then stops Kestrel and the silo, whose grains deactivate and which
/// leaves the cluster; other hosts take the rooms over and clients Resume there.
/// </summary>
public sealed class GracefulShutdown(
    HostConnections connections,
    IHubContext<LiveHub, ILiveClient> hub,
    IOptions<OperationsOptions> options,
    ILogger<GracefulShutdown> logger)
{
    /// <summary>How long clients are told to wait before reconnecting: long enough for a balancer to notice.</summary>
    private const int RetryAfterMs = 250;

    /// <summary>The last answers are written after their invocation ends: give them a moment to leave before the close.</summary>
    private static readonly TimeSpan FlushGrace = TimeSpan.FromMilliseconds(100);

    public async Task DrainAsync()
    {
        var drainFor = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var idle = connections.BeginDrainAsync();
        var ids = connections.Ids;
        logger.LogInformation("Shutting down: telling {Connections} connections to reconnect elsewhere", ids.Count);
        try
        {
            await hub.Clients.Clients(ids).Reconnect(new ReconnectNotice { Reason = ReconnectNotice.Shutdown, RetryAfterMs = RetryAfterMs })
                .WaitAsync(drainFor);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not send every reconnect notice");
        }
        try
        {
            await idle.WaitAsync(drainFor);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("In-flight hub invocations did not finish within {Drain}; closing connections anyway", drainFor);
        }
        await Task.Delay(FlushGrace);
        connections.AbortAll();
        logger.LogInformation("Drained in {Elapsed:F0} ms; connections closed, stopping the web server and the silo",
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
