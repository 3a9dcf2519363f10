using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Http;

/// <summary>Rooms (v1.1) over real HTTP: the new room fields and <c>GET /api/rooms?status=&amp;hostId=&amp;limit=</c>.</summary>
public sealed class RoomDirectoryApiTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<Room> Create(string token, object body)
    {
        var response = await _server.Http.SendAsync(_server.Request(HttpMethod.Post, "/api/rooms", token, body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Room>())!;
    }

    private async Task<string[]> List(string query) =>
        (await _server.Http.GetFromJsonAsync<RoomListing[]>("/api/rooms" + query))!.Select(l => l.RoomId).ToArray();

    [Fact]
    public async Task Rooms_carry_the_v11_fields_and_the_list_filters_by_status_host_and_limit()
    {
        var ann = await _server.TokenAsync("ann", "host");
        var bob = await _server.TokenAsync("bob", "host");
        var soon = DateTime.UtcNow.AddHours(1);
        var later = await Create(ann, new { title = "Later", scheduledAt = soon.AddHours(5) });
        var next = await Create(bob, new
        {
            title = "Next", streamUrl = "https://cdn.example/hls/next.m3u8", coverImageUrl = "https://img.example/next.jpg",
            scheduledAt = soon, buyKeyword = "sold",
        });
        Assert.Equal("https://cdn.example/hls/next.m3u8", next.StreamUrl);
        Assert.Equal("https://img.example/next.jpg", next.CoverImageUrl);
        Assert.Equal("sold", next.BuyKeyword);
        Assert.Equal(soon, next.ScheduledAt!.Value, TimeSpan.FromMilliseconds(1));
        var snapshot = (await _server.Http.GetFromJsonAsync<JsonElement>($"/api/rooms/{next.RoomId}")).GetProperty("room");
        Assert.Equal("sold", snapshot.GetProperty("buyKeyword").GetString());
        Assert.Equal("https://cdn.example/hls/next.m3u8", snapshot.GetProperty("streamUrl").GetString());

        Assert.Equal([next.RoomId, later.RoomId], await List("?status=scheduled"));
        Assert.Equal([later.RoomId], await List("?status=scheduled&hostId=ann"));
        Assert.Equal([next.RoomId], await List("?status=scheduled&limit=1"));
        Assert.Empty(await List(""));

        var first = await Create(ann, new { title = "First" });
        foreach (var (room, token) in new[] { (first, ann), (next, bob) })
            (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{room.RoomId}/start", token))).EnsureSuccessStatusCode();
        // Nobody watches either: equal viewers fall back to the room id.
        Assert.Equal(new[] { next.RoomId, first.RoomId }.Order(StringComparer.Ordinal), await List(""));
        Assert.Equal([first.RoomId], await List("?status=live&hostId=ann"));

        foreach (var (room, token) in new[] { (first, ann), (next, bob) })
            (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{room.RoomId}/end", token))).EnsureSuccessStatusCode();
        Assert.Equal([next.RoomId, first.RoomId], await List("?status=ended"));
        Assert.Empty(await List("?status=live"));
        Assert.Equal([later.RoomId], await List("?status=scheduled"));
    }

    [Fact]
    public async Task Bad_room_fields_and_list_queries_are_invalid_arguments_and_change_nothing()
    {
        var host = await _server.TokenAsync("carol", "host");
        foreach (var body in new object[]
        {
            new { title = "x", streamUrl = "rtmp://ingest/x" },
            new { title = "x", coverImageUrl = "cover.jpg" },
            new { title = "x", scheduledAt = DateTime.UtcNow.AddDays(-1) },
            new { title = "x", buyKeyword = "buy now" },
            new { title = "x", buyKeyword = "abcdefghijklmnopq" },
        })
        {
            var response = await _server.Http.SendAsync(_server.Request(HttpMethod.Post, "/api/rooms", host, body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_argument", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.Empty(await List("?status=scheduled&hostId=carol"));

        foreach (var query in new[] { "?status=paused", "?limit=0", "?limit=201", "?limit=many", "?hostId=not%20an%20id" })
        {
            var response = await _server.Http.GetAsync("/api/rooms" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_argument", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
    }
}
