using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Contracts.Social;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Social;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Social;

/// <summary>
/// An acknowledged buy comment is a durable follow-up of the room: stored with the comment, delivered
/// until the comment-to-buy grain has carried it out, and carried out once however often it is delivered.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CommentToBuyDurableTests(ClusterFixture fixture)
{
    private static readonly Caller Host = Caller.User("ctb-host", Roles.Host, "Host");

    private async Task<ILiveRoomGrain> LiveRoom()
    {
        var room = await fixture.Grains.LiveRoomAsync(Host, TestRooms.NewId("ctb"), new CreateRoomRequest { Title = "Sold!", BuyKeyword = "sold" }, TestRooms.Product("mug", 5m, stock: 10));
        await room.Pin(Host, "mug");
        return room;
    }

    private async Task<int> MugsInCart(Caller buyer) =>
        (await fixture.Grains.GetGrain<IBuyerGrain>(buyer.UserId!).GetCart(buyer)).Lines.Where(l => l.ProductId == "mug").Sum(l => l.Quantity);

    /// <summary>The cart once the room's housekeeping (a grain timer on the fake clock) has had its ticks to retry.</summary>
    private async Task<int> MugsInCartAfterRetries(Caller buyer, int expected) =>
        await Eventually.ProbeAsync(async () =>
        {
            ClusterFixture.Time.Advance(TimeSpan.FromSeconds(1));
            return await MugsInCart(buyer);
        }, n => n >= expected);

    private static CommentToBuyData[] Outcomes(Caller buyer, string commentId) =>
        [.. ClusterFixture.Publisher.Personal
            .Where(p => p.UserId == buyer.UserId && p.Event.Type == EventTypes.CommentToBuy)
            .Select(p => (CommentToBuyData)p.Event.Data)
            .Where(d => d.CommentId == commentId)];

    private static Caller NewBuyer() => Caller.User("ctb-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>A buy comment made while its delivery fails (and whatever else happens meanwhile); then the receiver heals.</summary>
    private static async Task<SendCommentResult> CommentWhileDeliveryFails(ILiveRoomGrain room, Caller buyer, string text, Func<Task> meanwhile)
    {
        using (Faults.Inject(nameof(ICommentToBuyGrain.BuyFromComments)))
        {
            var comment = await room.Comment(buyer, text);
            await meanwhile();
            return comment;
        }
    }

    [Fact]
    public async Task A_buy_comment_whose_delivery_fails_is_retried_until_carried_out_once()
    {
        var room = await LiveRoom();
        var buyer = NewBuyer();
        var comment = await CommentWhileDeliveryFails(room, buyer, "sold 2", async () => Assert.Equal(0, await MugsInCart(buyer)));

        Assert.Equal(2, await MugsInCartAfterRetries(buyer, 2));
        Assert.Equal(CommentToBuyResult.AddedToCart, Assert.Single(Outcomes(buyer, comment.CommentId)).Result);
    }

    [Fact]
    public async Task A_buy_comment_survives_the_room_moving_between_its_commit_and_its_delivery()
    {
        var room = await LiveRoom();
        var buyer = NewBuyer();
        // The activation that acknowledged the comment goes before it could deliver the buy.
        var comment = await CommentWhileDeliveryFails(room, buyer, "sold",
            async () => await room.Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle());

        // Any call brings the room back; the new activation delivers what the old one stored.
        await room.GetSnapshot();
        Assert.Equal(1, await MugsInCartAfterRetries(buyer, 1));
        Assert.Single(Outcomes(buyer, comment.CommentId));
        Assert.Equal(1, await MugsInCart(buyer));
    }

    [Fact]
    public async Task A_redelivered_buy_comment_is_carried_out_once()
    {
        var room = await LiveRoom();
        var buyer = NewBuyer();
        var receiver = fixture.Grains.GetGrain<ICommentToBuyGrain>(room.GetPrimaryKeyString());
        var order = new CommentToBuyOrder(buyer, "c-redelivered", "mug", 3, SaleId: null);

        // Two deliveries side by side (a retry while the first is still buying), then a late one.
        await Task.WhenAll(receiver.BuyFromComments([order]), receiver.BuyFromComments([order]));
        await receiver.BuyFromComments([order]);

        Assert.Equal(3, await MugsInCart(buyer));
        Assert.Single(Outcomes(buyer, order.CommentId));
    }

    [Fact]
    public async Task A_refusal_is_an_answer_not_a_retry()
    {
        var room = await LiveRoom();
        var buyer = NewBuyer();
        var receiver = fixture.Grains.GetGrain<ICommentToBuyGrain>(room.GetPrimaryKeyString());

        // Nothing named and nothing pinned, and more than a cart line may hold: both answered at once.
        await receiver.BuyFromComments([new CommentToBuyOrder(buyer, "c-none", "", 1, null), new CommentToBuyOrder(buyer, "c-many", "mug", 99, null)]);

        Assert.Equal(CommentToBuyResult.NotFound, Assert.Single(Outcomes(buyer, "c-none")).Result);
        Assert.NotEqual(CommentToBuyResult.AddedToCart, Assert.Single(Outcomes(buyer, "c-many")).Result);
    }
}
