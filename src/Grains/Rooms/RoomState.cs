using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Moderation;
using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Rooms;

/// <summary>What a room persists on a change: its definition, the shelf's products as last pushed, pin, counters (the log is in <see cref="SegmentedLog"/>).</summary>
[GenerateSerializer, Alias("RoomState")]
public sealed class RoomState
{
    [Id(0)] public Room? Room { get; set; }
    [Id(1)] public List<Product> Products { get; set; } = [];
    [Id(2)] public string? PinnedProductId { get; set; }
    /// <summary>The last log event's seq.</summary>
    [Id(3)] public long Seq { get; set; }
    // Id 4 was the log, now stored apart (SegmentedLog).
    [Id(5)] public long Likes { get; set; }
    [Id(6)] public long Comments { get; set; }
    [Id(7)] public List<CommentData> RecentComments { get; set; } = [];
    [Id(8)] public int SlowModeSeconds { get; set; }
    [Id(9)] public Dictionary<string, DateTime> MutedUntil { get; set; } = [];
    /// <summary>The room's flash sales as its snapshot shows them (the sale grains own their stock).</summary>
    [Id(10)] public List<FlashSale> FlashSales { get; set; } = [];
    [Id(11)] public int SaleCounter { get; set; }
    // Id 12 was the cart holds, now on the shelf (ShelfGrain).
    /// <summary>The shelf's version that <see cref="Products"/> shows (the shelf pushes newer ones).</summary>
    [Id(13)] public long ShelfVersion { get; set; }
    /// <summary>Whether the shelf has acknowledged the room's current status and regions (retried until it has).</summary>
    [Id(14)] public bool ShelfHasTerms { get; set; }

    // Auctions and giveaways (Ids from 30 leave room for other features).
    /// <summary>Slot → the auction or giveaway running in it, and since when.</summary>
    [Id(30)] public Dictionary<StageSlot, string> ActiveMechanics { get; set; } = [];
    [Id(31)] public Dictionary<StageSlot, DateTime> MechanicOpenedAt { get; set; } = [];
    /// <summary>The active giveaway's entry keyword: matching comments are forwarded to it.</summary>
    [Id(32)] public string? GiveawayKeyword { get; set; }
    /// <summary>For the snapshot: the active auction and the last ended ones, oldest first.</summary>
    [Id(33)] public List<Contracts.Auctions.Auction> Auctions { get; set; } = [];
    [Id(34)] public List<Contracts.Giveaways.Giveaway> Giveaways { get; set; } = [];
    /// <summary>Mechanic id → the number of its last appended log event (a resent batch appends nothing twice).</summary>
    [Id(35)] public Dictionary<string, long> MechanicEventsAppended { get; set; } = [];
    /// <summary>v1.1: the coupon board for snapshots and the keys of the coupon log events already appended.</summary>
    [Id(40)] public RoomCouponBoard CouponBoard { get; set; } = new();
    /// <summary>Users the host appointed to moderate this room (v1.1); no power in other rooms. (Ids 60+: trust.)</summary>
    [Id(60)] public HashSet<string> Moderators { get; set; } = [];
    /// <summary>The room's own blocked words and its shadow bans (v1.1).</summary>
    [Id(61)] public RoomModeration Moderation { get; set; } = new();
    /// <summary>The room ended and its coupon drop grain has acknowledged that no drop takes claims any more.</summary>
    [Id(62)] public bool CouponsEndedWithRoom { get; set; }
    /// <summary>v1.1: the epoch of this room's log (<see cref="RoomEpochs"/>); null only before the room exists. (Ids 80+: resilience.)</summary>
    [Id(80)] public string? Epoch { get; set; }
    /// <summary>Follow-ups of acknowledged comments (comment-to-buy), stored with the comment and delivered until carried out.</summary>
    [Id(81)] public OutboxState Outbox { get; set; } = new();
}

/// <summary>
/// The audit log of moderation actions (v1.1), kept apart from <see cref="RoomState"/> so a comment does
/// not rewrite up to a thousand entries; written with the room in the same group commit.
/// </summary>
[GenerateSerializer, Alias("ModerationLogState")]
public sealed class ModerationLogState
{
    [Id(0)] public ModerationAudit Audit { get; set; } = new();
}

/// <summary>
/// The audience figures that must outlive the activation: who has ever watched (distinct views)
/// and the peak. Kept apart from <see cref="RoomState"/> so a comment does not rewrite the viewer set.
/// </summary>
[GenerateSerializer, Alias("AudienceState")]
public sealed class AudienceState
{
    [Id(0)] public HashSet<string> DistinctUsers { get; set; } = [];
    [Id(1)] public long GuestViews { get; set; }
    [Id(2)] public int Peak { get; set; }

    /// <summary>Adds a report's users and guest joins and the current audience's peak; false when nothing changed.</summary>
    public bool Record(PresenceReport report, int current)
    {
        var changed = false;
        foreach (var user in report.Visited.Concat(report.Joined)) changed |= DistinctUsers.Add(user);
        if (report.GuestJoins > 0)
        {
            GuestViews += report.GuestJoins;
            changed = true;
        }
        if (current > Peak)
        {
            Peak = current;
            changed = true;
        }
        return changed;
    }
}
