using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Connection;

/// <summary>The HTTP API of PROTOCOL.md that the sample uses: room setup for hosts, stats, orders.</summary>
public sealed class RoomsApi(HttpClient http, string? token)
{
    public Task<Room> CreateRoomAsync(CreateRoomRequest request, CancellationToken ct) =>
        HttpJson.SendAsync<Room>(http, HttpMethod.Post, "api/rooms", request, token, ct);

    public Task<Product> AddProductAsync(string roomId, AddProductRequest request, CancellationToken ct) =>
        HttpJson.SendAsync<Product>(http, HttpMethod.Post, $"api/rooms/{Uri.EscapeDataString(roomId)}/products", request, token, ct);

    public Task<Room> StartAsync(string roomId, CancellationToken ct) =>
        HttpJson.SendAsync<Room>(http, HttpMethod.Post, $"api/rooms/{Uri.EscapeDataString(roomId)}/start", body: null, token, ct);

    public Task<Room> EndAsync(string roomId, CancellationToken ct) =>
        HttpJson.SendAsync<Room>(http, HttpMethod.Post, $"api/rooms/{Uri.EscapeDataString(roomId)}/end", body: null, token, ct);

    public Task<RoomStats> GetStatsAsync(string roomId, CancellationToken ct) =>
        HttpJson.SendAsync<RoomStats>(http, HttpMethod.Get, $"api/rooms/{Uri.EscapeDataString(roomId)}/stats", body: null, token, ct);

    public Task<Order[]> GetOrdersAsync(CancellationToken ct) =>
        HttpJson.SendAsync<Order[]>(http, HttpMethod.Get, "api/orders", body: null, token, ct);
}
