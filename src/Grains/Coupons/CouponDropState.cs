using LiveCommerce.Contracts.Coupons;

namespace LiveCommerce.Grains.Coupons;

/// <summary>One drop: its terms, its claim window and its claims.</summary>
[GenerateSerializer, Alias("DropRecord")]
public sealed class DropRecord
{
    [Id(0)] public required string CouponId { get; init; }
    [Id(1)] public required CouponTerms Terms { get; init; }
    [Id(2)] public required DateTime ClaimEndsAt { get; init; }
    [Id(3)] public required ClaimLedger Ledger { get; init; }
    [Id(4)] public CouponDropStatus Status { get; set; } = CouponDropStatus.Active;
}

/// <summary>A claimed coupon on its way to the buyer's wallet.</summary>
[GenerateSerializer, Immutable, Alias("WalletDelivery")]
public sealed record WalletDelivery([property: Id(0)] string UserId, [property: Id(1)] ClaimedCoupon Coupon);

/// <summary>A room's coupon drops and the follow-ups not yet acknowledged (stored with the change that made them).</summary>
[GenerateSerializer, Alias("CouponDropState")]
public sealed class CouponDropState
{
    /// <summary>PROTOCOL.md: a room keeps at most 30 drops.</summary>
    public const int MaxDrops = 30;
    /// <summary>Ended drops shown in the snapshot beside the active one.</summary>
    public const int EndedShown = 5;

    [Id(0)] public List<DropRecord> Drops { get; set; } = [];
    /// <summary>The room's regions when the first drop was made (claims from elsewhere: regionBlocked).</summary>
    [Id(1)] public string[] SellRegions { get; set; } = [];
    /// <summary>Log events the room has not acknowledged yet, in order.</summary>
    [Id(2)] public List<CouponLogEntry> RoomOutbox { get; set; } = [];
    /// <summary>Claims the buyers' wallets have not acknowledged yet.</summary>
    [Id(3)] public List<WalletDelivery> WalletOutbox { get; set; } = [];
}
