using LiveCommerce.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class StudioModerationTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_host_deletes_a_comment_and_mutes_its_author_in_the_studio_and_the_viewer_is_told_in_words()
    {
        var (roomId, _) = await fx.Server.CreateLiveRoomAsync("host-moderation");
        var studio = await fx.OpenAsync($"/studio/{roomId}", "host-moderation", "host", phone: false);
        var viewer = await fx.OpenAsync($"/r/{roomId}", "chatty");

        foreach (var text in new[] { "first", "second" })
        {
            await viewer.GetByTestId("comment-input").FillAsync(text);
            await viewer.GetByTestId("comment-send").ClickAsync();
            await Expect(viewer.GetByTestId("comment").Filter(new() { HasText = text })).ToHaveCountAsync(1);
        }

        var moderated = studio.GetByTestId("mod-comment");
        await Expect(moderated).ToHaveCountAsync(2);
        await moderated.Filter(new() { HasText = "first" }).GetByText("Delete").ClickAsync();
        await Expect(viewer.GetByTestId("comment")).ToHaveCountAsync(1);
        await Expect(viewer.GetByTestId("comment")).ToContainTextAsync("second");

        await moderated.Filter(new() { HasText = "second" }).GetByText("Mute 5 min").ClickAsync();
        // The delete's own "Done" may still be showing: the newest notice is the mute's.
        await Expect(studio.GetByTestId("notice").Filter(new() { HasText = "Done" })).ToHaveCountAsync(2);
        await viewer.GetByTestId("comment-input").FillAsync("third");
        await viewer.GetByTestId("comment-send").ClickAsync();
        await Expect(viewer.GetByTestId("notice").Filter(new() { HasText = "You are muted in this room for now." })).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("comment")).ToHaveCountAsync(1);
        await studio.Context.CloseAsync();
        await viewer.Context.CloseAsync();
    }
}
