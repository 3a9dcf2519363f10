using LiveCommerce.Affiliates;
using LiveCommerce.Commerce;
using LiveCommerce.Coupons;
using LiveCommerce.Errors;
using LiveCommerce.Health;
using LiveCommerce.Identity;
using LiveCommerce.Info;
using LiveCommerce.Limits;
using LiveCommerce.Operations;
using LiveCommerce.Pages;
using LiveCommerce.Realtime;
using LiveCommerce.Rooms;
using LiveCommerce.Translation;
using LiveCommerce.Vouchers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Hosting;

/// <summary>The host's table of contents: every service and endpoint is added here, in one place.</summary>
public static class LiveHostApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(LaunchEnvironment.Options(args));
        configure?.Invoke(builder);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddLiveServerLimits();
        builder.AddLiveSilo();
        builder.AddLiveIdentity();
        builder.AddLiveRealtime();
        builder.AddLiveCoupons();
        builder.AddLiveLimits();
        builder.AddLiveTranslation();
        builder.Services.AddServerFeature("affiliates").AddServerFeature("vouchers").AddServerFeature("replay")
            .AddServerFeature("auctions").AddServerFeature("giveaways");
        builder.AddLiveErrors();
        builder.AddLiveHealthChecks();
        builder.AddLiveOperations();
        builder.Services.AddOpenApi();
        builder.AddDemoRoom();

        var app = builder.Build();

        app.UseDrainingGate();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseInvalidTokenGate();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapLiveOpenApi();
        app.MapLiveHealthChecks();
        app.MapDevTokens();
        app.MapRooms();
        app.MapReplay();
        app.MapTranslation();
        app.MapAffiliates();
        app.MapVouchers();
        app.MapCommerce();
        app.MapAuctionsAndGiveaways();
        app.MapLiveRealtime();
        app.MapLiveOperations();
        app.MapLivePages();
        app.AnnounceUrls();
        return app;
    }
}
