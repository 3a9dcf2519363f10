using System.Net;
using LiveCommerce.Persistence;
using LiveCommerce.Rooms;

namespace LiveCommerce.Hosting;

/// <summary>
/// The co-hosted Orleans silo. Embedded default: localhost clustering and in-memory grain storage.
/// With <c>ConnectionStrings:Redis</c>: Redis clustering and Redis grain storage.
/// </summary>
public static class SiloSetup
{
    public static string? RedisConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("Redis") is { Length: > 0 } redis ? redis : null;

    public static void AddLiveSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RoomOptions>().BindConfiguration(RoomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Commerce.CommerceOptions>().BindConfiguration(Commerce.CommerceOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var redis = builder.Configuration.RedisConnectionString();
        builder.UseOrleans(orleans =>
        {
            if (redis is null)
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.AddMemoryGrainStorage(StorageNames.Live);
            }
            else
            {
                orleans.Configure<Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ClusterId = silo.ClusterId;
                    o.ServiceId = silo.ServiceId;
                });
                orleans.ConfigureEndpoints(IPAddress.Loopback, silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
                orleans.UseRedisClustering(o => o.ConfigurationOptions = RedisConfig.Parse(redis));
                orleans.AddRedisGrainStorage(StorageNames.Live, o => o.ConfigurationOptions = RedisConfig.Parse(redis));
            }
        });
    }
}
