using System.Security.Claims;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Identity;

namespace LiveCommerce.LiveHost.Rooms;

/// <summary>The room HTTP API of PROTOCOL.md. Thin: identity, then one grain call.</summary>
public static class RoomEndpoints
{
    public static void MapRooms(this WebApplication app)
    {
        var rooms = app.MapGroup("/api/rooms").WithTags("Rooms");

        rooms.MapPost("/", async (CreateRoomRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var roomId = NewRoomId();
            var room = await grains.GetGrain<ILiveRoomGrain>(roomId).Create(user.ToCaller(), request);
            return Results.Created($"/api/rooms/{roomId}", room);
        }).RequireRateLimiting(Limits.HttpRateLimits.CreateRoom);

        rooms.MapPost("/{roomId}/products", async (string roomId, AddProductRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var product = await Room(grains, roomId).AddProduct(user.ToCaller(), request);
            return Results.Created($"/api/rooms/{roomId}/products/{product.ProductId}", product);
        }).RequireRateLimiting(Limits.HttpRateLimits.AddProduct);

        rooms.MapPost("/{roomId}/start", (string roomId, ClaimsPrincipal user, IGrainFactory grains) =>
            Room(grains, roomId).Start(user.ToCaller()));

        rooms.MapPost("/{roomId}/end", (string roomId, ClaimsPrincipal user, IGrainFactory grains) =>
            Room(grains, roomId).End(user.ToCaller()));

        rooms.MapGet("/", (string? status, string? hostId, string? limit, IGrainFactory grains) =>
            grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).List(RoomQuery.Parse(status, hostId, limit)));

        rooms.MapGet("/{roomId}", (string roomId, IGrainFactory grains) =>
            Room(grains, roomId).GetSnapshot());

        rooms.MapGet("/{roomId}/stats", (string roomId, ClaimsPrincipal user, IGrainFactory grains) =>
            Room(grains, roomId).GetStats(user.ToCaller()));
    }

    /// <summary>The room grain, after checking the id's shape so that junk never activates a grain.</summary>
    public static ILiveRoomGrain Room(IGrainFactory grains, string? roomId)
    {
        if (!Validate.IsId(roomId)) throw LiveCommerceException.NotFound($"room '{roomId}' does not exist");
        return grains.GetGrain<ILiveRoomGrain>(roomId);
    }

    private static string NewRoomId() => "r" + Guid.NewGuid().ToString("N")[..11];
}
