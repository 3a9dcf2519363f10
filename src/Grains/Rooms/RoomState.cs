using LiveCommerce.Commerce;
using LiveCommerce.Realtime;

namespace LiveCommerce.Rooms;

/// <summary>What a room persists on a change: its definition, products, pin, counters (the log is in <see cref="SegmentedLog"/>).</summary>
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
    [Id(10)] public List<FlashSale> FlashSales { get; set; } = [];
    [Id(11)] public int SaleCounter { get; set; }
    /// <summary>Product stock held by unpaid cart orders, by order id.</summary>
    [Id(12)] public Dictionary<string, StockHold> Holds { get; set; } = [];
    /// <summary>v1.1: the coupon board for snapshots and the keys of the coupon log events already appended.</summary>
    [Id(40)] public RoomCouponBoard CouponBoard { get; set; } = new();
}

[GenerateSerializer, Alias("StockHold")]
public sealed class StockHold
{
    [Id(0)] public required string UserId { get; set; }
    [Id(1)] public required LineItem[] Lines { get; set; }
    [Id(2)] public required DateTime ExpiresAt { get; set; }
    [Id(3)] public required string Status { get; set; }
}

/// <summary>The room's selling figures (kept apart so that a comment does not rewrite them).</summary>
[GenerateSerializer, Alias("RoomCommerceState")]
public sealed class RoomCommerceState
{
    [Id(0)] public long AddToCarts { get; set; }
    [Id(1)] public HashSet<string> PlacedOrders { get; set; } = [];
    [Id(2)] public HashSet<string> PaidOrders { get; set; } = [];
    [Id(3)] public long UnitsSold { get; set; }
    [Id(4)] public decimal Gmv { get; set; }
    [Id(5)] public HashSet<string> PayingBuyers { get; set; } = [];
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
}
