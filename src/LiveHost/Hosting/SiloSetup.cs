using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Rooms;
using Orleans.Configuration;

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>
/// The co-hosted Orleans silo. Embedded default: localhost clustering, in-memory grain storage (binary format, <see cref="GrainStorageFormat"/>) and
/// reminders. With <c>ConnectionStrings:Redis</c>: Redis membership, grain storage and reminders, so
/// that several LiveHost processes form one cluster (docs/cluster.md).
/// </summary>
public static class SiloSetup
{
    /// <summary>Configuration section of Orleans' <see cref="ClusterMembershipOptions"/> (failure detection).</summary>
    public const string MembershipSection = "Orleans:Membership";

    public static string? RedisConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("Redis") is { Length: > 0 } redis ? redis : null;

    public static void AddLiveSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SiloNetworkOptions>().BindConfiguration(SiloOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RoomOptions>().BindConfiguration(RoomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Grains.Commerce.CommerceOptions>().BindConfiguration(Grains.Commerce.CommerceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Orleans' placement pipeline logs every attempt at Information.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var network = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloNetworkOptions>() ?? new SiloNetworkOptions();
        var redis = builder.Configuration.RedisConnectionString();

        // Hosted services start in order of registration: this one runs before the silo's.
        if (redis is not null) builder.Services.AddHostedService<RedisStartupCheck>();

        builder.UseOrleans(orleans =>
        {
            if (redis is null)
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.AddBinaryMemoryGrainStorage(StorageNames.Live);
                orleans.UseInMemoryReminderService();
                return;
            }

            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = silo.ClusterId;
                o.ServiceId = silo.ServiceId;
            });
            orleans.ConfigureEndpoints(network.Address, silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: network.ListenOnAnyHostAddress);
            orleans.UseRedisClustering(o => o.ConfigurationOptions = RedisConfig.Parse(redis));
            orleans.AddRedisGrainStorage(StorageNames.Live, o => o.Configure<IServiceProvider>((storage, services) =>
            {
                storage.ConfigurationOptions = RedisConfig.Parse(redis);
                storage.GrainStorageSerializer = GrainStorageFormat.Binary(services);
            }));
            orleans.UseRedisReminderService(o => o.ConfigurationOptions = RedisConfig.Parse(redis));

            // Failure detection tuned for a small cluster (a dead host is declared dead in a few seconds,
            // so its rooms come back elsewhere quickly); every value can be overridden in Orleans:Membership.
            orleans.Services.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 2;
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
                o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
            orleans.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(MembershipSection));
        });
    }
}
