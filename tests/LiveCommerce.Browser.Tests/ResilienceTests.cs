using System.Text.Json;
using LiveCommerce.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ResilienceTests(BrowserFixture fx)
{
    private static Task<string[]> CommentTextsAsync(IPage page) =>
        page.GetByTestId("comment").Locator(".text").AllTextContentsAsync().ContinueWith(t => t.Result.ToArray());

    [Fact]
    public async Task The_server_drops_the_viewer_and_the_page_resumes_without_losing_or_doubling_a_comment()
    {
        var (roomId, hostToken) = await fx.Server.CreateLiveRoomAsync("host-resume");
        await using var host = await fx.Server.ConnectAsync(hostToken);
        await host.JoinAsync(roomId);
        var page = await fx.OpenAsync($"/r/{roomId}", "resumer");
        await Expect(page.GetByTestId("viewer")).ToHaveAttributeAsync("data-link", "connected");

        for (var i = 1; i <= 5; i++) await host.Connection.InvokeAsync<JsonElement>("SendComment", roomId, $"before {i}");
        await Expect(page.GetByTestId("comment")).ToHaveCountAsync(5);

        Assert.True(fx.Killer.DropUser("resumer") >= 1, "the viewer had a connection to drop");
        for (var i = 1; i <= 10; i++) await host.Connection.InvokeAsync<JsonElement>("SendComment", roomId, $"while away {i}");
        await Expect(page.GetByTestId("comment")).ToHaveCountAsync(15, new() { Timeout = 30_000 });

        var texts = await CommentTextsAsync(page);
        var expected = Enumerable.Range(1, 5).Select(i => $"before {i}").Concat(Enumerable.Range(1, 10).Select(i => $"while away {i}"));
        Assert.Equal(expected, texts);
        Assert.True(await page.EvaluateAsync<int>("() => window.lcStore.resumes") >= 1, "the page called Resume");

        // And it is live again: a new comment arrives once.
        await host.Connection.InvokeAsync<JsonElement>("SendComment", roomId, "after");
        await Expect(page.GetByTestId("comment")).ToHaveCountAsync(16);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_stream_of_200_comments_a_second_keeps_the_list_bounded_and_the_buy_button_answering_within_100_ms()
    {
        var (roomId, hostToken) = await fx.Server.CreateLiveRoomAsync("host-storm");
        await using var host = await fx.Server.ConnectAsync(hostToken, "messagepack");
        await host.JoinAsync(roomId);
        await host.Connection.InvokeAsync<JsonElement>("StartFlashSale", roomId, new { productId = "p1", price = 5m, quantity = 100, perUserLimit = 1, durationSeconds = 300 });
        var page = await fx.OpenAsync($"/r/{roomId}", "storm-buyer");
        await Expect(page.GetByTestId("buy")).ToBeEnabledAsync();

        // The host is exempt from the comment limit: 200 comments a second for 3 seconds, in bursts of 10 every 50 ms.
        const int total = 600;
        // The page itself records the most comment nodes it ever held (after every change of its DOM), however fast they come.
        await page.EvaluateAsync(@"() => {
            window.lcMaxComments = 0;
            new MutationObserver(() => {
              window.lcMaxComments = Math.max(window.lcMaxComments, document.querySelectorAll('[data-testid=comment]').length);
            }).observe(document.body, { childList: true, subtree: true });
          }");
        // The storm's rate is the scenario (a timer sets the cadence of the bursts); nothing waits on it to see an outcome.
        var storm = Task.Run(async () =>
        {
            using var cadence = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            for (var i = 0; i < total; i += 10)
            {
                var burst = Enumerable.Range(i, 10).Select(n => host.Connection.SendAsync("SendComment", roomId, $"storm {n}"));
                await Task.WhenAll(burst);
                await cadence.WaitForNextTickAsync();
            }
        });
        await storm;

        // Mid-stream is over; measure the buy button while the last frames still arrive.
        var answerMs = await page.EvaluateAsync<double>(@"() => new Promise(resolve => {
            const button = document.querySelector('[data-testid=buy]');
            const started = performance.now();
            const observer = new MutationObserver(() => {
              if (button.dataset.state === 'pending' || !button.isConnected) { observer.disconnect(); resolve(performance.now() - started); }
            });
            observer.observe(button, { attributes: true, childList: true, subtree: true, characterData: true });
            button.click();
          })");
        Assert.True(answerMs < 100, $"the buy button answered after {answerMs:F0} ms");
        await Expect(page.GetByTestId("order")).ToHaveAttributeAsync("data-status", "pendingPayment");

        await Expect(page.GetByTestId("comment").Last).ToContainTextAsync($"storm {total - 1}", new() { Timeout = 30_000 });
        var maxNodes = await page.EvaluateAsync<int>("() => window.lcMaxComments");
        Assert.InRange(maxNodes, 1, 80);
        await page.Context.CloseAsync();
    }
}
