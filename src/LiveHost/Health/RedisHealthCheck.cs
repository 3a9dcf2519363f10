using LiveCommerce.LiveHost.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace LiveCommerce.LiveHost.Health;

/// <summary>
/// In a cluster, <c>/health/ready</c> also needs Redis (membership, grain storage, backplane) to answer
/// a PING. One connection for the checks, opened on first use and reconnecting by itself.
/// </summary>
public sealed class RedisHealthCheck(IConfiguration configuration) : IHealthCheck, IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _redis = new(() =>
        ConnectionMultiplexer.ConnectAsync(RedisConfig.Parse(configuration.RedisConnectionString()!)));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var redis = await _redis.Value.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            var rtt = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"redis ping {rtt.TotalMilliseconds:F1} ms");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis.IsValueCreated && _redis.Value.IsCompletedSuccessfully) await _redis.Value.Result.DisposeAsync();
    }
}
