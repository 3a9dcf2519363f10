using LiveCommerce.Client.Cli;
using LiveCommerce.Client.Output;
using LiveCommerce.Client.Session;

namespace LiveCommerce.Client.Commands;

/// <summary>What a viewer does with the host's playbook: bid (plain or up to a maximum), enter giveaways, claim and use coupons.</summary>
public sealed class StageViewerActions(ClientContext client, RoomSession session)
{
    public void Register(CommandSet commands)
    {
        commands.Add("bid", "bid <auctionId|latest> <amount>", "place a bid of exactly amount",
            a => BidAsync(a.Word(0), Numbers.Decimal(a.Word(1), "amount"), null));
        commands.Add("maxbid", "maxbid <auctionId|latest> <amount> <max>", "proxy bid: the server bids for you in minimum steps up to max",
            a => BidAsync(a.Word(0), Numbers.Decimal(a.Word(1), "amount"), Numbers.Decimal(a.Word(2), "maxAmount")));
        commands.Add("enter", "enter <giveawayId|latest>", "enter a giveaway", a => EnterAsync(a.Word(0)));
        commands.Add("claim", "claim <couponId|latest>", "claim a coupon from the drop", a => ClaimAsync(a.Word(0)));
        commands.Add("apply", "apply <couponId|latest>", "apply a claimed coupon to the cart (latest: newest unused one)", a => ApplyAsync(a.Word(0)));
        commands.Add("unapply", "unapply", "take the coupon off the cart", _ => ShowCart(client.Connection.RemoveCoupon()));
        commands.Add("coupons", "coupons", "list my claimed coupons", _ => CouponsAsync());
    }

    public async Task BidAsync(string auctionId, decimal amount, decimal? maxAmount)
    {
        var result = await client.Connection.PlaceBid(session.RoomId, session.Stage.Auctions.Resolve(auctionId), amount, maxAmount);
        Out.Line(StageFormats.Bid(result));
    }

    public async Task EnterAsync(string giveawayId)
    {
        var result = await client.Connection.EnterGiveaway(session.RoomId, session.Stage.Giveaways.Resolve(giveawayId));
        Out.Line(StageFormats.Entry(result));
    }

    public async Task ClaimAsync(string couponId)
    {
        var result = await client.Connection.ClaimCoupon(session.RoomId, session.Stage.Coupons.Resolve(couponId));
        Out.Line(StageFormats.Claim(result));
    }

    /// <summary><c>latest</c> here is the newest unused coupon in the caller's wallet (its drop may have ended since the claim).</summary>
    public async Task ApplyAsync(string couponId)
    {
        if (couponId.Equals(ActiveIds.Latest, StringComparison.OrdinalIgnoreCase))
        {
            var wallet = await client.Connection.GetCoupons();
            couponId = wallet.Where(c => c.UsedByOrderId is null).MaxBy(c => c.ExpiresAt)?.CouponId
                ?? throw new ArgumentException("no unused coupon in your wallet; claim one first");
        }
        await ShowCart(client.Connection.ApplyCoupon(couponId));
    }

    private async Task CouponsAsync()
    {
        var coupons = await client.Connection.GetCoupons();
        Out.Block([$"coupons ({coupons.Length}):", .. coupons.Select(c => "   " + StageFormats.Claimed(c))]);
    }

    private static async Task ShowCart(Task<LiveCommerce.Contracts.Commerce.Cart> call) => Out.Line(Formats.Cart(await call));
}
