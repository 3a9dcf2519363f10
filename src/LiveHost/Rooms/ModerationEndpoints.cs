using System.Security.Claims;
using LiveCommerce.Grains.Moderation;
using LiveCommerce.LiveHost.Identity;
using LiveCommerce.LiveHost.Info;

namespace LiveCommerce.LiveHost.Rooms;

/// <summary>Moderation per room (PROTOCOL.md v1.1): what is in force and the audit log, for the host and the room's moderators.</summary>
public static class ModerationEndpoints
{
    public static WebApplicationBuilder AddLiveModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddServerFeature("moderators").AddServerFeature("shadowBan");
        return builder;
    }

    public static void MapModeration(this WebApplication app)
    {
        var rooms = app.MapGroup("/api/rooms").WithTags("Moderation");

        rooms.MapGet("/{roomId}/moderation", (string roomId, ClaimsPrincipal user, IGrainFactory grains) =>
            RoomEndpoints.Room(grains, roomId).GetModeration(user.ToCaller()));

        rooms.MapGet("/{roomId}/moderation/log", (string roomId, int? limit, ClaimsPrincipal user, IGrainFactory grains) =>
            RoomEndpoints.Room(grains, roomId).GetModerationLog(user.ToCaller(), limit ?? ModerationAudit.Capacity));
    }
}
