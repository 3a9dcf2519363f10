using LiveCommerce.LiveHost.Hosting;
using LiveCommerce.LiveHost.Info;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Translation;

/// <summary>Comment translation: the configured engine behind a resilient HttpClient, the cache, the endpoint.</summary>
public static class TranslationSetup
{
    public const string HttpClientName = "translation";

    public static void AddLiveTranslation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TranslationOptions>().BindConfiguration(TranslationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(TranslationOptions.Section).Get<TranslationOptions>() ?? new TranslationOptions();

        builder.Services.AddHttpClient(HttpClientName, (services, client) =>
            {
                var url = services.GetRequiredService<IOptions<TranslationOptions>>().Value.Url;
                client.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
            })
            .AddStandardResilienceHandler(o =>
            {
                // A comment translation is worth a short wait, not the defaults' 30 s: fail fast to `unavailable`.
                var attempt = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
                o.AttemptTimeout.Timeout = attempt;
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.TotalRequestTimeout.Timeout = attempt * 3 + TimeSpan.FromSeconds(1);
                o.CircuitBreaker.SamplingDuration = attempt * 2;
                o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
            });

        builder.Services.AddSingleton<ITranslator>(services => options.Provider switch
        {
            TranslationProvider.Apertium => ActivatorUtilities.CreateInstance<ApertiumTranslator>(services),
            TranslationProvider.LibreTranslate => ActivatorUtilities.CreateInstance<LibreTranslateTranslator>(services),
            _ => new DisabledTranslator(),
        });

        // In a cluster the translations are shared through Redis (HybridCache's second level).
        if (builder.Configuration.RedisConnectionString() is { } redis)
            builder.Services.AddStackExchangeRedisCache(o =>
            {
                o.ConfigurationOptions = RedisConfig.Parse(redis);
                var serviceId = builder.Configuration[$"{SiloOptions.Section}:{nameof(SiloOptions.ServiceId)}"] ?? "livecommerce";
                o.InstanceName = $"livecommerce:{serviceId}:";
            });
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton<CommentTranslator>();
        builder.Services.AddServerFeature("translation", services => services.GetRequiredService<IOptions<TranslationOptions>>().Value.Enabled);
    }

    public static void MapTranslation(this WebApplication app) =>
        app.MapGet("/api/translation/languages", (ITranslator translator, HttpContext context) =>
                translator.GetPairsAsync(context.RequestAborted))
            .WithTags("Translation");
}
