using LiveCommerce.Client.Output;
using LiveCommerce.Client.Session;
using LiveCommerce.Contracts.Commerce;

namespace LiveCommerce.Client.Commands;

/// <summary>
/// Buying: flash-sale purchases, the cart, checkout, paying and cancelling orders. Every purchase and
/// checkout carries a fresh idempotency key; <c>rebuy</c> repeats the last purchase with the same key
/// to show that a retried request never reserves twice.
/// </summary>
public sealed class ShopperActions(ClientContext client, RoomSession session)
{
    private (string SaleId, int Quantity, string Key)? _lastPurchase;

    public void Register(CommandSet commands)
    {
        commands.Add("buy", "buy <saleId|latest> [qty]", "buy from a flash sale (new idempotency key)",
            a => BuyAsync(a.Word(0), a.Int(1, "quantity", 1)));
        commands.Add("rebuy", "rebuy", "repeat the last buy with the same idempotency key", _ => RebuyAsync());
        commands.Add("cart", "cart [add <productId> <qty> | remove <productId>]", "show or change the cart", CartAsync);
        commands.Add("checkout", "checkout", "turn the cart into an order (new idempotency key)", _ => CheckoutAsync());
        commands.Add("pay", "pay <orderId>", "pay an order", a => ShowOrder(client.Connection.PayOrder(a.Word(0))));
        commands.Add("cancel", "cancel <orderId>", "cancel an order", a => ShowOrder(client.Connection.CancelOrder(a.Word(0))));
        commands.Add("orders", "orders", "list my orders (GET /api/orders)", _ => OrdersAsync());
    }

    public Task BuyAsync(string saleId, int quantity) =>
        PurchaseAsync(session.Sales.Resolve(saleId), quantity, Guid.NewGuid().ToString());

    private Task RebuyAsync() =>
        _lastPurchase is { } last
            ? PurchaseAsync(last.SaleId, last.Quantity, last.Key)
            : throw new ArgumentException("nothing bought yet");

    private async Task PurchaseAsync(string saleId, int quantity, string key)
    {
        _lastPurchase = (saleId, quantity, key);
        var result = await client.Connection.BuyFlashSale(session.RoomId, saleId, quantity, key);
        Out.Line($"{Formats.Purchase(result)}  (sale {saleId}, qty {quantity}, key {key})");
        // v1.1: a sale whose units are all held, not yet paid, is still on; a cancelled or expired hold puts units back.
        if (result.Status == PurchaseStatus.SoldOut && session.Sales.IsActive(saleId))
            Out.Note("every unit is held, none paid yet: the sale is still on. A cancelled or expired hold puts units back; watch its stock and `rebuy`");
    }

    private async Task CartAsync(CommandArgs a)
    {
        var cart = a.OptionalWord(0) switch
        {
            null => await client.Connection.GetCart(),
            "add" => await client.Connection.AddToCart(session.RoomId, a.Word(1), a.Int(2, "quantity", 1)),
            "remove" => await client.Connection.RemoveFromCart(a.Word(1)),
            _ => throw a.Usage(),
        };
        Out.Line(Formats.Cart(cart));
    }

    private Task CheckoutAsync() => ShowOrder(client.Connection.Checkout(Guid.NewGuid().ToString()));

    private async Task OrdersAsync()
    {
        var orders = await client.Api.GetOrdersAsync(client.Stopping);
        Out.Block([$"orders ({orders.Length}):", .. orders.Select(o => "   " + Formats.Order(o))]);
    }

    private static async Task ShowOrder(Task<Order> call) => Out.Line(Formats.Order(await call));
}
