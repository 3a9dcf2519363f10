using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Identity;

namespace LiveCommerce.Grains.Coupons;

/// <summary>
/// A room's coupon drops, keyed by room id: at most one active drop, at most
/// <see cref="CouponDropState.MaxDrops"/> in all. The claim stampede is decided here, in one turn per
/// claim, and acknowledged once stored.
/// </summary>
[Alias("ICouponDropGrain")]
public interface ICouponDropGrain : IGrainWithStringKey
{
    [Alias("Drop")] Task<CouponDrop> Drop(Caller caller, DropCouponRequest? request);
    [Alias("Claim")] Task<ClaimCouponResult> Claim(Caller caller, string? couponId);
    /// <summary>The active drop and the last ended ones, newest last.</summary>
    [Alias("Board")] Task<CouponDrop[]> Board();
    /// <summary>From the room, which ended: the active drop stops taking claims (claimed coupons stay valid); idempotent.</summary>
    [Alias("EndWithRoom")] Task EndWithRoom();
}

/// <summary>What the room (the sequencer) does for the coupon grain.</summary>
[Alias("IRoomCouponBoard")]
public interface IRoomCouponBoard : IGrainWithStringKey
{
    /// <summary>
    /// Appends the log events (each once: a retry with the same keys appends nothing) and shows
    /// <paramref name="board"/> in snapshots; completes once stored.
    /// </summary>
    [Alias("PostCouponEvents")] Task PostCouponEvents(CouponLogEntry[] events, CouponBoardView board);
    /// <summary>The latest board for snapshots (remaining counts): not worth a write of its own.</summary>
    [Alias("ShowCoupons"), Orleans.Concurrency.OneWay] Task ShowCoupons(CouponBoardView board);
}

/// <summary>The drops a snapshot shows; a board older than the one shown (messages may overtake) is ignored.</summary>
[GenerateSerializer, Immutable, Alias("CouponBoardView")]
public sealed record CouponBoardView([property: Id(0)] CouponDrop[] Drops, [property: Id(1)] long Version);

/// <summary>A log event waiting to be appended to the room; <see cref="Key"/> makes the append idempotent.</summary>
[GenerateSerializer, Immutable, Alias("CouponLogEntry")]
public sealed record CouponLogEntry(
    [property: Id(0)] string Key,
    [property: Id(1)] string Type,
    [property: Id(2)] object Data);
