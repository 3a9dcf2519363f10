using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Identity;

namespace LiveCommerce.Grains.Commerce;

/// <summary>
/// One flash sale's units, keyed by sale id (<c>{roomId}.s{n}</c>). The room takes the units from its
/// shelf and opens the sale with them; the single activation makes <c>remaining ≥ 0</c> and the
/// per-user limit exact; purchases are group-committed and acknowledged only once stored. What the
/// sale sells, gives back and reports goes out through its outbox.
/// </summary>
[Alias("IFlashSaleGrain")]
public interface IFlashSaleGrain : IGrainWithStringKey
{
    [Alias("Open")] Task<FlashSale> Open(SaleTerms terms);
    [Alias("Buy")] Task<PurchaseResult> Buy(Caller caller, int quantity, string? idempotencyKey);
    [Alias("End")] Task End(FlashSaleEndReason reason);
    [Alias("Get")] Task<FlashSale> Get();
    /// <summary>Turns a held reservation into a sale; returns the order status that results.</summary>
    [Alias("Confirm")] Task<OrderStatus> Confirm(string orderId, string userId);
    /// <summary>Gives a held reservation's units back; returns the order status that results.</summary>
    [Alias("Release")] Task<OrderStatus> Release(string orderId, string userId, OrderStatus status);
    [Alias("Audit")] Task<SaleAudit> Audit();
}

/// <summary>What the room hands a new sale (its units already taken from the shelf under the sale id).</summary>
[GenerateSerializer, Immutable, Alias("SaleTerms")]
public sealed record SaleTerms(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string ProductId,
    [property: Id(2)] string ProductName,
    [property: Id(3)] decimal Price,
    [property: Id(4)] string Currency,
    [property: Id(5)] int Quantity,
    [property: Id(6)] int PerUserLimit,
    [property: Id(7)] DateTime EndsAt,
    [property: Id(8)] string[] SellRegions)
{
    /// <summary>v1.1 pre-heat: when the sale opens (null: at once); <see cref="EndsAt"/> counts from it.</summary>
    [Id(9)] public DateTime? StartsAt { get; init; }
}

/// <summary>A sale's books: sold + held + remaining + returned (to the product, after the end) = quantity, always.</summary>
[GenerateSerializer, Immutable, Alias("SaleAudit")]
public sealed record SaleAudit(
    [property: Id(0)] int Quantity,
    [property: Id(1)] int Sold,
    [property: Id(2)] int Held,
    [property: Id(3)] int Remaining,
    [property: Id(4)] Dictionary<string, int> UnitsPerUser,
    [property: Id(5)] FlashSaleStatus Status,
    [property: Id(6)] int Returned = 0,
    [property: Id(7)] int FollowUpsPending = 0,
    [property: Id(8)] FlashSaleEndReason? EndReason = null)
{
    public bool Balances => Quantity == Sold + Held + Remaining + Returned;

    /// <summary>Reservations and idempotency keys in hot state (closed ones leave once their order has heard).</summary>
    [Id(9)] public int ReservationsKept { get; init; }
    [Id(10)] public int KeysKept { get; init; }
}
