using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Social;

namespace LiveCommerce.Tests.Unit;

/// <summary>The room's chat rules without a cluster: who may comment, recent comments, keyword and buy commands.</summary>
public sealed class RoomChatTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Room Room = new() { RoomId = "r", Title = "Show", HostId = "host", Status = RoomStatus.Live, SellRegions = [], CreatedAt = T0, BuyKeyword = "sold" };
    private readonly RoomState _state = new() { Room = Room };
    private readonly RoomChat _chat;

    public RoomChatTests() => _chat = new RoomChat(new RoomOptions { CommentsPerWindow = 2, CommentWindowSeconds = 60 }, () => _state);

    public void Dispose() => _chat.Dispose();

    [Fact]
    public void A_muted_user_is_refused_until_the_mute_runs_out()
    {
        _state.MutedUntil["ann"] = T0.AddMinutes(1);
        Assert.Equal(ErrorCodes.Muted, Assert.Throws<LiveCommerceException>(() => _chat.Admit(Caller.User("ann"), Room, "hi", T0)).Code);
        Assert.Equal("hi", _chat.Admit(Caller.User("ann"), Room, " hi ", T0.AddMinutes(2)).Text);
    }

    [Fact]
    public void Host_and_moderators_get_badges_and_no_flood_limit_and_a_shadow_ban_hides_only_others()
    {
        _state.Moderators.Add("mod");
        _state.Moderation.SetShadowBan("troll", on: true);
        _state.Moderation.SetShadowBan("mod", on: true); // set before the appointment: moderating wins
        for (var i = 0; i < 5; i++) Assert.Equal(Badges.Host, _chat.Admit(Caller.User("host"), Room, "hello", T0).Badge);
        var mod = _chat.Admit(Caller.User("mod"), Room, "hello", T0);
        Assert.Equal((Badges.Moderator, false), (mod.Badge, mod.Shadow));
        Assert.True(_chat.Admit(Caller.User("troll"), Room, "hello", T0).Shadow);
        Assert.True(_chat.IsModerator(Caller.User("platform", Roles.Moderator)));

        _chat.Admit(Caller.User("ann"), Room, "one", T0);
        _chat.Admit(Caller.User("ann"), Room, "two", T0);
        Assert.Equal(ErrorCodes.RateLimited, Assert.Throws<LiveCommerceException>(() => _chat.Admit(Caller.User("ann"), Room, "three", T0)).Code);
    }

    [Fact]
    public void Recent_comments_keep_the_newest_fifty_and_count_all()
    {
        for (var i = 0; i < 60; i++) _chat.Remember(new CommentData { CommentId = $"c{i}", UserId = "u", Name = "U", Text = "x" });
        Assert.Equal(60, _state.Comments);
        Assert.Equal(RoomChat.RecentCommentCount, _state.RecentComments.Count);
        Assert.Equal("c10", _state.RecentComments[0].CommentId);
    }

    [Fact]
    public void A_keyword_comment_enters_the_active_giveaway_only()
    {
        Assert.Null(_chat.GiveawayEntered("I want it"));
        _state.GiveawayKeyword = "want";
        Assert.Null(_chat.GiveawayEntered("I want it")); // no giveaway holds the slot
        _state.ActiveMechanics[StageSlot.Giveaway] = "r.g1";
        Assert.Equal("r.g1", _chat.GiveawayEntered("I WANT it"));
        Assert.Null(_chat.GiveawayEntered("something else"));
    }

    [Fact]
    public void A_buy_command_names_a_product_or_the_pinned_one_and_goes_through_its_active_sale()
    {
        var ann = Caller.User("ann");
        _state.Products.Add(new Product { ProductId = "Mug", Name = "Mug", Price = 5m, Currency = "USD", Stock = 5 });
        Assert.Null(_chat.BuyOrder(ann, Room, "c1", "I'd buy that", T0));
        Assert.Equal(new CommentToBuyOrder(ann, "c1", "", 1, null), _chat.BuyOrder(ann, Room, "c1", "sold", T0));

        _state.PinnedProductId = "Mug";
        Assert.Equal(new CommentToBuyOrder(ann, "c2", "Mug", 2, null), _chat.BuyOrder(ann, Room, "c2", "SOLD 2", T0));

        _state.FlashSales.Add(new FlashSale { SaleId = "r.s1", ProductId = "Mug", Price = 4m, Quantity = 5, Remaining = 5, PerUserLimit = 5, Status = FlashSaleStatus.Active, EndsAt = T0.AddMinutes(1) });
        Assert.Equal("r.s1", _chat.BuyOrder(ann, Room, "c3", "sold mug 3", T0)!.SaleId);
        Assert.Equal("Mug", _chat.BuyOrder(ann, Room, "c3", "sold mug 3", T0)!.ProductId); // named case-insensitively
        Assert.Null(_chat.BuyOrder(ann, Room, "c4", "sold mug", T0.AddMinutes(2))!.SaleId); // the sale's time is over: the cart
    }
}
