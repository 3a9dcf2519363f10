using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Commerce;

/// <summary>
/// A page of a buyer's older order ids, keyed <c>{userId}/{page}</c> (page 0 holds the oldest). Written
/// once when the buyer's hot index overflows, read only when the buyer lists that far back.
/// </summary>
[Alias("IOrderPageGrain")]
public interface IOrderPageGrain : IGrainWithStringKey
{
    public static string Key(string userId, int page) => $"{userId}/{page}";

    /// <summary>Stores the page (the same ids again after a retry change nothing).</summary>
    [Alias("Store")] Task Store(string[] orderIds);
    /// <summary>Oldest first.</summary>
    [Alias("Get")] Task<string[]> Get();
}

[GenerateSerializer, Alias("OrderPageState")]
public sealed class OrderPageState
{
    [Id(0)] public string[] OrderIds { get; set; } = [];
}

public sealed class OrderPageGrain([PersistentState("orderPage", StorageNames.Live)] IPersistentState<OrderPageState> state) : Grain, IOrderPageGrain
{
    public async Task Store(string[] orderIds)
    {
        if (state.State.OrderIds.SequenceEqual(orderIds)) return;
        state.State.OrderIds = orderIds;
        await state.WriteStateAsync();
    }

    public Task<string[]> Get() => Task.FromResult(state.State.OrderIds);
}
