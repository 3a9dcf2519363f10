using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Hosting;
using LiveCommerce.LiveHost.Rooms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>The real LiveHost (Kestrel + silo + hub) on 127.0.0.1 with free ports, as a test fixture.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A signed token without an HTTP round trip, for tests that need hundreds of users.</summary>
    public string Token(string userId, string role = "viewer", string? region = null) =>
        _app.Services.GetRequiredService<LiveCommerce.LiveHost.Identity.TokenIssuer>().Issue(userId, role, userId, region);

    public static async Task<LiveServer> StartAsync(IDictionary<string, string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            $"--Orleans:SiloPort={FreePort.Next()}",
            $"--Orleans:GatewayPort={FreePort.Next()}",
            $"--Orleans:ClusterId=test-{Guid.NewGuid():N}",
            "--Demo:SeedRoom=false",
            // Tests mint tokens through the dev endpoint; the host runs as Production, so it is asked for.
            "--Auth:DevTokens=true",
            "--Logging:LogLevel:Default=Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args.Add($"--{key}={value}");
        var app = LiveHostApp.Build([.. args], configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveServer(app, address);
    }

    public async Task<string> TokenAsync(string userId, string role = "viewer", string? region = null, string? name = null)
    {
        var response = await Http.PostAsJsonAsync("/api/dev/token", new { userId, role, name = name ?? userId, region });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        return body!["token"];
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    /// <summary>Creates a live room with products, hosted by <paramref name="hostId"/>.</summary>
    public async Task<(string RoomId, string HostToken)> CreateLiveRoomAsync(string hostId = "host1", string[]? sellRegions = null, params (string Id, decimal Price, int Stock)[] products)
    {
        var hostToken = await TokenAsync(hostId, "host");
        var created = await Http.SendAsync(Request(HttpMethod.Post, "/api/rooms", hostToken, new { title = "Test stream", sellRegions }));
        created.EnsureSuccessStatusCode();
        var room = (await created.Content.ReadFromJsonAsync<Room>())!;
        if (products.Length == 0) products = [("p1", 10m, 100), ("p2", 25m, 50)];
        foreach (var (id, price, stock) in products)
        {
            var added = await Http.SendAsync(Request(HttpMethod.Post, $"/api/rooms/{room.RoomId}/products", hostToken,
                new { productId = id, name = $"Product {id}", price, currency = "USD", stock }));
            added.EnsureSuccessStatusCode();
        }
        (await Http.SendAsync(Request(HttpMethod.Post, $"/api/rooms/{room.RoomId}/start", hostToken))).EnsureSuccessStatusCode();
        return (room.RoomId, hostToken);
    }

    public async Task<LiveClient> ConnectAsync(string? token, string protocol = "json")
    {
        var client = new LiveClient(BaseUrl, token, protocol);
        await client.StartAsync();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
