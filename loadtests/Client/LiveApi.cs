using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.LoadTests.Client;

/// <summary>The HTTP half of PROTOCOL.md that the scenarios need: dev tokens, room setup, snapshots, orders.</summary>
public sealed class LiveApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 32, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static JsonSerializerOptions Json => EventData.JsonOptions;

    public async Task<string> TokenAsync(string userId, string role, CancellationToken ct, string? region = null)
    {
        using var response = await _http.PostAsJsonAsync("/api/dev/token", new { userId, role, name = userId, region }, Json, ct);
        await EnsureAsync(response, ct);
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return doc.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Tokens for many users, a bounded number of requests at a time.</summary>
    public async Task<string[]> TokensAsync(IReadOnlyList<string> userIds, string role, CancellationToken ct, int parallel = 16)
    {
        var tokens = new string[userIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, userIds.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
            async (i, c) => tokens[i] = await TokenAsync(userIds[i], role, c));
        return tokens;
    }

    /// <param name="buyKeyword">Comment-to-buy keyword (v1.1), e.g. <c>sold</c>.</param>
    public async Task<string> CreateRoomAsync(string hostToken, string title, CancellationToken ct, string? buyKeyword = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/rooms", hostToken, new { title, language = "en", buyKeyword }, ct);
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return doc.RootElement.GetProperty("roomId").GetString()!;
    }

    public async Task AddProductAsync(string hostToken, string roomId, string productId, int stock, CancellationToken ct)
    {
        using var _ = await SendAsync(HttpMethod.Post, $"/api/rooms/{roomId}/products", hostToken,
            new { productId, name = $"Load test {productId}", price = 9.99m, currency = "USD", stock }, ct);
    }

    public async Task StartRoomAsync(string hostToken, string roomId, CancellationToken ct)
    {
        using var _ = await SendAsync(HttpMethod.Post, $"/api/rooms/{roomId}/start", hostToken, null, ct);
    }

    public async Task<RoomSnapshot> SnapshotAsync(string roomId, CancellationToken ct) =>
        (await _http.GetFromJsonAsync<RoomSnapshot>($"/api/rooms/{roomId}", Json, ct))!;

    /// <summary>An auction with its public history; null when the server has none to show (the bare baseline).</summary>
    public async Task<AuctionDetails?> AuctionAsync(string roomId, string auctionId, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"/api/rooms/{roomId}/auctions/{auctionId}", ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) return null;
        await EnsureAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<AuctionDetails>(Json, ct);
    }

    /// <summary>The sorted entrant ids of a drawn giveaway; null when the server has none to show.</summary>
    public async Task<string[]?> GiveawayEntrantsAsync(string roomId, string giveawayId, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"/api/rooms/{roomId}/giveaways/{giveawayId}/entrants", ct);
        if (!response.IsSuccessStatusCode) return null;
        return await response.Content.ReadFromJsonAsync<string[]>(Json, ct);
    }

    /// <summary>The caller's orders; null when the server has no order API (the bare baseline).</summary>
    public async Task<Order[]?> OrdersAsync(string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) return null;
        await EnsureAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<Order[]>(Json, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, ct);
        return response;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}: {body}", null, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
