using LiveCommerce.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class StudioRoomTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_host_creates_a_room_adds_a_product_goes_live_and_pins_it_for_the_viewers()
    {
        var studio = await fx.OpenAsync("/studio", "studio-maker", "host", phone: false);
        var create = studio.GetByTestId("create-room");
        await create.Locator("input[name=title]").FillAsync("Tea tasting");
        await create.Locator("input[name=sellRegions]").FillAsync("us, cn");
        await create.Locator("input[name=buyKeyword]").FillAsync("sold");
        await create.GetByTestId("create").ClickAsync();
        await studio.WaitForURLAsync("**/studio/r*");
        var roomId = studio.Url.Split('/').Last();
        await Expect(studio.GetByTestId("studio-room-title")).ToHaveTextAsync("Tea tasting");
        await Expect(studio.GetByTestId("console")).ToHaveAttributeAsync("data-status", "scheduled");

        var products = studio.GetByTestId("products");
        await products.Locator("input[name=productId]").FillAsync("oolong");
        await products.Locator("input[name=name]").FillAsync("Oolong tea, 100 g");
        await products.Locator("input[name=price]").FillAsync("18.5");
        await products.Locator("input[name=stock]").FillAsync("40");
        await products.GetByTestId("add-product").ClickAsync();
        await Expect(products.Locator("[data-product=oolong]")).ToContainTextAsync("Oolong tea, 100 g");

        await studio.GetByTestId("go-live").ClickAsync();
        await Expect(studio.GetByTestId("console")).ToHaveAttributeAsync("data-status", "live");
        var viewer = await fx.OpenAsync($"/r/{roomId}", "tea-fan");
        await Expect(viewer.GetByTestId("room-title")).ToHaveTextAsync("Tea tasting");

        await products.GetByTestId("pin-oolong").ClickAsync();
        await Expect(viewer.GetByTestId("pinned")).ToContainTextAsync("Oolong tea, 100 g");
        await Expect(viewer.GetByTestId("pinned")).ToContainTextAsync("$18.50");

        // The studio lists the room among the host's rooms.
        await studio.GotoAsync("/studio");
        await Expect(studio.GetByTestId("my-rooms")).ToContainTextAsync("Tea tasting");
        await studio.Context.CloseAsync();
        await viewer.Context.CloseAsync();
    }
}
