using LiveCommerce.Contracts.Errors;
using LiveCommerce.Grains.Auctions;
using LiveCommerce.Grains.Giveaways;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.LiveHost.Rooms;

/// <summary>The auction and giveaway HTTP API of PROTOCOL.md: anyone may read them.</summary>
public static class StageEndpoints
{
    public static void MapAuctionsAndGiveaways(this WebApplication app)
    {
        var rooms = app.MapGroup("/api/rooms").WithTags("Auctions and giveaways");

        rooms.MapGet("/{roomId}/auctions/{auctionId}", (string roomId, string auctionId, IGrainFactory grains) =>
            Auction(grains, roomId, auctionId).Get());

        rooms.MapGet("/{roomId}/giveaways/{giveawayId}/entrants", (string roomId, string giveawayId, IGrainFactory grains) =>
            Giveaway(grains, roomId, giveawayId).Entrants());
    }

    /// <summary>An auction id names its room: one asked for through another room does not exist.</summary>
    public static IAuctionGrain Auction(IGrainFactory grains, string? roomId, string? auctionId)
    {
        RoomEndpoints.Room(grains, roomId);
        if (!Validate.IsId(auctionId) || !AuctionGrain.BelongsTo(auctionId, roomId!))
            throw LiveCommerceException.NotFound($"auction '{auctionId}' is not in room '{roomId}'");
        return grains.GetGrain<IAuctionGrain>(auctionId);
    }

    public static IGiveawayGrain Giveaway(IGrainFactory grains, string? roomId, string? giveawayId)
    {
        RoomEndpoints.Room(grains, roomId);
        if (!Validate.IsId(giveawayId) || !GiveawayGrain.BelongsTo(giveawayId, roomId!))
            throw LiveCommerceException.NotFound($"giveaway '{giveawayId}' is not in room '{roomId}'");
        return grains.GetGrain<IGiveawayGrain>(giveawayId);
    }
}
