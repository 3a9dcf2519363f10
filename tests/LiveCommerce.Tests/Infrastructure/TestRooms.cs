using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>Live rooms on the test cluster, as the grain tests set them up.</summary>
public static class TestRooms
{
    /// <summary>A new room id with a prefix naming the test class (so a failing test's logs are easy to follow).</summary>
    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Created by <paramref name="host"/> with <paramref name="request"/>, the products added, then started.</summary>
    public static async Task<ILiveRoomGrain> LiveRoomAsync(this IGrainFactory grains, Caller host, string roomId, CreateRoomRequest request, params AddProductRequest[] products)
    {
        var room = grains.GetGrain<ILiveRoomGrain>(roomId);
        await room.Create(host, request);
        foreach (var product in products) await room.AddProduct(host, product);
        await room.Start(host);
        return room;
    }

    /// <summary>A product in US dollars named after its id.</summary>
    public static AddProductRequest Product(string productId, decimal price, int stock = 100) =>
        new() { ProductId = productId, Name = char.ToUpperInvariant(productId[0]) + productId[1..], Price = price, Currency = "USD", Stock = stock };
}
