using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveCommerce.LiveHost.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the silo serves grain calls (which
/// also proves its storage and, in a cluster, its membership in Redis) and, in a cluster, Redis answers.
/// </summary>
public static class HealthSetup
{
    private const string Ready = "ready";

    public static void AddLiveHealthChecks(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: [Ready]);
        if (builder.Configuration.RedisConnectionString() is not null)
        {
            builder.Services.AddSingleton<RedisHealthCheck>();
            checks.AddCheck<RedisHealthCheck>("redis", tags: [Ready]);
        }
    }

    public static void MapLiveHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        app.MapClusterStatus();
    }
}

public sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).ListLive().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("the silo does not answer grain calls", e);
        }
    }
}
