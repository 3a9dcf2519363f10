using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Http;

/// <summary>The HTTP API: problem+json codes, roles, and the room lifecycle.</summary>
public sealed class RoomApiTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Creating_a_room_needs_a_host_token_and_a_title()
    {
        await AssertProblem(await Send(HttpMethod.Post, "/api/rooms", null, new { title = "x" }), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblem(await Send(HttpMethod.Post, "/api/rooms", await _server.TokenAsync("v1"), new { title = "x" }), HttpStatusCode.Forbidden, "forbidden");
        var host = await _server.TokenAsync("h1", "host");
        await AssertProblem(await Send(HttpMethod.Post, "/api/rooms", host, new { title = "  " }), HttpStatusCode.BadRequest, "invalid_argument");
        await AssertProblem(await Send(HttpMethod.Post, "/api/rooms", host, new { title = "ok", sellRegions = new[] { "USA" } }), HttpStatusCode.BadRequest, "invalid_argument");
        await AssertProblem(await Send(HttpMethod.Post, "/api/rooms", host, "not json"), HttpStatusCode.BadRequest, "invalid_argument");

        var created = await Send(HttpMethod.Post, "/api/rooms", host, new { title = "Spring drop", sellRegions = new[] { "us", "DE" }, language = "en" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var room = (await created.Content.ReadFromJsonAsync<Room>())!;
        Assert.Equal(RoomStatus.Scheduled, room.Status);
        Assert.Equal(["US", "DE"], room.SellRegions);
        Assert.Equal("h1", room.HostId);
    }

    [Fact]
    public async Task The_room_lifecycle_runs_scheduled_live_ended_for_its_host_only()
    {
        var host = await _server.TokenAsync("owner", "host");
        var other = await _server.TokenAsync("intruder", "host");
        var room = (await (await Send(HttpMethod.Post, "/api/rooms", host, new { title = "Lifecycle" })).Content.ReadFromJsonAsync<Room>())!;
        var path = $"/api/rooms/{room.RoomId}";

        await AssertProblem(await Send(HttpMethod.Post, $"{path}/products", other, Product("a")), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await Send(HttpMethod.Post, $"{path}/products", host, Product("a") with { price = -1m }), HttpStatusCode.BadRequest, "invalid_argument");
        await AssertProblem(await Send(HttpMethod.Post, $"{path}/products", host, Product("a") with { stock = -1 }), HttpStatusCode.BadRequest, "invalid_argument");
        await AssertProblem(await Send(HttpMethod.Post, $"{path}/products", host, Product("a") with { currency = "dollars" }), HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Post, $"{path}/products", host, Product("a"))).StatusCode);
        await AssertProblem(await Send(HttpMethod.Post, $"{path}/products", host, Product("a")), HttpStatusCode.Conflict, "conflict");

        await AssertProblem(await Send(HttpMethod.Post, $"{path}/start", other), HttpStatusCode.Forbidden, "forbidden");
        var live = (await (await Send(HttpMethod.Post, $"{path}/start", host)).Content.ReadFromJsonAsync<Room>())!;
        Assert.Equal(RoomStatus.Live, live.Status);

        var snapshot = (await _server.Http.GetFromJsonAsync<RoomSnapshot>(path))!;
        Assert.Equal("a", Assert.Single(snapshot.Products).ProductId);
        Assert.Equal(1, snapshot.Seq);

        await AssertProblem(await Send(HttpMethod.Get, $"{path}/stats", other), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await Send(HttpMethod.Get, $"{path}/stats", null), HttpStatusCode.Unauthorized, "unauthorized");
        var stats = await (await Send(HttpMethod.Get, $"{path}/stats", host)).Content.ReadFromJsonAsync<JsonElement>();
        foreach (var field in new[] { "viewersNow", "peakViewers", "totalViews", "comments", "likes", "addToCarts", "orders", "unitsSold", "gmv", "conversionRate" })
            Assert.True(stats.TryGetProperty(field, out _), field);

        var ended = (await (await Send(HttpMethod.Post, $"{path}/end", host)).Content.ReadFromJsonAsync<Room>())!;
        Assert.Equal(RoomStatus.Ended, ended.Status);
        await AssertProblem(await Send(HttpMethod.Post, $"{path}/start", host), HttpStatusCode.Conflict, "conflict");
        Assert.DoesNotContain((await _server.Http.GetFromJsonAsync<RoomListing[]>("/api/rooms"))!, l => l.RoomId == room.RoomId);
    }

    [Fact]
    public async Task Unknown_rooms_dev_tokens_and_health_answer_as_documented()
    {
        await AssertProblem(await _server.Http.GetAsync("/api/rooms/nothing-here"), HttpStatusCode.NotFound, "not_found");
        await AssertProblem(await _server.Http.PostAsJsonAsync("/api/dev/token", new { userId = "u", role = "admin" }), HttpStatusCode.BadRequest, "invalid_argument");
        await AssertProblem(await _server.Http.PostAsJsonAsync("/api/dev/token", new { userId = "" }), HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/health/ready")).StatusCode);
        await AssertProblem(await Send(HttpMethod.Post, "/api/rooms", "not-a-jwt", new { title = "x" }), HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static ProductBody Product(string id) => new(id, $"Product {id}", 9.99m, "USD", 10);

    private sealed record ProductBody(string productId, string name, decimal price, string currency, int stock);

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token, object? body = null) =>
        _server.Http.SendAsync(body is string raw
            ? new HttpRequestMessage(method, path) { Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json"), Headers = { Authorization = token is null ? null : new("Bearer", token) } }
            : _server.Request(method, path, token, body));

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }
}
