namespace LiveCommerce.Commerce;

[GenerateSerializer, Alias("Reservation")]
public sealed class Reservation
{
    [Id(0)] public required string UserId { get; set; }
    [Id(1)] public required int Quantity { get; set; }
    [Id(2)] public required DateTime ExpiresAt { get; set; }
    /// <summary>An <see cref="OrderStatus"/>: pendingPayment (held), paid (sold), expired or cancelled (returned).</summary>
    [Id(3)] public required string Status { get; set; }
    [Id(4)] public required string IdempotencyKey { get; set; }
    [Id(5)] public required DateTime CreatedAt { get; set; }
}

/// <summary>A flash sale's persisted books.</summary>
[GenerateSerializer, Alias("FlashSaleState")]
public sealed class FlashSaleState
{
    [Id(0)] public SaleTerms? Terms { get; set; }
    [Id(1)] public int Remaining { get; set; }
    [Id(2)] public int Sold { get; set; }
    [Id(3)] public string Status { get; set; } = FlashSaleStatus.Active;
    [Id(4)] public string? EndReason { get; set; }
    /// <summary>Whether the room has taken note of the end (retried until it has).</summary>
    [Id(5)] public bool EndReported { get; set; }
    [Id(6)] public Dictionary<string, Reservation> Reservations { get; set; } = [];
    /// <summary>(user, idempotency key) → order id, so that a retry returns the first reservation.</summary>
    [Id(7)] public Dictionary<string, string> OrderByKey { get; set; } = [];
}
