using LiveCommerce.Hosting;
using LiveCommerce.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Realtime;

public static class RealtimeSetup
{
    public static void AddLiveRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var signalR = builder.Services.AddSignalR(o =>
            {
                // The 32 KiB rule is answered by HubErrorFilter with a code; this only stops abuse outright.
                o.MaximumReceiveMessageSize = 1024 * 1024;
                o.AddFilter<HubErrorFilter>();
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

        CodedErrorProtocol.DecorateAll(builder.Services);
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<FramePublisher>();
        builder.Services.AddSingleton<IRoomPublisher>(sp => sp.GetRequiredService<FramePublisher>());
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddHostedService<PresenceReporter>();
    }

    public static void MapLiveRealtime(this WebApplication app) =>
        // A connection is closed when its token expires; the client reconnects with a fresh one.
        app.MapHub<LiveHub>(LiveProtocol.HubPath, o => o.CloseOnAuthenticationExpiration = true);
}
