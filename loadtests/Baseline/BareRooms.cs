using System.Collections.Concurrent;
using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LoadTests.Baseline;

/// <summary>
/// The bare hub's whole "business": a seq counter, a like total and a stock counter per room, and the
/// fan-out itself. Either one message per event (<c>frameMs = 0</c>) or every <c>frameMs</c> one frame
/// with all the events gathered since the last. No grains, no storage: the stack's limit.
/// </summary>
public sealed class BareRooms(IHubContext<BareHub> hub, BareOptions options)
{
    public sealed class RoomState
    {
        public readonly object Gate = new();
        public long Seq;
        public long Likes;
        public int Remaining;
        public int CouponsLeft;
        public Auction? Auction;
        public CouponDrop? Coupon;
        public List<RoomEvent> Pending = [];
        public bool Flushing;
    }

    private readonly ConcurrentDictionary<string, RoomState> _rooms = new();
    private int _created;

    public static readonly Product[] Products =
        [.. new[] { "p1", "p2", "p3" }.Select(p => new Product { ProductId = p, Name = p, Price = 9.99m, Currency = "USD", Stock = 1_000 })];

    public RoomState Room(string roomId) => _rooms.GetOrAdd(roomId, _ => new RoomState());

    public string NewRoomId() => $"bare-{Interlocked.Increment(ref _created)}";

    public RoomSnapshot Snapshot(string roomId)
    {
        var room = Room(roomId);
        return new RoomSnapshot
        {
            Room = new Room { RoomId = roomId, Title = roomId, HostId = "bare", Status = RoomStatus.Live, SellRegions = [], CreatedAt = DateTime.UtcNow },
            Seq = Interlocked.Read(ref room.Seq),
            Viewers = new ViewerCounts(),
            Likes = Interlocked.Read(ref room.Likes),
            Products = Products,
            FlashSales = [],
            RecentComments = [],
        };
    }

    /// <summary>A log event: numbered and sent under the room's lock so that seq order is send order.</summary>
    public long PublishLog(string roomId, string type, object data)
    {
        var room = Room(roomId);
        lock (room.Gate)
        {
            var seq = ++room.Seq;
            Publish(roomId, room, new RoomEvent { Seq = seq, Type = type, At = DateTime.UtcNow, Data = data });
            return seq;
        }
    }

    public void PublishState(string roomId, string type, object data)
    {
        var room = Room(roomId);
        lock (room.Gate) Publish(roomId, room, new RoomEvent { Seq = null, Type = type, At = DateTime.UtcNow, Data = data });
    }

    private void Publish(string roomId, RoomState room, RoomEvent evt)
    {
        if (options.FrameMs <= 0)
        {
            _ = hub.Clients.Group(roomId).SendAsync(HubMethods.RoomFrame, new RoomFrame { RoomId = roomId, Events = [evt] });
            return;
        }
        room.Pending.Add(evt);
        if (room.Flushing) return;
        room.Flushing = true;
        _ = Task.Run(() => FlushLoopAsync(roomId, room));
    }

    private async Task FlushLoopAsync(string roomId, RoomState room)
    {
        while (true)
        {
            await Task.Delay(options.FrameMs);
            List<RoomEvent> batch;
            lock (room.Gate)
            {
                if (room.Pending.Count == 0)
                {
                    room.Flushing = false;
                    return;
                }
                batch = room.Pending;
                room.Pending = [];
            }
            await hub.Clients.Group(roomId).SendAsync(HubMethods.RoomFrame, new RoomFrame { RoomId = roomId, Events = [.. batch] });
        }
    }

    public PurchaseResult Buy(string roomId, int quantity)
    {
        var room = Room(roomId);
        var left = Interlocked.Add(ref room.Remaining, -quantity);
        if (left >= 0) return new PurchaseResult { Status = PurchaseStatus.Reserved, OrderId = Guid.NewGuid().ToString("N"), Remaining = left };
        Interlocked.Add(ref room.Remaining, quantity);
        return new PurchaseResult { Status = PurchaseStatus.SoldOut, Remaining = 0 };
    }

    public Auction StartAuction(string roomId, StartAuctionRequest request)
    {
        var auction = new Auction
        {
            AuctionId = $"auction-{roomId}", ProductId = request.ProductId ?? "p1", Currency = "USD", StartingBid = request.StartingBid,
            Bids = 0, MinNextBid = request.StartingBid, EndsAt = DateTime.UtcNow.AddSeconds(request.DurationSeconds),
            CounterBidSeconds = request.CounterBidSeconds ?? 10, SuddenDeath = request.SuddenDeath ?? false, Status = AuctionStatus.Active,
        };
        Room(roomId).Auction = auction;
        return auction;
    }

    public CouponDrop DropCoupon(string roomId, DropCouponRequest request)
    {
        var room = Room(roomId);
        Interlocked.Exchange(ref room.CouponsLeft, request.Quota);
        var drop = new CouponDrop
        {
            CouponId = $"coupon-{roomId}", DiscountType = request.DiscountType ?? DiscountType.Amount, DiscountValue = request.DiscountValue,
            MinSpend = 0, Quota = request.Quota, Remaining = request.Quota, PerUserLimit = request.PerUserLimit ?? 1,
            ClaimEndsAt = DateTime.UtcNow.AddSeconds(request.ClaimSeconds), ProductIds = [], Status = CouponDropStatus.Active, ValidSeconds = 86_400,
        };
        room.Coupon = drop;
        return drop;
    }

    /// <summary>A counter, like <see cref="Buy"/>; the bare hub has one identity, so it keeps no per-user limit.</summary>
    public ClaimCouponResult Claim(string roomId)
    {
        var room = Room(roomId);
        if (Interlocked.Decrement(ref room.CouponsLeft) >= 0) return new ClaimCouponResult { Status = ClaimStatus.Claimed };
        Interlocked.Increment(ref room.CouponsLeft);
        return new ClaimCouponResult { Status = ClaimStatus.SoldOut };
    }
}

public sealed record BareOptions(int FrameMs);
