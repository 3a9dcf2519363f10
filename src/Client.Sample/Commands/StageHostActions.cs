using LiveCommerce.Client.Cli;
using LiveCommerce.Client.Output;
using LiveCommerce.Client.Session;

namespace LiveCommerce.Client.Commands;

/// <summary>The host's playbook beyond the flash sale: auctions, giveaways and their draw, coupon drops.</summary>
public sealed class StageHostActions(ClientContext client, RoomSession session)
{
    private string RoomId => session.RoomId;

    public void Register(CommandSet commands)
    {
        commands.Add("auction", AuctionSpec.Usage, "start an auction (anti-sniping: each late bid resets the clock to counter s)",
            a => StartAuctionAsync(a.From(0)));
        commands.Add("cancelauction", "cancelauction <auctionId|latest>", "cancel an auction nobody has bid on", a =>
        {
            var id = session.Stage.Auctions.Resolve(a.Word(0));
            return Done(client.Connection.CancelAuction(RoomId, id), $"cancelled auction {id}");
        });
        commands.Add("giveaway", GiveawaySpec.Usage, "start a giveaway (entry: the keyword in a comment, minimum watch time)",
            a => StartGiveawayAsync(a.From(0)));
        commands.Add("draw", "draw <giveawayId|latest>", "draw the giveaway's winners now", a => DrawAsync(a.Word(0)));
        commands.Add("coupon", CouponSpec.Usage, "drop a coupon viewers can claim", a => DropCouponAsync(a.From(0)));
    }

    public async Task StartAuctionAsync(IReadOnlyList<string> words)
    {
        var auction = await client.Connection.StartAuction(RoomId, AuctionSpec.Create(words));
        Out.Note($"started {StageFormats.Auction(auction)}");
    }

    public async Task StartGiveawayAsync(IReadOnlyList<string> words)
    {
        var giveaway = await client.Connection.StartGiveaway(RoomId, GiveawaySpec.Create(words));
        Out.Note($"started {StageFormats.Giveaway(giveaway)}");
    }

    public async Task DrawAsync(string giveawayId)
    {
        var giveaway = await client.Connection.DrawGiveaway(RoomId, session.Stage.Giveaways.Resolve(giveawayId));
        Out.Note($"drawn: {StageFormats.Giveaway(giveaway)}");
    }

    public async Task DropCouponAsync(IReadOnlyList<string> words)
    {
        var drop = await client.Connection.DropCoupon(RoomId, CouponSpec.Create(words));
        Out.Note($"dropped {StageFormats.Coupon(drop)}");
    }

    private static async Task Done(Task call, string what)
    {
        await call;
        Out.Note(what);
    }
}
