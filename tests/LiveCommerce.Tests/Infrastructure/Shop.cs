using System.Net.Http.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>Rooms with v1.1 products, real cart orders over the hub, and polling for follow-ups.</summary>
public static class Shop
{
    /// <summary>A live room hosted by <paramref name="hostId"/> with the given products (anonymous objects as in the HTTP API).</summary>
    public static async Task<(string RoomId, string HostToken)> RoomAsync(this LiveServer server, string hostId, params object[] products)
    {
        var hostToken = server.Token(hostId, "host");
        var created = await server.Http.SendAsync(server.Request(HttpMethod.Post, "/api/rooms", hostToken, new { title = $"{hostId}'s show" }));
        created.EnsureSuccessStatusCode();
        var roomId = (await created.Content.ReadFromJsonAsync<Room>())!.RoomId;
        foreach (var product in products)
            (await server.Http.SendAsync(server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/products", hostToken, product))).EnsureSuccessStatusCode();
        (await server.Http.SendAsync(server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/start", hostToken))).EnsureSuccessStatusCode();
        return (roomId, hostToken);
    }

    /// <summary>Cart, checkout and payment over the hub: a real paid order.</summary>
    public static async Task<Order> BuyAsync(this LiveClient buyer, string roomId, string productId, int quantity)
    {
        await buyer.Connection.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, productId, quantity);
        var order = await buyer.Connection.InvokeAsync<Order>(HubMethods.Checkout, Guid.NewGuid().ToString("N"));
        return await buyer.Connection.InvokeAsync<Order>(HubMethods.PayOrder, order.OrderId);
    }

    /// <summary>Polls an HTTP GET until the answer satisfies the condition (follow-ups arrive shortly after the call).</summary>
    public static Task<T> EventuallyAsync<T>(this LiveServer server, string path, string token, Func<T, bool> condition) =>
        Eventually.UntilAsync(async () =>
        {
            using var response = await server.Http.SendAsync(server.Request(HttpMethod.Get, path, token));
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<T>())!;
        }, condition, $"GET {path} meets the condition");
}
