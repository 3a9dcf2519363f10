using System.Text.Json;
using LiveCommerce.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class TranslationTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_guest_translates_a_comment_with_one_click()
    {
        var (roomId, hostToken) = await fx.Server.CreateLiveRoomAsync("host-translate");
        await using var host = await fx.Server.ConnectAsync(hostToken);
        await host.JoinAsync(roomId);
        await host.Connection.InvokeAsync<JsonElement>("SendComment", roomId, "Good morning, my friends");

        // A Spanish reader: the page offers the room's English comments in Spanish (the Apertium pair here).
        var page = await fx.OpenAsync($"/r/{roomId}", locale: "es-ES");
        var comment = page.GetByTestId("comment").Filter(new() { HasText = "Good morning" });
        await comment.GetByTestId("translate").ClickAsync();
        await Expect(comment.GetByTestId("translation")).ToContainTextAsync("Buenos");
        await page.Context.CloseAsync();
    }
}
