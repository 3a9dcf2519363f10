using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Grains.Auctions;
using LiveCommerce.Grains.Giveaways;
using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.LiveHost.Realtime;

// Live auctions and giveaways: one grain call each; the rules live in AuctionGrain and GiveawayGrain.
public sealed partial class LiveHub
{
    public Task<Auction> StartAuction(string roomId, StartAuctionRequest request)
    {
        RoomEndpoints.Room(grains, roomId);
        return grains.GetGrain<IAuctionGrain>(AuctionGrain.NewId(roomId))
            .Start(Caller, request ?? throw LiveCommerceException.Invalid("the auction's terms are missing"));
    }

    /// <summary><paramref name="maxAmount"/> null is a plain bid (SignalR binds by position: send all four arguments).</summary>
    public Task<BidResult> PlaceBid(string roomId, string auctionId, decimal amount, decimal? maxAmount) =>
        StageEndpoints.Auction(grains, roomId, auctionId).Bid(Caller, amount, maxAmount);

    public Task CancelAuction(string roomId, string auctionId) =>
        StageEndpoints.Auction(grains, roomId, auctionId).Cancel(Caller);

    public Task<Giveaway> StartGiveaway(string roomId, StartGiveawayRequest request)
    {
        RoomEndpoints.Room(grains, roomId);
        return grains.GetGrain<IGiveawayGrain>(GiveawayGrain.NewId(roomId))
            .Start(Caller, request ?? throw LiveCommerceException.Invalid("the giveaway's terms are missing"));
    }

    public Task<EnterGiveawayResult> EnterGiveaway(string roomId, string giveawayId) =>
        StageEndpoints.Giveaway(grains, roomId, giveawayId).Enter(Caller);

    public Task<Giveaway> DrawGiveaway(string roomId, string giveawayId) =>
        StageEndpoints.Giveaway(grains, roomId, giveawayId).Draw(Caller);
}
