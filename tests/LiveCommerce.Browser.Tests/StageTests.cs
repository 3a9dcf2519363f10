using System.Text.Json;
using LiveCommerce.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.Browser.Tests;

/// <summary>The v1.1 live moments in the page: auctions, giveaways with the draw verified, coupons.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StageTests(BrowserFixture fx)
{
    [Fact]
    public async Task Two_viewers_bid_the_first_is_told_they_were_outbid_and_the_clock_jumps_back_then_the_second_wins()
    {
        if (!await fx.SupportsAsync("auctions", "PlaceBid", "no-room", "no-auction", 1m, null)) return; // not on this server yet
        var (roomId, hostToken) = await fx.Server.CreateLiveRoomAsync("host-auction");
        var ann = await fx.OpenAsync($"/r/{roomId}", "bidder-ann");
        var bob = await fx.OpenAsync($"/r/{roomId}", "bidder-bob");
        await Expect(bob.GetByTestId("viewer")).ToHaveAttributeAsync("data-link", "connected");

        await using var host = await fx.Server.ConnectAsync(hostToken);
        await host.Connection.InvokeAsync<JsonElement>("StartAuction", roomId, new { productId = "p1", startingBid = 10m, durationSeconds = 8, counterBidSeconds = 10 });
        var panel = ann.GetByTestId("auction");
        await Expect(panel).ToHaveAttributeAsync("data-status", "active");
        var endsAtStart = long.Parse((await panel.GetAttributeAsync("data-ends"))!);

        await ann.GetByTestId("quick-bid").ClickAsync();
        await Expect(ann.GetByTestId("auction-leading")).ToBeVisibleAsync();
        await Expect(bob.GetByTestId("auction-leader")).ToContainTextAsync("bidder-ann");
        await Expect(bob.GetByTestId("quick-bid")).ToContainTextAsync("11");

        await bob.GetByTestId("quick-bid").ClickAsync();
        await Expect(ann.GetByTestId("notice").Filter(new() { HasText = "outbid" })).ToBeVisibleAsync();
        await Expect(ann.GetByTestId("auction-leader")).ToContainTextAsync("bidder-bob");
        // Bids with less than counterBidSeconds left set the end to now + 10 s: later than the 8 s it started with.
        await Expect(panel).Not.ToHaveAttributeAsync("data-ends", endsAtStart.ToString());
        Assert.True(long.Parse((await panel.GetAttributeAsync("data-ends"))!) > endsAtStart, "the clock was extended");
        await BrowserFixture.ScreenshotAsync(ann, "viewer-auction");

        await Expect(bob.GetByTestId("notice").Filter(new() { HasText = "You won" })).ToBeVisibleAsync(new() { Timeout = 25_000 });
        await Expect(ann.GetByTestId("auction-result")).ToContainTextAsync("bidder-bob");
        await ann.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewers_enter_a_giveaway_the_host_draws_in_the_studio_and_the_page_verifies_the_draw()
    {
        if (!await fx.SupportsAsync("giveaways", "EnterGiveaway", "no-room", "no-giveaway")) return; // not on this server yet
        var (roomId, _) = await fx.Server.CreateLiveRoomAsync("host-giveaway");
        var studio = await fx.OpenAsync($"/studio/{roomId}", "host-giveaway", "host", phone: false);
        var ann = await fx.OpenAsync($"/r/{roomId}", "lucky-ann");
        var bob = await fx.OpenAsync($"/r/{roomId}", "lucky-bob");

        var form = studio.GetByTestId("giveaways");
        await form.Locator("input[name=prize]").FillAsync("Tote bag");
        await form.Locator("input[name=winners]").FillAsync("1");
        await form.Locator("input[name=durationSeconds]").FillAsync("120");
        await form.GetByTestId("start-giveaway").ClickAsync();

        foreach (var viewer in new[] { ann, bob })
        {
            await viewer.GetByTestId("enter-giveaway").ClickAsync();
            await Expect(viewer.GetByTestId("giveaway-status")).ToHaveTextAsync("You are in!");
        }
        await Expect(studio.GetByTestId("studio-giveaway")).ToContainTextAsync("2 entered");
        await studio.GetByTestId("draw").ClickAsync();

        await Expect(ann.GetByTestId("giveaway")).ToHaveAttributeAsync("data-status", "ended");
        await Expect(ann.GetByTestId("giveaway-winners")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^lucky-(ann|bob)$"));
        await ann.GetByTestId("verify-draw").ClickAsync();
        await Expect(ann.GetByTestId("verify-result")).ToHaveAttributeAsync("data-ok", "true");
        var winner = await ann.GetByTestId("giveaway-winners").TextContentAsync();
        await Expect(ann.GetByTestId("verify-result")).ToContainTextAsync($"2 → {winner}");
        await BrowserFixture.ScreenshotAsync(ann, "viewer-giveaway");
        await studio.Context.CloseAsync();
        await ann.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task A_coupon_dropped_in_the_studio_is_claimed_in_the_pop_up_and_applied_at_checkout()
    {
        var (roomId, _) = await fx.Server.CreateLiveRoomAsync("host-coupon");
        var studio = await fx.OpenAsync($"/studio/{roomId}", "host-coupon", "host", phone: false);
        var viewer = await fx.OpenAsync($"/r/{roomId}", "coupon-buyer");

        var form = studio.GetByTestId("coupons");
        await form.Locator("select[name=discountType]").SelectOptionAsync("percent");
        await form.Locator("input[name=discountValue]").FillAsync("10");
        await form.Locator("input[name=quota]").FillAsync("5");
        await form.Locator("input[name=claimSeconds]").FillAsync("120");
        await form.GetByTestId("drop-coupon").ClickAsync();

        await Expect(viewer.GetByTestId("coupon")).ToContainTextAsync("10% off");
        await viewer.GetByTestId("claim-coupon").ClickAsync();
        await Expect(viewer.GetByTestId("coupon-status")).ToHaveAttributeAsync("data-status", "coupon.claimed");
        await Expect(studio.GetByTestId("studio-coupon")).ToContainTextAsync("4 left");

        // Step 1: the cart, with the coupon applied.
        await viewer.Locator("[data-testid=shelf] [data-product=p1]").GetByTestId("add-to-cart").ClickAsync();
        await viewer.GetByTestId("tab-cart").ClickAsync();
        await Expect(viewer.GetByTestId("cart-line")).ToHaveCountAsync(1);
        var select = viewer.GetByTestId("coupon-select");
        await select.FocusAsync();
        await Expect(select.Locator("option")).ToHaveCountAsync(2);
        await select.SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Index = 1 });
        await Expect(viewer.GetByTestId("cart-discount")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("cart-total")).ToHaveAttributeAsync("data-total", "9");

        // Step 2: checkout holds the order with its discount; step 3: paid.
        await viewer.GetByTestId("checkout").ClickAsync();
        var order = viewer.GetByTestId("cart").GetByTestId("order");
        await Expect(order).ToHaveAttributeAsync("data-status", "pendingPayment");
        // PROTOCOL.md: the order carries the coupon's discount.
        await Expect(order.GetByTestId("order-total")).ToHaveAttributeAsync("data-total", "9");
        await Expect(order).ToContainTextAsync("Product p1 × 1");
        await order.GetByTestId("pay").ClickAsync();
        await Expect(viewer.GetByTestId("cart-done")).ToBeVisibleAsync();
        await studio.Context.CloseAsync();
        await viewer.Context.CloseAsync();
    }
}
