using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Shelf;

namespace LiveCommerce.Grains.Rooms;

/// <summary>How a room shows itself: the snapshot, the host's figures, its line in the room directory.</summary>
public static class RoomViews
{
    public static ViewerCounts Counts(AudienceState audience, int current) => new()
    {
        Current = current,
        Peak = audience.Peak,
        TotalViews = audience.DistinctUsers.Count + audience.GuestViews,
    };

    /// <summary>The snapshot of a room's state (the grain caches it until the state changes; viewers and likes are filled in per call).</summary>
    public static RoomSnapshot Snapshot(RoomState s) => new()
    {
        Room = s.Room!,
        Seq = s.Seq,
        Epoch = s.Epoch ?? "",
        Viewers = new ViewerCounts(),
        Likes = s.Likes,
        Pinned = s.PinnedProductId is { } pinned ? s.Products.Find(p => p.ProductId == pinned) : null,
        Products = [.. s.Products],
        FlashSales = [.. s.FlashSales],
        RecentComments = [.. s.RecentComments],
        Auctions = [.. s.Auctions],
        Giveaways = [.. s.Giveaways],
        Coupons = s.CouponBoard.Drops,
    };

    /// <summary>Sales figures (GMV, orders) from the shelf, the audience and chat from the room.</summary>
    public static RoomStats Stats(RoomState s, ViewerCounts counts, ShelfFigures figures) => new()
    {
        ViewersNow = counts.Current,
        PeakViewers = counts.Peak,
        TotalViews = counts.TotalViews,
        Comments = s.Comments,
        Likes = s.Likes,
        AddToCarts = figures.AddToCarts,
        Orders = figures.Orders,
        UnitsSold = figures.UnitsSold,
        Gmv = figures.Gmv,
        ConversionRate = counts.TotalViews == 0 ? 0 : Math.Round((double)figures.PayingBuyers / counts.TotalViews, 4),
    };

    /// <summary>v1.1: scheduled and ended rooms are listed too (GET /api/rooms?status=); only a live room has viewers.</summary>
    public static RoomListing Listing(Room room, int viewers) => new()
    {
        RoomId = room.RoomId, Title = room.Title, HostId = room.HostId, Status = room.Status,
        Viewers = room.Status == RoomStatus.Live ? viewers : 0,
        ScheduledAt = room.ScheduledAt, CoverImageUrl = room.CoverImageUrl, CreatedAt = room.CreatedAt, EndedAt = room.EndedAt,
    };
}
