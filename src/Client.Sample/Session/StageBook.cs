using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Session;

/// <summary>The room's running auction, giveaway and coupon drop as seen so far, for <c>bid latest</c>, <c>enter latest</c>, <c>claim latest</c>.</summary>
public sealed class StageBook
{
    public ActiveIds Auctions { get; } = new("auction");
    public ActiveIds Giveaways { get; } = new("giveaway");
    public ActiveIds Coupons { get; } = new("coupon drop");

    public void Observe(RoomSnapshot snapshot)
    {
        Auctions.Reset(snapshot.Auctions.Where(a => a.Status == AuctionStatus.Active).Select(a => a.AuctionId));
        Giveaways.Reset(snapshot.Giveaways.Where(g => g.Status == GiveawayStatus.Active).Select(g => g.GiveawayId));
        Coupons.Reset(snapshot.Coupons.Where(c => c.Status == CouponDropStatus.Active).Select(c => c.CouponId));
    }

    public void Observe(RoomEvent e)
    {
        switch (e.Type)
        {
            case AuctionEventTypes.AuctionStarted: Auctions.Add(EventData.Read<AuctionStartedData>(e.Data).Auction.AuctionId); break;
            case AuctionEventTypes.AuctionEnded: Auctions.Remove(EventData.Read<AuctionEndedData>(e.Data).AuctionId); break;
            case GiveawayEventTypes.GiveawayStarted: Giveaways.Add(EventData.Read<GiveawayStartedData>(e.Data).Giveaway.GiveawayId); break;
            case GiveawayEventTypes.GiveawayEnded: Giveaways.Remove(EventData.Read<GiveawayEndedData>(e.Data).GiveawayId); break;
            case EventTypes.CouponDropped: Coupons.Add(EventData.Read<CouponDroppedData>(e.Data).Coupon.CouponId); break;
            case EventTypes.CouponEnded: Coupons.Remove(EventData.Read<CouponEndedData>(e.Data).CouponId); break;
        }
    }
}
