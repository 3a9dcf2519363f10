using LiveCommerce.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class StudioShadowBanTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_shadow_ban_from_the_studio_leaves_the_author_seeing_their_comment_and_nobody_else()
    {
        var (roomId, _) = await fx.Server.CreateLiveRoomAsync("host-shadow");
        var studio = await fx.OpenAsync($"/studio/{roomId}", "host-shadow", "host", phone: false);
        var troll = await fx.OpenAsync($"/r/{roomId}", "troll");
        var other = await fx.OpenAsync($"/r/{roomId}", "other");

        await troll.GetByTestId("comment-input").FillAsync("hello all");
        await troll.GetByTestId("comment-send").ClickAsync();
        await Expect(other.GetByTestId("comment").Filter(new() { HasText = "hello all" })).ToHaveCountAsync(1);

        var moderated = studio.GetByTestId("mod-comment").Filter(new() { HasText = "hello all" });
        await moderated.GetByText("Shadow ban").ClickAsync();
        await Expect(studio.GetByTestId("moderation")).ToContainTextAsync("shadowBan troll");

        await troll.GetByTestId("comment-input").FillAsync("buy my junk");
        await troll.GetByTestId("comment-send").ClickAsync();
        await Expect(troll.GetByTestId("comment").Filter(new() { HasText = "buy my junk" })).ToHaveCountAsync(1);
        await other.GetByTestId("comment-input").FillAsync("later");
        await other.GetByTestId("comment-send").ClickAsync();
        await Expect(other.GetByTestId("comment").Filter(new() { HasText = "later" })).ToHaveCountAsync(1);
        await Expect(troll.GetByTestId("comment").Filter(new() { HasText = "later" })).ToHaveCountAsync(1);
        await Expect(other.GetByTestId("comment").Filter(new() { HasText = "buy my junk" })).ToHaveCountAsync(0);
        await Expect(studio.GetByTestId("mod-comment").Filter(new() { HasText = "buy my junk" })).ToHaveCountAsync(0);

        foreach (var page in new[] { studio, troll, other }) await page.Context.CloseAsync();
    }
}
