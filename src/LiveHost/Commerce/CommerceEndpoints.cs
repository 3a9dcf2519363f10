using System.Security.Claims;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Identity;

namespace LiveCommerce.LiveHost.Commerce;

/// <summary><c>GET /api/orders?offset=&amp;limit=</c>: the caller's orders, newest first, a page at a time (default the newest 100).</summary>
public static class CommerceEndpoints
{
    public static void MapCommerce(this WebApplication app)
    {
        app.MapGet("/api/orders", (ClaimsPrincipal user, IGrainFactory grains, int? offset, int? limit) =>
        {
            var caller = user.ToCaller();
            if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to see your orders");
            return grains.GetGrain<IBuyerGrain>(caller.UserId!).ListOrders(caller, offset ?? 0, limit ?? DefaultOrdersListed);
        }).WithTags("Commerce");
    }

    public const int DefaultOrdersListed = 100;

    public static IOrderGrain Order(IGrainFactory grains, string? orderId) =>
        Validate.IsId(orderId)
            ? grains.GetGrain<IOrderGrain>(orderId)
            : throw LiveCommerceException.NotFound($"order '{orderId}' does not exist");
}
