using System.Net.Http.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Contracts.Social;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Social;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveCommerce.Tests.Social;

/// <summary>
/// Over the real hub in both protocols, on a fake business clock: a pre-heated sale opens on time,
/// a buy comment reserves through it (or fills the cart), and the room sees who is buying.
/// </summary>
public sealed class CommentToBuyHubTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private LiveServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LiveServer.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory, MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task A_preheated_sale_opens_on_time_and_buy_comments_reserve_through_it_or_fill_the_cart(string protocol)
    {
        var hostToken = await _server.TokenAsync("keyword-host", "host");
        var created = await _server.Http.SendAsync(_server.Request(HttpMethod.Post, "/api/rooms", hostToken, new { title = "Sold!", buyKeyword = "sold" }));
        var roomId = (await created.Content.ReadFromJsonAsync<Room>())!.RoomId;
        foreach (var id in new[] { "mug", "tee" })
            (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/products", hostToken,
                new { productId = id, name = id, price = 12m, currency = "USD", stock = 20 }))).EnsureSuccessStatusCode();
        (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/start", hostToken))).EnsureSuccessStatusCode();

        await using var host = await _server.ConnectAsync(hostToken, protocol);
        await using var ann = await _server.ConnectAsync(await _server.TokenAsync("ann", name: "Annabel"), protocol);
        await ann.JoinAsync(roomId);
        await host.Connection.InvokeAsync(HubMethods.PinProduct, roomId, "tee");

        // Nothing on sale: "sold" puts the pinned product in the cart; an unknown product is notFound.
        await ann.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "SOLD 2");
        await ann.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "sold sock");
        await ann.WaitUntilAsync(c => c.Personal.Count(e => e.Type == EventTypes.CommentToBuy) == 2, because: "two commentToBuy events");
        var outcomes = ann.Personal.Where(e => e.Type == EventTypes.CommentToBuy).Select(e => EventData.Read<CommentToBuyData>(e.Data)).ToList();
        Assert.Contains(outcomes, o => o is { Result: CommentToBuyResult.AddedToCart, ProductId: "tee", Quantity: 2 });
        Assert.Contains(outcomes, o => o is { Result: CommentToBuyResult.NotFound, ProductId: "sock" });
        Assert.Equal(2, Assert.Single((await ann.Connection.InvokeAsync<Cart>(HubMethods.GetCart)).Lines).Quantity);

        // A pre-heated sale of mugs: announced now, opened when its time comes.
        var started = await host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, new FlashSaleRequest
        {
            ProductId = "mug", Price = 9m, Quantity = 5, PerUserLimit = 2, DurationSeconds = 60, StartsInSeconds = 10,
        });
        Assert.Equal(started.StartsAt.AddSeconds(60), started.EndsAt);
        await ann.WaitUntilAsync(c => c.Received.Any(e => e.Type == EventTypes.FlashSaleStarted), because: "flashSaleStarted");
        var announced = EventData.Read<FlashSaleStartedData>(ann.Received.First(e => e.Type == EventTypes.FlashSaleStarted).Data);
        Assert.Equal(FlashSaleStatus.Upcoming, announced.Status);
        Assert.Equal(PurchaseStatus.NotStarted,
            (await ann.Connection.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, started.SaleId, 1, "early")).Status);

        _time.Advance(TimeSpan.FromSeconds(10));
        await ann.WaitUntilAsync(c => c.Received.Any(e => e.Type == EventTypes.FlashSaleOpened), TimeSpan.FromSeconds(5), "flashSaleOpened within a tick");
        Assert.Equal(FlashSaleStatus.Active, (await ann.JoinAsync(roomId)).FlashSales.Single().Status);

        // Now "sold mug 2" reserves through the sale, keyed by the comment id.
        var comment = await ann.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "sold MUG 2");
        await ann.WaitUntilAsync(c => c.Personal.Any(e => e.Type == EventTypes.CommentToBuy
            && EventData.Read<CommentToBuyData>(e.Data).CommentId == comment.CommentId), because: "commentToBuy for the sale");
        var reserved = EventData.Read<CommentToBuyData>(ann.Personal.Last(e => e.Type == EventTypes.CommentToBuy).Data);
        Assert.Equal((CommentToBuyResult.Reserved, "mug", 2), (reserved.Result, reserved.ProductId, reserved.Quantity));
        var order = await ann.Connection.InvokeAsync<Order>(HubMethods.PayOrder, reserved.OrderId!);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(3, (await _server.Grains.GetGrain<IFlashSaleGrain>(started.SaleId).Audit()).Remaining);

        // The room sees who is buying, masked.
        await host.JoinAsync(roomId);
        await ann.WaitUntilAsync(c => c.LatestState<BuyingData>(EventTypes.Buying)?.Recent.Any(r => r.ProductId == "mug") == true, because: "buying");
        var buying = ann.LatestState<BuyingData>(EventTypes.Buying)!;
        Assert.Equal(("A***l", 2), (buying.Recent[0].Name, buying.Recent[0].Quantity));
        Assert.True(buying.LastMinute >= 1);

        // The limit is 2: a third mug by comment is limitExceeded, and the comment itself still posts.
        var third = await ann.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "sold mug");
        await ann.WaitUntilAsync(c => c.Personal.Any(e => e.Type == EventTypes.CommentToBuy
            && EventData.Read<CommentToBuyData>(e.Data).CommentId == third.CommentId), because: "limitExceeded");
        Assert.Equal(CommentToBuyResult.LimitExceeded, EventData.Read<CommentToBuyData>(ann.Personal.Last(e => e.Type == EventTypes.CommentToBuy).Data).Result);
        await ann.WaitUntilAsync(c => c.Received.Any(e => e.Type == EventTypes.Comment && EventData.Read<CommentData>(e.Data).CommentId == third.CommentId), because: "the comment");
    }
}
