using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Commerce;

[GenerateSerializer, Alias("Reservation")]
public sealed class Reservation
{
    [Id(0)] public required string UserId { get; set; }
    [Id(1)] public required int Quantity { get; set; }
    [Id(2)] public required DateTime ExpiresAt { get; set; }
    /// <summary>pendingPayment (held), paid (sold), expired or cancelled (given back).</summary>
    [Id(3)] public required OrderStatus Status { get; set; }
    [Id(4)] public required string IdempotencyKey { get; set; }
    [Id(5)] public required DateTime CreatedAt { get; set; }
    /// <summary>The buyer's display name, for social proof.</summary>
    [Id(6)] public string? BuyerName { get; set; }
}

/// <summary>A flash sale's persisted books.</summary>
[GenerateSerializer, Alias("FlashSaleState")]
public sealed class FlashSaleState
{
    [Id(0)] public SaleTerms? Terms { get; set; }
    /// <summary>Units anyone can still buy: not held, not sold, not given back.</summary>
    [Id(1)] public int Remaining { get; set; }
    [Id(2)] public int Sold { get; set; }
    [Id(3)] public FlashSaleStatus Status { get; set; } = FlashSaleStatus.Active;
    [Id(4)] public FlashSaleEndReason? EndReason { get; set; }
    // Id 5 was EndReported, now a follow-up in the outbox.
    /// <summary>Open reservations, and closed ones until their order has recorded how they closed (then compacted into <see cref="Buyers"/>).</summary>
    [Id(6)] public Dictionary<string, Reservation> Reservations { get; set; } = [];
    /// <summary>(user, idempotency key) → order id of the reservations above, so that a retry returns the first reservation.</summary>
    [Id(7)] public Dictionary<string, string> OrderByKey { get; set; } = [];
    /// <summary>Units given back to the product's stock: the unsold ones at the end, then each hold released after it.</summary>
    [Id(8)] public int Returned { get; set; }
    [Id(9)] public OutboxState Outbox { get; set; } = new();
    /// <summary>
    /// Per buyer, what their compacted reservations leave behind: units paid (for the per-user limit) and
    /// how many closed (a retried key of theirs may name a compacted one: its order record answers).
    /// </summary>
    [Id(10)] public Dictionary<string, SaleBuyer> Buyers { get; set; } = [];
}

[GenerateSerializer, Alias("SaleBuyer")]
public sealed class SaleBuyer
{
    [Id(0)] public int PaidUnits { get; set; }
    [Id(1)] public int Closed { get; set; }
}

/// <summary>Units of the sale's shelf hold sold or given back to the product (idempotent by move id on the shelf).</summary>
[GenerateSerializer, Alias("SettleOnShelf")]
public sealed record SettleOnShelf([property: Id(0)] string MoveId, [property: Id(1)] int Sold, [property: Id(2)] int Returned) : FollowUp;

/// <summary>The room must log the opening of a pre-heated sale.</summary>
[GenerateSerializer, Alias("SaleOpened")]
public sealed record SaleOpened : FollowUp;

/// <summary>The room must log the sale's end.</summary>
[GenerateSerializer, Alias("SaleEnded")]
public sealed record SaleEnded([property: Id(0)] int Sold, [property: Id(1)] FlashSaleEndReason Reason) : FollowUp;
