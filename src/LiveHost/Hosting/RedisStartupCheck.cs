using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>Redis is configured but does not answer: the host cannot join its cluster.</summary>
public sealed class RedisUnreachableException(string message, Exception? inner) : Exception(message, inner);

/// <summary>
/// Runs before the silo starts (it is registered ahead of Orleans): with <c>ConnectionStrings:Redis</c>
/// set, waits up to <c>Orleans:RedisStartupTimeoutSeconds</c> for a PING answer and otherwise stops
/// start-up with one clear message instead of Orleans' retries and stack traces.
/// </summary>
public sealed class RedisStartupCheck(
    IConfiguration configuration,
    IOptions<SiloNetworkOptions> options,
    ILogger<RedisStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.RedisConnectionString();
        if (connectionString is null) return;
        var where = RedisConfig.Describe(connectionString);
        var timeout = TimeSpan.FromSeconds(options.Value.RedisStartupTimeoutSeconds);
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        var reason = "no answer";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = deadline - DateTime.UtcNow;
            try
            {
                var config = RedisConfig.Parse(connectionString);
                config.AbortOnConnectFail = true;
                config.ConnectRetry = 1;
                config.ConnectTimeout = (int)Math.Clamp(left.TotalMilliseconds, 200, 2_000);
                await using var redis = await ConnectionMultiplexer.ConnectAsync(config);
                var rtt = await redis.GetDatabase().PingAsync();
                logger.LogInformation("Redis at {Redis} answers (ping {Milliseconds:F1} ms): clustering, grain storage, reminders and the SignalR backplane use it", where, rtt.TotalMilliseconds);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
            {
                last = e;
                reason = e is RedisConnectionException { InnerException: { } inner } connect
                    ? $"{connect.FailureType}: {inner.Message}"
                    : e is RedisConnectionException c ? c.FailureType.ToString() : e.Message;
            }
            if (DateTime.UtcNow + TimeSpan.FromMilliseconds(250) >= deadline) break;
            await Task.Delay(250, cancellationToken);
        }

        var message = $"Redis is unreachable at {where} (ConnectionStrings:Redis) after {timeout.TotalSeconds:0} s ({reason}). "
            + "Start redis-server there (scripts/cluster.sh does), or correct ConnectionStrings:Redis; "
            + "without Redis this host cannot join the cluster. Remove the setting to run the embedded single-host default.";
        logger.LogCritical("{Message}", message);
        throw new RedisUnreachableException(message, last);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
