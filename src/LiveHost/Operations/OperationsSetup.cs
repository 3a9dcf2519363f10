using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.LiveHost.Info;
using LiveCommerce.LiveHost.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;

namespace LiveCommerce.LiveHost.Operations;

/// <summary>Telemetry, the dashboard, <c>/api/info</c> and the graceful life cycle: what a platform team runs the server with.</summary>
public static class OperationsSetup
{
    public static void AddLiveOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddLiveTelemetry();
        builder.Services.AddSingleton<HostConnections>();
        builder.Services.AddSingleton<GracefulShutdown>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, OperatorHandler>();
        builder.Services.AddOperatorPolicy();
        builder.Services.AddHealthChecks().AddCheck<DrainingHealthCheck>("draining", tags: ["ready"]);
        var operations = builder.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(operations.ShutdownTimeoutSeconds));
        // Adds to the silo AddLiveSilo configures (Orleans keeps one silo builder per host).
        builder.UseOrleans(silo => silo.AddLiveTracing().AddDashboard());
    }

    /// <summary>The hub filter that counts and drains; registered before every other hub filter so it sees all refusals.</summary>
    public static void AddOperationsFilter(this HubOptions options) => options.AddFilter<HubOperationsFilter>();

    /// <summary>Call after the hub is mapped: the drain then runs before SignalR closes its connections on stopping.</summary>
    public static void MapLiveOperations(this WebApplication app)
    {
        app.MapLiveTelemetry();
        app.MapLiveDashboard();
        app.MapServerInfo();
        var shutdown = app.Services.GetRequiredService<GracefulShutdown>();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        // ApplicationStopping callbacks are synchronous and run newest first: this one, registered after
        // SignalR's, runs before SignalR closes the connections, and holds the stop until the drain is done.
        lifetime.ApplicationStopping.Register(() => shutdown.DrainAsync().GetAwaiter().GetResult());
    }

    /// <summary>Refuses hub requests (negotiate, connect) while draining: 503, so the client tries another host.</summary>
    public static void UseDrainingGate(this WebApplication app)
    {
        var connections = app.Services.GetRequiredService<HostConnections>();
        app.Use(async (context, next) =>
        {
            if (connections.Draining && context.Request.Path.StartsWithSegments(LiveProtocol.HubPath))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsJsonAsync(new
                {
                    status = 503,
                    title = "Service Unavailable",
                    detail = "this host is shutting down; connect to another host",
                    code = ErrorCodes.Unavailable,
                }, options: null, contentType: "application/problem+json");
                return;
            }
            await next(context);
        });
    }
}

public sealed class DrainingHealthCheck(HostConnections connections) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connections.Draining ? HealthCheckResult.Unhealthy("this host is shutting down") : HealthCheckResult.Healthy());
}
