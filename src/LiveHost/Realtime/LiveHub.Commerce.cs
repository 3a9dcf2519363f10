using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.LiveHost.Realtime;

// The selling half of the hub: flash sales, cart, checkout and orders. Still one grain call each.
public sealed partial class LiveHub
{
    public Task<StartFlashSaleResult> StartFlashSale(string roomId, FlashSaleRequest request) =>
        RoomEndpoints.Room(grains, roomId).StartFlashSale(Caller, request ?? throw LiveCommerceException.Invalid("the sale's terms are missing"));

    public Task EndFlashSale(string roomId, string saleId) =>
        RoomEndpoints.Room(grains, roomId).EndFlashSale(Caller, saleId);

    public Task<PurchaseResult> BuyFlashSale(string roomId, string saleId, int quantity, string idempotencyKey) =>
        Sale(roomId, saleId).Buy(Caller, quantity, idempotencyKey);

    public Task<Cart> AddToCart(string roomId, string productId, int quantity) =>
        Buyer().AddToCart(Caller, roomId, productId, quantity);

    public Task<Cart> RemoveFromCart(string productId) =>
        Buyer().RemoveFromCart(Caller, productId);

    public Task<Cart> GetCart() =>
        Buyer().GetCart(Caller);

    public Task<Order> Checkout(string idempotencyKey) =>
        Buyer().Checkout(Caller, idempotencyKey);

    public Task<Order> PayOrder(string orderId) =>
        CommerceEndpoints.Order(grains, orderId).Pay(Caller);

    public Task<Order> CancelOrder(string orderId) =>
        CommerceEndpoints.Order(grains, orderId).Cancel(Caller);

    /// <summary>A sale id names its room (<c>{roomId}.s{n}</c>): a sale asked for through another room does not exist.</summary>
    private IFlashSaleGrain Sale(string roomId, string saleId)
    {
        RoomEndpoints.Room(grains, roomId);
        if (!Validate.IsId(saleId) || !saleId.StartsWith(roomId + ".", StringComparison.Ordinal))
            throw LiveCommerceException.NotFound($"flash sale '{saleId}' is not in room '{roomId}'");
        return grains.GetGrain<IFlashSaleGrain>(saleId);
    }

    private IBuyerGrain Buyer() =>
        grains.GetGrain<IBuyerGrain>(Caller.UserId ?? throw LiveCommerceException.Unauthorized("sign in to shop"));
}
