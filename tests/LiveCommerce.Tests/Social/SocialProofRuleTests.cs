using LiveCommerce.Contracts.Social;
using LiveCommerce.Grains.Social;

namespace LiveCommerce.Tests.Social;

/// <summary>Masked names, the recent-orders feed and its minute window, and the comment-to-buy grammar.</summary>
public sealed class SocialProofRuleTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Ann", "A***n")]
    [InlineData("  Alison ", "A***n")]
    [InlineData("Bo", "B***o")]
    [InlineData("X", "X***X")]
    [InlineData("José", "J***é")]
    [InlineData("李小龙", "李***龙")]
    [InlineData("😀 Sam 🎉", "😀***🎉")]
    [InlineData("", "***")]
    [InlineData(null, "***")]
    public void Names_are_masked_as_first_letter_stars_last_letter(string? name, string masked) =>
        Assert.Equal(masked, NameMask.Mask(name));

    [Fact]
    public void The_feed_keeps_the_newest_five_newest_first()
    {
        var feed = new BuyingFeed();
        for (var i = 0; i < 7; i++) feed.Record($"Buyer{i}", $"p{i}", i + 1, T0.AddSeconds(i));
        var view = feed.View(T0.AddSeconds(7));
        Assert.Equal(["p6", "p5", "p4", "p3", "p2"], view.Recent.Select(e => e.ProductId));
        Assert.Equal("B***6", view.Recent[0].Name);
        Assert.Equal(7, view.Recent[0].Quantity);
        Assert.Equal(7, view.LastMinute);
    }

    [Fact]
    public void A_late_report_takes_its_place_by_time()
    {
        var feed = new BuyingFeed();
        feed.Record("Ann", "a", 1, T0.AddSeconds(10));
        feed.Record("Bob", "b", 1, T0.AddSeconds(5));
        Assert.Equal(["a", "b"], feed.View(T0.AddSeconds(11)).Recent.Select(e => e.ProductId));
    }

    [Fact]
    public void LastMinute_counts_orders_of_the_last_sixty_seconds_only()
    {
        var feed = new BuyingFeed();
        feed.Record("Ann", "a", 1, T0);
        feed.Record("Bob", "a", 1, T0.AddSeconds(30));
        feed.Record("Cy", "a", 1, T0.AddSeconds(59));
        Assert.Equal(3, feed.LastMinute(T0.AddSeconds(59)));
        Assert.Equal(2, feed.LastMinute(T0.AddSeconds(60)));
        Assert.Equal(1, feed.LastMinute(T0.AddSeconds(90)));
        Assert.Equal(0, feed.LastMinute(T0.AddSeconds(119)));
        // The recent list is about the newest orders, however old.
        Assert.Equal(3, feed.View(T0.AddHours(1)).Recent.Length);
    }

    [Theory]
    [InlineData("sold", null, 1)]
    [InlineData("SOLD", null, 1)]
    [InlineData("  Sold  ", null, 1)]
    [InlineData("sold 3", null, 3)]
    [InlineData("sold 99", null, 99)]
    [InlineData("sold shoe", "shoe", 1)]
    [InlineData("sold Shoe-2", "Shoe-2", 1)]
    [InlineData("sold shoe 2", "shoe", 2)]
    [InlineData("sold 123 2", "123", 2)]
    [InlineData("sold\tshoe\t4", "shoe", 4)]
    public void Buy_comments_are_parsed(string text, string? productId, int quantity) =>
        Assert.Equal(new CommentToBuyCommand(productId, quantity), CommentToBuyCommand.Parse(text, "sold"));

    [Theory]
    [InlineData("sold 0")]
    [InlineData("sold 100")]
    [InlineData("sold 007x 1000")]
    [InlineData("sold shoe 0")]
    [InlineData("sold shoe 100")]
    [InlineData("sold shoe two")]
    [InlineData("sold shoe 2 now")]
    [InlineData("soldout")]
    [InlineData("I sold it")]
    [InlineData("sold sh*e")]
    [InlineData("")]
    [InlineData("   ")]
    public void Other_comments_are_only_comments(string text) =>
        Assert.Null(CommentToBuyCommand.Parse(text, "sold"));

    [Fact]
    public void A_room_without_a_keyword_buys_nothing() =>
        Assert.Null(CommentToBuyCommand.Parse("sold", null));
}
