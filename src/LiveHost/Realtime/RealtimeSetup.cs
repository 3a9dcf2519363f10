using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.LiveHost.Hosting;
using LiveCommerce.LiveHost.Operations;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Realtime;

public static class RealtimeSetup
{
    public static void AddLiveRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddLiveHeartbeat();
        var signalR = builder.Services.AddSignalR(o =>
            {
                // The 32 KiB rule is answered by HubErrorFilter with a code; this only stops abuse outright.
                o.MaximumReceiveMessageSize = 1024 * 1024;
                o.AddOperationsFilter();
                o.AddFilter<HubErrorFilter>();
                o.AddFilter<Limits.HubLimitFilter>();
                o.AddFilter<UserConnectionsFilter>();
            })
            .AddJsonProtocol()
            .AddMessagePackProtocol(o => o.SerializerOptions = MessagePackWire.Options);
        if (builder.Configuration.RedisConnectionString() is { } redis)
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration = RedisConfig.Parse(redis);
                // One namespace per service, so that two clusters sharing a Redis never exchange frames.
                var serviceId = builder.Configuration[$"{SiloOptions.Section}:{nameof(SiloOptions.ServiceId)}"] ?? "livecommerce";
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal($"livecommerce:{serviceId}:");
            });

        // A long-polling client that stops polling is dropped after this long (default 15 s).
        builder.Services.AddOptions<ConnectionOptions>().Configure<IOptions<RealtimeOptions>>((connections, realtime) =>
            connections.DisconnectTimeout = TimeSpan.FromSeconds(realtime.Value.SlowConsumerSeconds));
        // SignalR logs every failed invocation, refusals included, as an error with a stack trace. HubErrorFilter
        // logs refusals at Information and real failures as errors itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        CodedErrorProtocol.DecorateAll(builder.Services);
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<UserConnections>();
        builder.Services.AddSingleton<FramePublisher>();
        builder.Services.AddSingleton<IRoomPublisher>(sp => sp.GetRequiredService<FramePublisher>());
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddHostedService<PresenceReporter>();
    }

    public static void MapLiveRealtime(this WebApplication app) =>
        app.MapHub<LiveHub>(LiveProtocol.HubPath, o =>
        {
            var realtime = app.Services.GetRequiredService<IOptions<RealtimeOptions>>().Value;
            // A connection is closed when its token expires; the client reconnects with a fresh one.
            o.CloseOnAuthenticationExpiration = true;
            // Slow consumers: what one connection may hold in memory, and how long it may stall a send.
            o.TransportMaxBufferSize = realtime.TransportBufferBytes;
            o.ApplicationMaxBufferSize = realtime.TransportBufferBytes;
            o.TransportSendTimeout = TimeSpan.FromSeconds(realtime.SlowConsumerSeconds);
        });
}
