using LiveCommerce.Contracts.Affiliates;
using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Affiliates;

[GenerateSerializer, Alias("CreatorState")]
public sealed class CreatorState
{
    /// <summary>By <c>orderId/roomId</c>, so a retried follow-up replaces rather than adds.</summary>
    [Id(0)] public Dictionary<string, Earning> Earnings { get; set; } = [];
}

/// <summary>
/// A creator's ledger: one entry per paid order and room, written by the order's follow-up. Earnings
/// are summed from it (never from a scan of all orders).
/// </summary>
public sealed class CreatorGrain([PersistentState("creator", StorageNames.Live)] IPersistentState<CreatorState> state) : Grain, ICreatorGrain
{
    public async Task Record(Earning earning)
    {
        var key = $"{earning.OrderId}/{earning.RoomId}";
        if (state.State.Earnings.TryGetValue(key, out var known) && known == earning) return;
        state.State.Earnings[key] = earning;
        await state.WriteStateAsync();
    }

    public Task<CreatorEarnings> GetEarnings(DateTime? from, DateTime? to)
    {
        var earnings = state.State.Earnings.Values.Where(e => (from is null || e.PaidAt >= from) && (to is null || e.PaidAt < to)).ToList();
        var byRoom = earnings.GroupBy(e => e.RoomId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new RoomEarnings
        {
            RoomId = g.Key,
            Orders = g.Select(e => e.OrderId).Distinct().Count(),
            PaidTotal = g.Sum(e => e.PaidTotal),
            Commission = g.Sum(e => e.Commission),
        }).ToArray();
        return Task.FromResult(new CreatorEarnings
        {
            Orders = earnings.Select(e => e.OrderId).Distinct().Count(),
            PaidTotal = earnings.Sum(e => e.PaidTotal),
            Commission = earnings.Sum(e => e.Commission),
            ByRoom = byRoom,
        });
    }
}
