using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Contracts.Translation;
using LiveCommerce.Contracts.Vouchers;
using LiveCommerce.Grains.Affiliates;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Vouchers;
using LiveCommerce.LiveHost.Affiliates;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Coupons;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Health;
using LiveCommerce.LiveHost.Identity;
using LiveCommerce.LiveHost.Info;
using LiveCommerce.LiveHost.Limits;
using LiveCommerce.LiveHost.Operations;
using LiveCommerce.LiveHost.Pages;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.LiveHost.Translation;
using LiveCommerce.LiveHost.Vouchers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.LiveHost.Hosting;

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
        builder.AddLiveModeration();
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
        app.MapModeration();
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
