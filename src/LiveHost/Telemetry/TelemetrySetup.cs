using LiveCommerce.Grains.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace LiveCommerce.LiveHost.Telemetry;

/// <summary>
/// OpenTelemetry as dotnet/eShop's service defaults wire it: logs, metrics and traces from ASP.NET Core,
/// Kestrel, SignalR, HttpClient, the runtime and Orleans, plus our <c>LiveCommerce</c> meter; a Prometheus
/// scrape endpoint (<c>/metrics</c>) and, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, OTLP export.
/// A trace runs hub invocation (SignalR's span, tagged with the room and method) → grain calls (Orleans'
/// spans, carried across silos) → storage writes (our group-commit span).
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Meters of the framework and Orleans this host exports besides its own.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "System.Net.Http",
        "Microsoft.Orleans",
    ];

    /// <summary>SignalR's server span (one per hub invocation), next to ASP.NET Core's request spans.</summary>
    private const string SignalRActivitySource = "Microsoft.AspNetCore.SignalR.Server";

    public static void AddLiveTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        builder.Services.AddLiveCommerceMetrics();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: "livecommerce",
                serviceVersion: Info.ServerInfo.BuildVersion,
                serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(FrameworkMeters)
                    .AddMeter(LiveCommerceMetrics.MeterName);
                if (options.PrometheusEndpoint) metrics.AddPrometheusExporter();
            });
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // Spans recorded only where they go somewhere: nobody reads the ones of a host without an exporter.
        if (options.Traces ?? exporting)
        {
            otel.WithTracing(tracing =>
            {
                // As eShop: every trace in development; elsewhere the SDK's default (parent-based, always on).
                if (builder.Environment.IsDevelopment()) tracing.SetSampler(new AlwaysOnSampler());
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsScrapeOrProbe(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddSource(SignalRActivitySource)
                    .AddSource(ActivitySources.AllActivitySourceName)
                    .AddSource(LiveCommerceMetrics.MeterName);
            });
        }

        // eShop's rule: export over OTLP only when an endpoint is configured (OTEL_EXPORTER_OTLP_* set the rest).
        if (exporting) otel.UseOtlpExporter();
    }

    /// <summary>Orleans spans for grain calls (and their propagation between silos) need this on the silo.</summary>
    public static ISiloBuilder AddLiveTracing(this ISiloBuilder silo) => silo.AddActivityPropagation();

    public static void MapLiveTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusEndpoint)
            app.MapPrometheusScrapingEndpoint().WithTags("Operations");
    }

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health") || path.StartsWithSegments("/dashboard");
}
