using System.Text.Json;
using LiveCommerce.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FlashSaleTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_host_starts_a_flash_sale_with_pre_heat_in_the_studio_and_the_viewer_sees_the_countdowns_and_stock_fall_then_buys_and_pays()
    {
        var studio = await fx.OpenAsync("/studio/demo", "demo-host", "host", phone: false);
        var viewer = await fx.OpenAsync("/r/demo", "sale-viewer");
        await Expect(studio.GetByTestId("console")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("pinned")).ToBeVisibleAsync();

        var form = studio.GetByTestId("flash-sales");
        await form.Locator("select[name=productId]").SelectOptionAsync("lamp");
        await form.Locator("input[name=price]").FillAsync("19.90");
        await form.Locator("input[name=quantity]").FillAsync("5");
        await form.Locator("input[name=perUserLimit]").FillAsync("2");
        await form.Locator("input[name=durationSeconds]").FillAsync("120");
        await form.Locator("input[name=startsInSeconds]").FillAsync("10");
        await form.GetByTestId("start-sale").ClickAsync();

        var card = viewer.GetByTestId("flash-sale");
        await Expect(card).ToContainTextAsync("Desk lamp");
        var saleId = (await card.GetAttributeAsync("data-sale"))!;
        // Pre-heat: announced at once, a countdown to the opening, no buying before it.
        await Expect(card).ToHaveAttributeAsync("data-status", "upcoming");
        await Expect(viewer.GetByTestId("sale-starts")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("buy")).ToBeDisabledAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "active", new() { Timeout = 20_000 });
        var first = int.Parse((await viewer.GetByTestId("sale-ends").GetAttributeAsync("data-seconds"))!);
        await Expect(viewer.GetByTestId("sale-ends")).Not.ToHaveAttributeAsync("data-seconds", first.ToString(), new() { Timeout = 5_000 });
        Assert.True(int.Parse((await viewer.GetByTestId("sale-ends").GetAttributeAsync("data-seconds"))!) < first, "the countdown runs down");

        // Someone else buys: the viewer's stock counter falls.
        await using var other = await fx.Server.ConnectAsync(fx.Server.Token("sale-other"));
        var bought = await other.Connection.InvokeAsync<JsonElement>("BuyFlashSale", "demo", saleId, 1, "other-1");
        Assert.Equal("reserved", bought.GetProperty("status").GetString());
        await Expect(viewer.GetByTestId("sale-remaining")).ToHaveAttributeAsync("data-remaining", "4");

        await viewer.GetByTestId("buy").ClickAsync();
        var order = viewer.GetByTestId("flash-sale").GetByTestId("order");
        await Expect(order).ToHaveAttributeAsync("data-status", "pendingPayment");
        await Expect(order.GetByTestId("hold")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("sale-remaining")).ToHaveAttributeAsync("data-remaining", "3");
        await BrowserFixture.ScreenshotAsync(viewer, "viewer-flash-sale");

        await order.GetByTestId("pay").ClickAsync();
        await Expect(order).ToHaveAttributeAsync("data-status", "paid");
        await Expect(studio.GetByTestId("studio-sale")).ToContainTextAsync("3 / 5 left");
        await BrowserFixture.ScreenshotAsync(studio, "studio");

        await using var host = await fx.Server.ConnectAsync(fx.Server.Token("demo-host", "host"));
        await host.Connection.InvokeAsync("EndFlashSale", "demo", saleId);
        await Expect(viewer.GetByTestId("flash-sale")).ToHaveCountAsync(0);
        await studio.Context.CloseAsync();
        await viewer.Context.CloseAsync();
    }
}
