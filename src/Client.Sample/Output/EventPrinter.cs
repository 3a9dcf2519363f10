using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Contracts.Social;

namespace LiveCommerce.Client.Output;

/// <summary>
/// One readable line per event: time, <c>#seq</c> for log events (<c>·</c> for state events,
/// <c>me</c> for personal ones), type, then the fields.
/// </summary>
public static class EventPrinter
{
    public static void Print(RoomEvent e) =>
        Out.Line($"{Formats.TimeMs(e.At)} {(e.Seq is { } seq ? "#" + seq : "·"),-6} {e.Type,-17} {Describe(e.Type, e.Data)}");

    public static void Print(PersonalEvent e) =>
        Out.Line($"{Formats.TimeMs(e.At)} {"me",-6} {e.Type,-17} {Describe(e.Type, e.Data)}");

    /// <summary>The readable fields of one event's data (public for the tests).</summary>
    public static string Describe(string type, object data)
    {
        try
        {
            return type switch
            {
                EventTypes.Comment => Formats.Comment(EventData.Read<CommentData>(data)),
                EventTypes.CommentDeleted => $"comment {EventData.Read<CommentDeletedData>(data).CommentId} removed",
                EventTypes.Pinned => Formats.Product(EventData.Read<PinnedData>(data).Product),
                EventTypes.Unpinned => "",
                EventTypes.FlashSaleStarted => Formats.SaleStarted(EventData.Read<FlashSaleStartedData>(data)),
                EventTypes.FlashSaleEnded => Formats.SaleEnded(EventData.Read<FlashSaleEndedData>(data)),
                EventTypes.RoomStatus => EventData.Read<RoomStatusData>(data).Status.ToWire(),
                EventTypes.UserMuted => Formats.Muted(EventData.Read<UserMutedData>(data)),
                EventTypes.SlowMode => $"{EventData.Read<SlowModeData>(data).Seconds} s between comments",
                EventTypes.Likes => $"total {EventData.Read<LikesData>(data).Total}",
                EventTypes.Viewers => Formats.Viewers(EventData.Read<ViewerCounts>(data)),
                EventTypes.Stock => Formats.Stock(EventData.Read<StockData>(data)),
                EventTypes.CartUpdated => Formats.Cart(EventData.Read<CartUpdatedData>(data).Cart),
                EventTypes.OrderUpdated => Formats.Order(EventData.Read<OrderUpdatedData>(data).Order),
                EventTypes.FlashSaleOpened => $"sale {EventData.Read<FlashSaleOpenedData>(data).SaleId} is OPEN: buy now",
                AuctionEventTypes.AuctionStarted => StageFormats.Auction(EventData.Read<AuctionStartedData>(data).Auction),
                AuctionEventTypes.BidPlaced => StageFormats.BidPlaced(EventData.Read<BidPlacedData>(data)),
                AuctionEventTypes.AuctionEnded => StageFormats.AuctionEnded(EventData.Read<AuctionEndedData>(data)),
                AuctionEventTypes.Outbid => StageFormats.Outbid(EventData.Read<OutbidData>(data)),
                AuctionEventTypes.AuctionWon => StageFormats.AuctionWon(EventData.Read<AuctionWonData>(data)),
                GiveawayEventTypes.GiveawayStarted => StageFormats.Giveaway(EventData.Read<GiveawayStartedData>(data).Giveaway),
                GiveawayEventTypes.GiveawayEnded => StageFormats.GiveawayEnded(EventData.Read<GiveawayEndedData>(data)),
                GiveawayEventTypes.GiveawayEntrants => StageFormats.Entrants(EventData.Read<GiveawayEntrantsData>(data)),
                GiveawayEventTypes.GiveawayWon => StageFormats.GiveawayWon(EventData.Read<GiveawayWonData>(data)),
                EventTypes.CouponDropped => StageFormats.Coupon(EventData.Read<CouponDroppedData>(data).Coupon),
                EventTypes.CouponEnded => StageFormats.CouponEnded(EventData.Read<CouponEndedData>(data)),
                EventTypes.CouponStock => StageFormats.CouponStock(EventData.Read<CouponStockData>(data)),
                EventTypes.Buying => StageFormats.Buying(EventData.Read<BuyingData>(data)),
                EventTypes.CommentToBuy => StageFormats.CommentToBuy(EventData.Read<CommentToBuyData>(data)),
                _ => RawData.ToJson(data),
            };
        }
        catch (Exception e)
        {
            // A shape the client cannot read is worth showing as it came, not worth stopping for.
            return $"{RawData.ToJson(data)}  (unreadable as {type}: {e.Message})";
        }
    }
}
