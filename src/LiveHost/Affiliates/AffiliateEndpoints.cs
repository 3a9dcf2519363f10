using System.Security.Claims;
using LiveCommerce.Grains.Affiliates;
using LiveCommerce.Contracts.Affiliates;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.LiveHost.Identity;

namespace LiveCommerce.LiveHost.Affiliates;

/// <summary>Creators' earnings and sellers' orders (PROTOCOL.md v1.1 "Creators and affiliates"), each from its own ledger grain.</summary>
public static class AffiliateEndpoints
{
    public static void MapAffiliates(this WebApplication app)
    {
        app.MapGet("/api/creators/me/earnings", (DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, IGrainFactory grains) =>
                grains.GetGrain<ICreatorGrain>(SignedIn(user)).GetEarnings(from?.UtcDateTime, to?.UtcDateTime))
            .WithTags("Affiliates");

        app.MapGet("/api/sellers/me/orders", (ClaimsPrincipal user, IGrainFactory grains) =>
                grains.GetGrain<ISellerGrain>(SignedIn(user)).ListOrders())
            .WithTags("Affiliates");
    }

    public static string SignedIn(ClaimsPrincipal user) =>
        user.ToCaller() is { IsGuest: false } caller
            ? caller.UserId!
            : throw LiveCommerceException.Unauthorized("sign in to see your own figures");
}
