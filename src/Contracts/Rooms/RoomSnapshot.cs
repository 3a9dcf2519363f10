using System.Runtime.Serialization;
using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Realtime;

namespace LiveCommerce.Contracts.Rooms;

/// <summary>Everything a client needs to draw a room; <c>seq</c> is the last log event it reflects.</summary>
[GenerateSerializer, Immutable, Alias("RoomSnapshot"), DataContract]
public sealed record RoomSnapshot
{
    [Id(0), DataMember(Name = "room")] public required Room Room { get; init; }
    [Id(1), DataMember(Name = "seq")] public required long Seq { get; init; }
    [Id(2), DataMember(Name = "viewers")] public required ViewerCounts Viewers { get; init; }
    [Id(3), DataMember(Name = "likes")] public required long Likes { get; init; }
    [Id(4), DataMember(Name = "pinned")] public Product? Pinned { get; init; }
    [Id(5), DataMember(Name = "products")] public required Product[] Products { get; init; }
    [Id(6), DataMember(Name = "flashSales")] public required FlashSale[] FlashSales { get; init; }
    [Id(7), DataMember(Name = "recentComments")] public required CommentData[] RecentComments { get; init; }
    // Ids 30+ leave room for the fields other v1.1 features add in between.
    /// <summary>The active auction and the last 5 ended.</summary>
    [Id(30), DataMember(Name = "auctions")] public Auction[] Auctions { get; init; } = [];
    /// <summary>The active giveaway and the last 5 ended.</summary>
    [Id(31), DataMember(Name = "giveaways")] public Giveaway[] Giveaways { get; init; } = [];
    /// <summary>v1.1: the active coupon drop and the last 5 ended.</summary>
    [Id(40), DataMember(Name = "coupons")] public Coupons.CouponDrop[] Coupons { get; init; } = [];
    /// <summary>
    /// v1.1: the epoch of the room's log. It changes only when the log was lost and restarted at a lower
    /// seq; a client holding another epoch takes a fresh snapshot instead of resuming.
    /// </summary>
    [Id(80), DataMember(Name = "epoch")] public string Epoch { get; init; } = "";
}
