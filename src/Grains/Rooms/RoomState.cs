using LiveCommerce.Commerce;
using LiveCommerce.Realtime;

namespace LiveCommerce.Rooms;

/// <summary>What a room persists on every change: its definition, products, pin and the room log.</summary>
[GenerateSerializer, Alias("RoomState")]
public sealed class RoomState
{
    [Id(0)] public Room? Room { get; set; }
    [Id(1)] public List<Product> Products { get; set; } = [];
    [Id(2)] public string? PinnedProductId { get; set; }
    /// <summary>The last log event's seq.</summary>
    [Id(3)] public long Seq { get; set; }
    /// <summary>The newest log events, oldest first (a window of at least <see cref="RoomOptions.LogCapacity"/>).</summary>
    [Id(4)] public List<RoomEvent> Log { get; set; } = [];
    [Id(5)] public long Likes { get; set; }
    [Id(6)] public long Comments { get; set; }
    [Id(7)] public List<CommentData> RecentComments { get; set; } = [];
    [Id(8)] public int SlowModeSeconds { get; set; }
    [Id(9)] public Dictionary<string, DateTime> MutedUntil { get; set; } = [];
    [Id(10)] public List<FlashSale> FlashSales { get; set; } = [];
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
