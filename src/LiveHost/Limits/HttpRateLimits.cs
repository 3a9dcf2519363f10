using System.Threading.RateLimiting;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.LiveHost.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Limits;

/// <summary>
/// ASP.NET Core rate limiting on the HTTP API: a token bucket per user (per address for guests) on every
/// API endpoint (not the hub, which has its own per connection, nor pages, health checks and dev tokens), plus quotas on creating
/// rooms and products per host. Refusals are 429 <c>rate_limited</c> with <c>Retry-After</c>.
/// </summary>
public static class HttpRateLimits
{
    public const string CreateRoom = "create-room";
    public const string AddProduct = "add-product";

    public static void AddLiveLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HubLimits>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitOptions>>((rate, limits) =>
        {
            var o = limits.Value;
            rate.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Exempt(http.Request.Path)
                ? RateLimitPartition.GetNoLimiter("exempt")
                : RateLimitPartition.GetTokenBucketLimiter(PartitionKey(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = o.HttpBurst,
                    TokensPerPeriod = o.HttpRequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
            rate.AddPolicy(CreateRoom, http => RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = o.RoomsPerHostPerHour,
                Window = TimeSpan.FromHours(1),
                QueueLimit = 0,
            }));
            rate.AddPolicy(AddProduct, http => RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = o.ProductsPerHostPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
            rate.OnRejected = (context, cancellationToken) => Reject(context, cancellationToken);
        });
    }

    /// <summary>The signed-in user, else the client's address: one guest cannot spend another's budget.</summary>
    private static string PartitionKey(HttpContext http) =>
        http.User.ToCaller().UserId is { } user ? "u:" + user : "ip:" + http.Connection.RemoteIpAddress;

    /// <summary>Only the API counts: the hub has its own limits, pages are static files, dev tokens exist only on test deployments.</summary>
    private static bool Exempt(PathString path) =>
        !path.StartsWithSegments("/api") || path.StartsWithSegments("/api/dev");

    private static async ValueTask Reject(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var wait = RateLimitRefusal.RetryAfter(context.Lease, TimeSpan.FromSeconds(1));
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = RateLimitRefusal.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "rate limited",
                Detail = RateLimitRefusal.Refuse("too many requests", wait).Message,
                Extensions = { ["code"] = ErrorCodes.RateLimited, ["retryAfterSeconds"] = RateLimitRefusal.Seconds(wait) },
            },
        });
    }
}
