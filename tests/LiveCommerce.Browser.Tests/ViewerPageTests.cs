using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Browser.Tests.Infrastructure;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ViewerPageTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_guest_joins_the_demo_room_signs_in_comments_as_text_and_likes_in_batches()
    {
        var home = await fx.OpenAsync("/");
        await Expect(home.GetByTestId("live-rooms")).ToContainTextAsync("LiveCommerce demo room");
        // The demo room's own card: rooms that other tests of the collection left live are listed too, in any order.
        await home.GetByTestId("live-rooms").Locator("[data-room=demo] a").ClickAsync();
        // Commit, not load: the assertions below wait for what matters, and load may wait on media.
        await home.WaitForURLAsync("**/r/demo", new() { WaitUntil = WaitUntilState.Commit });
        var page = home;

        await Expect(page.GetByTestId("pinned")).ToContainTextAsync("Studio mug");
        await Expect(page.GetByTestId("room-title")).ToHaveTextAsync("LiveCommerce demo room");
        await Expect(page.GetByText("Sign in to chat")).ToBeVisibleAsync();

        // "Pick a name" goes through the dev-token endpoint.
        await page.GetByTestId("name").FillAsync("Ann Browser");
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.GetByTestId("signed-in")).ToContainTextAsync("Ann Browser");

        const string hostile = "<img src=x onerror=\"document.title='pwned'\"> hello from Chromium";
        await page.GetByTestId("comment-input").FillAsync(hostile);
        await page.GetByTestId("comment-send").ClickAsync();
        var mine = page.GetByTestId("comment").Filter(new() { HasText = "hello from Chromium" });
        await Expect(mine).ToHaveCountAsync(1);
        await Expect(mine.Locator(".text")).ToHaveTextAsync(hostile);
        Assert.Equal(0, await page.GetByTestId("comments").Locator("img").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());

        var before = await LikesOnServerAsync();
        for (var i = 0; i < 5; i++) await page.GetByTestId("like").ClickAsync();
        // The taps show at once and reach the server batched (Like takes up to 100 taps per call).
        await Expect(page.GetByTestId("likes")).ToHaveAttributeAsync("data-count", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        Assert.True(int.Parse((await page.GetByTestId("likes").GetAttributeAsync("data-count"))!) >= before + 5);
        await Eventually.UntilAsync(async () => await LikesOnServerAsync() >= before + 5, "the server counts the 5 taps", TimeSpan.FromSeconds(15));

        await BrowserFixture.ScreenshotAsync(page, "viewer-phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_phone_sized_viewport_shows_the_viewer_page_without_horizontal_scrolling()
    {
        var (roomId, hostToken) = await fx.Server.CreateLiveRoomAsync("host-phone", null,
            ("a-product-with-an-extraordinarily-long-identifier-0123456789", 12.5m, 50));
        await using var host = await fx.Server.ConnectAsync(hostToken);
        await host.JoinAsync(roomId);
        await host.Connection.InvokeAsync("PinProduct", roomId, "a-product-with-an-extraordinarily-long-identifier-0123456789");
        await host.Connection.InvokeAsync<JsonElement>("StartFlashSale", roomId,
            new { productId = "a-product-with-an-extraordinarily-long-identifier-0123456789", price = 9.99m, quantity = 10, perUserLimit = 1, durationSeconds = 300 });
        await host.Connection.InvokeAsync<JsonElement>("SendComment", roomId, new string('W', 290));

        var page = await fx.OpenAsync($"/r/{roomId}", "phone-viewer");
        await Expect(page.GetByTestId("flash-sale")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("comment")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("pinned")).ToBeVisibleAsync();

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2], $"scroll widths {widths[0]}/{widths[1]} exceed the viewport {widths[2]}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_page_speaks_the_browser_language_and_switches_on_request()
    {
        var page = await fx.OpenAsync("/r/demo", locale: "zh-CN");
        await Expect(page.GetByText("登录后评论")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tab-shelf")).ToHaveTextAsync("购物");

        await page.GetByTestId("lang").ClickAsync();
        await Expect(page.GetByText("Sign in to chat")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByTestId("tab-shelf")).ToHaveTextAsync("Shop");
        await page.Context.CloseAsync();
    }

    private async Task<long> LikesOnServerAsync()
    {
        var snapshot = await fx.Server.Http.GetFromJsonAsync<JsonElement>("/api/rooms/demo");
        return snapshot.GetProperty("likes").GetInt64();
    }

}
