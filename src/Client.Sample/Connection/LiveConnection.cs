using LiveCommerce.Client.Cli;
using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Client.Connection;

/// <summary>
/// The hub connection with the protocol's methods typed. Handlers for frames run on SignalR's receive
/// loop, one at a time, so they must never wait for a hub call (its result would queue behind them).
/// </summary>
public sealed class LiveConnection : IAsyncDisposable
{
    private readonly HubConnection _hub;

    public LiveConnection(ClientSettings settings, string? token)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(settings.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult(token))
            .WithAutomaticReconnect(new ForeverRetryPolicy());
        // The server's keys are the [DataMember] names; MessagePackWire.Options is what makes them (and decimals) match.
        if (settings.Protocol == WireProtocol.MessagePack)
            builder.AddMessagePackProtocol(o => o.SerializerOptions = MessagePackWire.Options);
        _hub = builder.Build();
    }

    public HubConnectionState State => _hub.State;

    public void OnRoomFrame(Action<RoomFrame> handler) => _hub.On(HubMethods.RoomFrame, handler);

    public void OnPersonalFrame(Action<PersonalFrame> handler) => _hub.On(HubMethods.PersonalFrame, handler);

    public event Func<Exception?, Task>? Reconnecting
    {
        add => _hub.Reconnecting += value;
        remove => _hub.Reconnecting -= value;
    }

    public event Func<string?, Task>? Reconnected
    {
        add => _hub.Reconnected += value;
        remove => _hub.Reconnected -= value;
    }

    public event Func<Exception?, Task>? Closed
    {
        add => _hub.Closed += value;
        remove => _hub.Closed -= value;
    }

    public Task StartAsync(CancellationToken ct) => _hub.StartAsync(ct);

    public Task StopAsync(CancellationToken ct) => _hub.StopAsync(ct);

    // Rooms and chat.
    public Task<RoomSnapshot> JoinRoom(string roomId) => _hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId);
    public Task LeaveRoom(string roomId) => _hub.InvokeAsync(HubMethods.LeaveRoom, roomId);
    public Task<ResumeResult> Resume(string roomId, long lastSeq) => _hub.InvokeAsync<ResumeResult>(HubMethods.Resume, roomId, lastSeq);
    public Task<SendCommentResult> SendComment(string roomId, string text) => _hub.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, text);
    public Task Like(string roomId, int taps) => _hub.InvokeAsync(HubMethods.Like, roomId, taps);

    // Host.
    public Task PinProduct(string roomId, string productId) => _hub.InvokeAsync(HubMethods.PinProduct, roomId, productId);
    public Task UnpinProduct(string roomId) => _hub.InvokeAsync(HubMethods.UnpinProduct, roomId);
    public Task<StartFlashSaleResult> StartFlashSale(string roomId, FlashSaleRequest request) =>
        _hub.InvokeAsync<StartFlashSaleResult>(HubMethods.StartFlashSale, roomId, request);
    public Task EndFlashSale(string roomId, string saleId) => _hub.InvokeAsync(HubMethods.EndFlashSale, roomId, saleId);

    // Moderation (host or moderator).
    public Task DeleteComment(string roomId, string commentId) => _hub.InvokeAsync(HubMethods.DeleteComment, roomId, commentId);
    public Task MuteUser(string roomId, string userId, int seconds) => _hub.InvokeAsync(HubMethods.MuteUser, roomId, userId, seconds);
    public Task SetSlowMode(string roomId, int seconds) => _hub.InvokeAsync(HubMethods.SetSlowMode, roomId, seconds);

    // Buying.
    public Task<PurchaseResult> BuyFlashSale(string roomId, string saleId, int quantity, string idempotencyKey) =>
        _hub.InvokeAsync<PurchaseResult>(HubMethods.BuyFlashSale, roomId, saleId, quantity, idempotencyKey);
    public Task<Cart> AddToCart(string roomId, string productId, int quantity) => _hub.InvokeAsync<Cart>(HubMethods.AddToCart, roomId, productId, quantity);
    public Task<Cart> RemoveFromCart(string productId) => _hub.InvokeAsync<Cart>(HubMethods.RemoveFromCart, productId);
    public Task<Cart> GetCart() => _hub.InvokeAsync<Cart>(HubMethods.GetCart);
    public Task<Order> Checkout(string idempotencyKey) => _hub.InvokeAsync<Order>(HubMethods.Checkout, idempotencyKey);
    public Task<Order> PayOrder(string orderId) => _hub.InvokeAsync<Order>(HubMethods.PayOrder, orderId);
    public Task<Order> CancelOrder(string orderId) => _hub.InvokeAsync<Order>(HubMethods.CancelOrder, orderId);

    // Auctions, giveaways, coupons (v1.1).
    public Task<Auction> StartAuction(string roomId, StartAuctionRequest request) => _hub.InvokeAsync<Auction>(HubMethods.StartAuction, roomId, request);
    public Task CancelAuction(string roomId, string auctionId) => _hub.InvokeAsync(HubMethods.CancelAuction, roomId, auctionId);
    public Task<BidResult> PlaceBid(string roomId, string auctionId, decimal amount, decimal? maxAmount) =>
        _hub.InvokeAsync<BidResult>(HubMethods.PlaceBid, roomId, auctionId, amount, maxAmount);
    public Task<Giveaway> StartGiveaway(string roomId, StartGiveawayRequest request) => _hub.InvokeAsync<Giveaway>(HubMethods.StartGiveaway, roomId, request);
    public Task<EnterGiveawayResult> EnterGiveaway(string roomId, string giveawayId) => _hub.InvokeAsync<EnterGiveawayResult>(HubMethods.EnterGiveaway, roomId, giveawayId);
    public Task<Giveaway> DrawGiveaway(string roomId, string giveawayId) => _hub.InvokeAsync<Giveaway>(HubMethods.DrawGiveaway, roomId, giveawayId);
    public Task<CouponDrop> DropCoupon(string roomId, DropCouponRequest request) => _hub.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId, request);
    public Task<ClaimCouponResult> ClaimCoupon(string roomId, string couponId) => _hub.InvokeAsync<ClaimCouponResult>(HubMethods.ClaimCoupon, roomId, couponId);
    public Task<Cart> ApplyCoupon(string couponId) => _hub.InvokeAsync<Cart>(HubMethods.ApplyCoupon, couponId);
    public Task<Cart> RemoveCoupon() => _hub.InvokeAsync<Cart>(HubMethods.RemoveCoupon);
    public Task<ClaimedCoupon[]> GetCoupons() => _hub.InvokeAsync<ClaimedCoupon[]>(HubMethods.GetCoupons);

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
