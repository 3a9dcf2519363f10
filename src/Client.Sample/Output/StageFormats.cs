using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Social;
using static LiveCommerce.Client.Output.Formats;

namespace LiveCommerce.Client.Output;

/// <summary>One-line renderings of the v1.1 playbook: auctions, giveaways, coupon drops, social proof, comment-to-buy.</summary>
public static class StageFormats
{
    public static string Auction(Auction a) =>
        $"auction {a.AuctionId} {a.Status.ToWire()}: {a.ProductId} from {Money(a.StartingBid)} {a.Currency}" +
        (a.CurrentBid is { } bid ? $", {a.LeaderName ?? a.LeaderId} leads at {Money(bid)}" : ", no bid yet") +
        $", {a.Bids} bid(s), next bid ≥ {Money(a.MinNextBid)}" +
        (a.Status == AuctionStatus.Active
            ? $", ends {Time(a.EndsAt)} ({(a.SuddenDeath ? "sudden death" : $"+{a.CounterBidSeconds}s per late bid")})"
            : a.WinnerId is { } winner ? $", won by {winner}" + (a.OrderId is null ? "" : $" (order {a.OrderId})") : "");

    public static string BidPlaced(BidPlacedData b) =>
        $"auction {b.AuctionId}: {b.Name} leads at {Money(b.CurrentBid)} ({b.Bids} bid(s)), ends {Time(b.EndsAt)}";

    public static string AuctionEnded(AuctionEndedData e) => e.Reason switch
    {
        AuctionEndReason.Sold => $"auction {e.AuctionId} SOLD to {e.Name} ({e.WinnerId}) for {Money(e.Amount ?? 0)}, order {e.OrderId}",
        _ => $"auction {e.AuctionId} ended: {e.Reason.ToWire()}",
    };

    public static string Outbid(OutbidData o) =>
        $"auction {o.AuctionId}: you were outbid, price now {Money(o.CurrentBid)}; bid at least {Money(o.MinNextBid)} to lead";

    public static string AuctionWon(AuctionWonData w) => $"auction {w.AuctionId}: you won! {Order(w.Order)}";

    public static string Bid(BidResult r) =>
        $"bid {r.Status.ToWire()}: " +
        (r.Auction.CurrentBid is { } price ? $"price {Money(price)}, " : "") +
        $"next bid ≥ {Money(r.Auction.MinNextBid)}, ends {Time(r.Auction.EndsAt)}";

    public static string Giveaway(Giveaway g) =>
        $"giveaway {g.GiveawayId} {g.Status.ToWire()}: \"{g.Prize}\"" + (g.ProductId is null ? "" : $" ({g.ProductId})") +
        $", {g.Winners} winner(s), {g.Entrants} entrant(s)" +
        (g.Keyword is null ? "" : $", comment \"{g.Keyword}\" to enter") +
        (g.MinWatchSeconds is { } watch ? $", watch {watch}s" : "") +
        (g.Status == GiveawayStatus.Active ? $", draw {Time(g.EndsAt)}" : $", winners {string.Join(',', g.WinnerIds ?? [])}") +
        $", seedHash {g.SeedHash}" + (g.Seed is null ? "" : $", seed {g.Seed}");

    public static string GiveawayEnded(GiveawayEndedData e) =>
        $"giveaway {e.GiveawayId} drawn from {e.Entrants} entrant(s): " +
        (e.Winners.Length == 0 ? "no winner" : string.Join(", ", e.Winners.Select(w => $"{w.Name} ({w.UserId})"))) +
        $"; seed {e.Seed} (check it against the seedHash and the entrant list)";

    public static string Entrants(GiveawayEntrantsData e) => $"giveaway {e.GiveawayId}: {e.Count} entrant(s)";

    public static string GiveawayWon(GiveawayWonData w) =>
        $"giveaway {w.GiveawayId}: you won \"{w.Prize}\"!" + (w.Order is null ? "" : $" {Order(w.Order)}");

    public static string Entry(EnterGiveawayResult r) =>
        $"giveaway entry: {r.Status.ToWire()}" + (r.Missing is { } missing ? $" (missing: {missing.ToWire()})" : "");

    public static string Coupon(CouponDrop c) =>
        $"coupon {c.CouponId} {c.Status.ToWire()}: {Discount(c.DiscountType, c.DiscountValue)}" +
        (c.MinSpend > 0 ? $" on {Money(c.MinSpend)}+" : "") +
        (c.ProductIds.Length > 0 ? $" for {string.Join(',', c.ProductIds)}" : "") +
        $", {c.Remaining}/{c.Quota} left, max {c.PerUserLimit}/user, claim before {Time(c.ClaimEndsAt)}";

    public static string CouponEnded(CouponEndedData e) => $"coupon {e.CouponId}: claiming over, {e.Claimed} claimed";

    public static string CouponStock(CouponStockData s) => $"coupon {s.CouponId}: {s.Remaining} left";

    public static string Claim(ClaimCouponResult r) =>
        $"claim {r.Status.ToWire()}" + (r.Coupon is null ? "" : $": {Claimed(r.Coupon)}");

    public static string Claimed(ClaimedCoupon c) =>
        $"coupon {c.CouponId} (room {c.RoomId}) {Discount(c.DiscountType, c.DiscountValue)}" +
        (c.MinSpend > 0 ? $" on {Money(c.MinSpend)}+" : "") +
        (c.ProductIds.Length > 0 ? $" for {string.Join(',', c.ProductIds)}" : "") +
        $", expires {Time(c.ExpiresAt)}" + (c.UsedByOrderId is null ? ", unused" : $", used by order {c.UsedByOrderId}");

    public static string Buying(BuyingData b) =>
        (b.Recent.Length == 0 ? "nobody buying yet" : string.Join(", ", b.Recent.Select(r => $"{r.Name} is buying {r.ProductId} x{r.Quantity}"))) +
        $"; {b.LastMinute} order(s) in the last minute";

    public static string CommentToBuy(CommentToBuyData c) =>
        $"comment {c.CommentId}: {c.ProductId} x{c.Quantity} → {c.Result.ToWire()}" + (c.OrderId is null ? "" : $", order {c.OrderId}");

    private static string Discount(DiscountType type, decimal value) =>
        type == DiscountType.Percent ? $"{value:0.##}% off" : $"{Money(value)} off";
}
