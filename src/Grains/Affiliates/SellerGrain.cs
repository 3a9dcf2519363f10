using LiveCommerce.Contracts.Affiliates;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Affiliates;

[GenerateSerializer, Alias("SellerState")]
public sealed class SellerState
{
    [Id(0)] public Dictionary<string, Order> Orders { get; set; } = [];
}

/// <summary>A seller's paid orders (those holding at least one of their products), written by the order's follow-up.</summary>
public sealed class SellerGrain([PersistentState("seller", StorageNames.Live)] IPersistentState<SellerState> state) : Grain, ISellerGrain
{
    public async Task Record(Order order)
    {
        if (state.State.Orders.TryGetValue(order.OrderId, out var known) && known == order) return;
        state.State.Orders[order.OrderId] = order;
        await state.WriteStateAsync();
    }

    public Task<Order[]> ListOrders() =>
        Task.FromResult(state.State.Orders.Values.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.OrderId, StringComparer.Ordinal).ToArray());
}
