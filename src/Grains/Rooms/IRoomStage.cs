using LiveCommerce.Contracts.Identity;

namespace LiveCommerce.Grains.Rooms;

/// <summary>The mechanics a room runs one at a time: one active auction, one active giveaway.</summary>
public enum StageSlot { Auction, Giveaway }

/// <summary>
/// What the room offers the auction and giveaway grains (grain to grain, never to clients): the one
/// active slot per kind, the sequencing of their log events, the snapshot's view of them, the viewers'
/// watch time. Their units come from the shelf. Every method is idempotent, so the mechanics can retry
/// each follow-up until it is acknowledged.
/// </summary>
[Alias("IRoomStage")]
public interface IRoomStage : IGrainWithStringKey
{
    /// <summary>The host takes the slot for <paramref name="mechanicId"/>: room live, slot free (else <c>conflict</c>).</summary>
    [Alias("OpenSlot")] Task<StageTicket> OpenSlot(Caller caller, StageSlot slot, string mechanicId, string? keyword);
    /// <summary>Frees the slot when its opening failed part-way.</summary>
    [Alias("ReleaseSlot")] Task ReleaseSlot(StageSlot slot, string mechanicId);
    /// <summary>Appends the mechanic's log events not yet appended (by number) and records its latest view.</summary>
    [Alias("Apply")] Task Apply(StageUpdate update);
    /// <summary>Time the user has been in the room since the active giveaway started (hosts' presence reports).</summary>
    [Alias("WatchedSince")] Task<TimeSpan> WatchedSince(string userId);

}

[GenerateSerializer, Immutable, Alias("StageTicket")]
public sealed record StageTicket(
    [property: Id(0)] string HostId,
    [property: Id(1)] string[] SellRegions);

/// <summary>A log event of a mechanic, numbered by the mechanic so that a resent batch appends nothing twice.</summary>
[GenerateSerializer, Immutable, Alias("StageEvent")]
public sealed record StageEvent(
    [property: Id(0)] long Number,
    [property: Id(1)] string Type,
    [property: Id(2)] object Data);

/// <param name="View">The mechanic as the snapshot shows it (an <c>Auction</c> or a <c>Giveaway</c>).</param>
/// <param name="Ended">The mechanic is over: the slot is free again.</param>
[GenerateSerializer, Immutable, Alias("StageUpdate")]
public sealed record StageUpdate(
    [property: Id(0)] StageSlot Slot,
    [property: Id(1)] string MechanicId,
    [property: Id(2)] StageEvent[] Events,
    [property: Id(3)] object View,
    [property: Id(4)] bool Ended);
