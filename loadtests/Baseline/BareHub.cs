using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LoadTests.Baseline;

/// <summary>
/// The baseline: a bare SignalR hub speaking the same method names and wire types as LiveCommerce (so the
/// same scenarios drive it), with none of its work: no auth, no grains, no rules, no storage.
/// <c>Echo</c> (and the echo-like <c>BuyFlashSale</c>, <c>PlaceBid</c>, <c>ClaimCoupon</c>) give the plain hub-call rate.
/// </summary>
public sealed class BareHub(BareRooms rooms) : Hub
{
    public async Task<RoomSnapshot> JoinRoom(string roomId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, roomId);
        return rooms.Snapshot(roomId);
    }

    public Task LeaveRoom(string roomId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, roomId);

    public SendCommentResult SendComment(string roomId, string text)
    {
        var id = Guid.NewGuid().ToString("N");
        var seq = rooms.PublishLog(roomId, EventTypes.Comment, new CommentData { CommentId = id, UserId = "bare", Name = "bare", Text = text });
        return new SendCommentResult { CommentId = id, Seq = seq };
    }

    public void PinProduct(string roomId, string productId) =>
        rooms.PublishLog(roomId, EventTypes.Pinned, new PinnedData { Product = BareRooms.Products.FirstOrDefault(p => p.ProductId == productId) ?? BareRooms.Products[0] });

    public void Like(string roomId, int taps)
    {
        var total = Interlocked.Add(ref rooms.Room(roomId).Likes, taps);
        rooms.PublishState(roomId, EventTypes.Likes, new LikesData { Total = total });
    }

    public StartFlashSaleResult StartFlashSale(string roomId, FlashSaleRequest request)
    {
        Interlocked.Exchange(ref rooms.Room(roomId).Remaining, request.Quantity);
        return new StartFlashSaleResult { SaleId = $"sale-{roomId}", EndsAt = DateTime.UtcNow.AddSeconds(request.DurationSeconds) };
    }

    public PurchaseResult BuyFlashSale(string roomId, string saleId, int quantity, string idempotencyKey) => rooms.Buy(roomId, quantity);

    public Order PayOrder(string orderId) => new()
    {
        OrderId = orderId, UserId = "bare", RoomId = "bare", Lines = [], Total = 0, Currency = "USD",
        Status = OrderStatus.Paid, CreatedAt = DateTime.UtcNow, HoldExpiresAt = DateTime.UtcNow,
    };

    public Auction StartAuction(string roomId, StartAuctionRequest request) => rooms.StartAuction(roomId, request);

    /// <summary>Echo-like: every bid "leads" and changes nothing, so the auction load measures the plain hub-call rate.</summary>
    public BidResult PlaceBid(string roomId, string auctionId, decimal amount, decimal? maxAmount) =>
        new() { Status = BidStatus.Leading, Auction = rooms.Room(roomId).Auction ?? throw new HubException("not_found: no auction") };

    public CouponDrop DropCoupon(string roomId, DropCouponRequest request) => rooms.DropCoupon(roomId, request);

    public ClaimCouponResult ClaimCoupon(string roomId, string couponId) => rooms.Claim(roomId);

    public ClaimedCoupon[] GetCoupons() => [];

    public string Echo(string text) => text;
}
