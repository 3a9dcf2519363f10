using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Limits;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Limits;

public sealed class LimitServer : IAsyncLifetime
{
    public LiveServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LiveServer.StartAsync(new Dictionary<string, string>
    {
        ["Limits:HttpBurst"] = "10",
        ["Limits:HttpRequestsPerSecond"] = "1",
        ["Limits:RoomsPerHostPerHour"] = "3",
        ["Rooms:ProductsPerRoom"] = "3",
        ["Rooms:FlashSalesAtOnce"] = "1",
        ["Rooms:FlashSalesPerRoom"] = "2",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Every door has a limit; a refusal is <c>rate_limited</c> with the time to wait, and changes nothing.</summary>
public sealed class LimitTests(LimitServer fixture) : IClassFixture<LimitServer>
{
    private readonly LiveServer _server = fixture.Server;

    [Fact]
    public async Task Likes_are_limited_per_user_and_the_refused_taps_are_not_counted()
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync("likes-host");
        await using var liker = await _server.ConnectAsync(_server.Token("liker"));
        var before = (await liker.JoinAsync(roomId)).Likes;

        var accepted = 0;
        HubException? refusal = null;
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await liker.Connection.InvokeAsync(HubMethods.Like, roomId, 100);
                accepted++;
            }
            catch (HubException e)
            {
                refusal = e;
            }
        }
        Assert.NotNull(refusal);
        Assert.Matches(@"^rate_limited: too many likes; retry in [0-9.]+ s$", refusal!.Message);
        Assert.InRange(accepted, 3, 5);
        Assert.Equal(before + accepted * 100, (await Snapshot(roomId)).Likes);
    }

    [Fact]
    public async Task A_connection_that_hammers_any_method_runs_out_of_tokens()
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync("hammer-host");
        await using var client = await _server.ConnectAsync(_server.Token("hammer"));
        var refused = 0;
        for (var i = 0; i < 120 && refused == 0; i++)
        {
            try { await client.Connection.InvokeAsync(HubMethods.LeaveRoom, roomId); }
            catch (HubException e) when (e.Message.StartsWith(ErrorCodes.RateLimited + ": too many calls", StringComparison.Ordinal)) { refused++; }
        }
        Assert.Equal(1, refused);
    }

    [Fact]
    public async Task Join_churn_is_limited_and_a_guest_view_counts_once_per_connection()
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync("churn-host");
        await using var guest = await _server.ConnectAsync(null);
        for (var i = 0; i < 8; i++)
        {
            await guest.JoinAsync(roomId);
            await guest.Connection.InvokeAsync(HubMethods.LeaveRoom, roomId);
        }
        await guest.JoinAsync(roomId);
        await WaitFor(async () => (await Snapshot(roomId)).Viewers.Current == 1, "the guest is counted");
        Assert.Equal(1, (await Snapshot(roomId)).Viewers.TotalViews);

        // Joins cost 3 of the connection's 60 tokens and are at most 30 a minute: churn soon stops.
        var refusal = await Assert.ThrowsAsync<HubException>(async () =>
        {
            for (var i = 0; i < 30; i++) await guest.JoinAsync(roomId);
        });
        Assert.Matches(@"^rate_limited: too many (calls on this connection|room joins on this connection); retry in [0-9.]+ s$", refusal.Message);
    }

    [Fact]
    public async Task Comments_are_limited_per_user_across_rooms()
    {
        var rooms = new List<string>();
        for (var r = 0; r < 4; r++) rooms.Add((await _server.CreateLiveRoomAsync($"chat-host-{r}")).RoomId);
        await using var chatter = await _server.ConnectAsync(_server.Token("everywhere"));
        var sent = 0;
        var refusal = await Assert.ThrowsAsync<HubException>(async () =>
        {
            foreach (var roomId in rooms)
                for (var i = 0; i < 9; i++)
                {
                    await chatter.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, $"hello {i}");
                    sent++;
                }
        });
        Assert.Equal(30, sent);
        Assert.StartsWith("rate_limited: too many comments across rooms; retry in", refusal.Message);
    }

    [Fact]
    public async Task Rooms_per_host_and_http_requests_are_rate_limited_with_retry_after()
    {
        var host = _server.Token("prolific", "host");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, "/api/rooms", host, new { title = $"show {i}" }))).StatusCode);
        await AssertRateLimited(await _server.Http.SendAsync(_server.Request(HttpMethod.Post, "/api/rooms", host, new { title = "one too many" })));
        Assert.DoesNotContain((await _server.Grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).ListLive()), l => l.Title == "one too many");

        var reader = _server.Token("busy-reader");
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 30 && limited is null; i++)
        {
            var response = await _server.Http.SendAsync(_server.Request(HttpMethod.Get, "/api/orders", reader));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }
        Assert.NotNull(limited);
        await AssertRateLimited(limited!);
        // Another user's budget is untouched.
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.SendAsync(_server.Request(HttpMethod.Get, "/api/orders", _server.Token("calm-reader")))).StatusCode);
    }

    [Fact]
    public async Task Room_quotas_refuse_with_conflict_and_change_nothing()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("quota-host");
        Assert.Equal(HttpStatusCode.Created, (await AddProduct(roomId, hostToken, "p3")).StatusCode);
        var refused = await AddProduct(roomId, hostToken, "p4");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("conflict", problem.GetProperty("code").GetString());
        Assert.Contains("Rooms:ProductsPerRoom", problem.GetProperty("detail").GetString());
        Assert.Equal(3, (await Snapshot(roomId)).Products.Length);

        await using var host = await _server.ConnectAsync(hostToken);
        var first = await host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, Sale("p1"));
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, Sale("p2")));
        await host.Connection.InvokeAsync(HubMethods.EndFlashSale, roomId, first.SaleId);
        await WaitFor(async () => (await Snapshot(roomId)).FlashSales.All(s => s.Status == FlashSaleStatus.Ended), "the first sale ended");
        var second = await host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, Sale("p2"));
        await host.Connection.InvokeAsync(HubMethods.EndFlashSale, roomId, second.SaleId);
        await WaitFor(async () => (await Snapshot(roomId)).FlashSales.All(s => s.Status == FlashSaleStatus.Ended), "the second sale ended");
        var total = await Assert.ThrowsAsync<HubException>(() => host.Connection.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, Sale("p3")));
        Assert.StartsWith("conflict: a room starts at most 2 flash sales (Rooms:FlashSalesPerRoom)", total.Message);
        var snapshot = await Snapshot(roomId);
        Assert.Equal(2, snapshot.FlashSales.Length);
        Assert.Equal(100, snapshot.Products.Single(p => p.ProductId == "p3").Stock);
    }

    [Fact]
    public async Task Bids_claims_and_entries_are_limited_per_user_and_room()
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync("claims-host");
        await using var claimer = await _server.ConnectAsync(_server.Token("claimer"));
        HubException? limited = null;
        var answered = 0;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            try
            {
                await claimer.Connection.InvokeAsync<JsonElement>(HubMethods.ClaimCoupon, roomId, "no-such-coupon");
            }
            catch (HubException e) when (e.Message.StartsWith(ErrorCodes.RateLimited + ":", StringComparison.Ordinal))
            {
                limited = e;
            }
            catch (HubException)
            {
                answered++; // not_found: the call reached the room
            }
        }
        Assert.NotNull(limited);
        Assert.Matches(@"^rate_limited: too many bids and claims in this room; retry in [0-9.]+ s$", limited!.Message);
        Assert.InRange(answered, 10, 12);
        // Another user in the same room is not held back.
        await using var other = await _server.ConnectAsync(_server.Token("other-claimer"));
        var reached = await Assert.ThrowsAsync<HubException>(() => other.Connection.InvokeAsync<JsonElement>(HubMethods.ClaimCoupon, roomId, "no-such-coupon"));
        Assert.DoesNotContain("rate_limited", reached.Message);
    }

    private Task<HttpResponseMessage> AddProduct(string roomId, string hostToken, string productId) =>
        _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/products", hostToken,
            new { productId, name = $"Product {productId}", price = 5m, currency = "USD", stock = 100 }));

    private static FlashSaleRequest Sale(string productId) =>
        new() { ProductId = productId, Price = 1m, Quantity = 1, PerUserLimit = 1, DurationSeconds = 600 };

    [Fact]
    public void Limit_options_are_validated_with_a_message_naming_the_setting()
    {
        static List<ValidationResult> Check(LimitOptions o)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true);
            return results;
        }
        Assert.Empty(Check(new LimitOptions()));
        Assert.NotEmpty(Check(new LimitOptions { HubBurst = 0 }));
        Assert.NotEmpty(Check(new LimitOptions { LikeTapBurst = 50 }));
        var cost = Check(new LimitOptions { HubBurst = 10, MethodCosts = { ["JoinRoom"] = 11 } });
        Assert.Contains(cost, r => r.ErrorMessage!.Contains("Limits:MethodCosts:JoinRoom"));
    }

    private static async Task AssertRateLimited(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) >= 1);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
    }

    /// <summary>Read as a user of its own: guests of this test machine share one address's small HTTP budget.</summary>
    private async Task<RoomSnapshot> Snapshot(string roomId)
    {
        using var response = await _server.Http.SendAsync(_server.Request(HttpMethod.Get, $"/api/rooms/{roomId}", _server.Token($"reader-{Guid.NewGuid():N}"[..20])));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RoomSnapshot>())!;
    }

    private static Task WaitFor(Func<Task<bool>> condition, string what) => Eventually.UntilAsync(condition, what);
}
