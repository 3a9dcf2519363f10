using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Commerce;

namespace LiveCommerce.Grains.Shelf;

/// <summary>
/// A room's shelf, keyed by room id: its products, their stock, the units held, and the selling
/// figures. Every mechanic that sells (flash sale, cart checkout, auction, giveaway, voucher) takes
/// units with <see cref="Take"/> under a reference of its own (order id, sale id, auction id...) and
/// later sells them (<see cref="Sell"/>, <see cref="Settle"/>) or gives them back (<see cref="Release"/>,
/// <see cref="Settle"/>). Every call is idempotent by its reference (and move id), so a follow-up
/// retried after a failure never counts twice. Sold + held + left = put up, per product, always
/// (<see cref="Audit"/>). Internal: called by grains only, never by clients.
/// </summary>
[Alias("IShelfGrain")]
public interface IShelfGrain : IGrainWithStringKey
{
    /// <summary>The room's lifecycle and regions, sent by the room whenever they change.</summary>
    [Alias("SetTerms")] Task SetTerms(ShelfTerms terms);
    /// <summary>Puts a product up with its stock (the room has checked the host and the fields).</summary>
    [Alias("Put")] Task<Product> Put(Product product);
    [Alias("Products")] Task<Product[]> Products();

    /// <summary>
    /// Holds units for <see cref="TakeRequest.Reference"/>: all lines or none; refuses with a
    /// <c>soldOut:</c> conflict when a product has too few left. Taking again under the same reference
    /// returns the first hold. Returns the lines priced by the shelf.
    /// </summary>
    [Alias("Take")] Task<LineItem[]> Take(TakeRequest request);
    /// <summary>Every unit the hold still has becomes sold. Returns the hold's status after the call.</summary>
    [Alias("Sell")] Task<HoldStatus> Sell(string reference);
    /// <summary>Every unit the hold still has goes back to stock (<paramref name="reason"/>: cancelled or expired).</summary>
    [Alias("Release")] Task<HoldStatus> Release(string reference, HoldStatus reason);
    /// <summary>A hold whose order was never placed (a checkout that failed part-way): units back, reference forgotten at once.</summary>
    [Alias("Abandon")] Task Abandon(string reference);
    /// <summary>Part of a one-product hold (a sale's units): <paramref name="sold"/> units sold and <paramref name="returned"/> back to stock, once per <paramref name="moveId"/>.</summary>
    [Alias("Settle")] Task Settle(string reference, string moveId, int sold, int returned);
    /// <summary>Sold units of <paramref name="productId"/> under the reference come back to stock (a refunded voucher), once per <paramref name="moveId"/>.</summary>
    [Alias("Restock")] Task Restock(string reference, string moveId, string productId, int quantity);

    /// <summary>For a cart: the product as sold now, if this buyer may have that many; counts an add-to-cart.</summary>
    [Alias("ProductForCart")] Task<Product> ProductForCart(Caller caller, string productId, int quantity);
    /// <summary>Counts a placed order and, when paid, the sale (once per order and state).</summary>
    [Alias("RecordOrder")] Task RecordOrder(string orderId, string userId, int units, decimal amount, bool paid);
    [Alias("Figures")] Task<ShelfFigures> Figures();

    [Alias("Audit")] Task<ShelfAudit> Audit();
}

[GenerateSerializer, Immutable, Alias("ShelfTerms")]
public sealed record ShelfTerms([property: Id(0)] RoomStatus Status, [property: Id(1)] string[] SellRegions);

/// <param name="Reference">The holder's key for these units: an order id, a sale id, an auction id...</param>
/// <param name="Holder">Who holds them (a user id, or the mechanic's id).</param>
/// <param name="Lines">Product ids and quantities.</param>
/// <param name="ExpiresAt">When set, the hold is an order's: the shelf gives the units back at that time
/// and tells the order (<see cref="IOrderGrain.MarkExpired"/>, the reference is its id). When null, the holder releases them.</param>
/// <param name="Buyer">When set, the shelf checks that this buyer may buy here (signed in, room not ended, region).</param>
[GenerateSerializer, Immutable, Alias("TakeRequest")]
public sealed record TakeRequest(
    [property: Id(0)] string Reference,
    [property: Id(1)] string Holder,
    [property: Id(2)] ShelfLine[] Lines,
    [property: Id(3)] DateTime? ExpiresAt = null,
    [property: Id(4)] Caller? Buyer = null);

[GenerateSerializer, Immutable, Alias("ShelfLine")]
public sealed record ShelfLine([property: Id(0)] string ProductId, [property: Id(1)] int Quantity);

public enum HoldStatus
{
    /// <summary>Some units are still held.</summary>
    Held,
    Sold,
    Cancelled,
    Expired,
    /// <summary>Every unit of a settled (one-product) hold is sold or back.</summary>
    Settled,
}

/// <summary>The room's selling figures, for <see cref="RoomStats"/>.</summary>
[GenerateSerializer, Immutable, Alias("ShelfFigures")]
public sealed record ShelfFigures(
    [property: Id(0)] long AddToCarts,
    [property: Id(1)] long Orders,
    [property: Id(2)] long UnitsSold,
    [property: Id(3)] decimal Gmv,
    [property: Id(4)] long PayingBuyers);

/// <summary>One product's books: <c>PutUp = Sold + Held + Left</c>.</summary>
[GenerateSerializer, Immutable, Alias("ProductAudit")]
public sealed record ProductAudit(
    [property: Id(0)] string ProductId,
    [property: Id(1)] int PutUp,
    [property: Id(2)] int Sold,
    [property: Id(3)] int Held,
    [property: Id(4)] int Left)
{
    public bool Balances => PutUp == Sold + Held + Left && Sold >= 0 && Held >= 0 && Left >= 0;
}

/// <summary>The shelf's books, per product, recounted from the holds (not just the running totals).</summary>
[GenerateSerializer, Immutable, Alias("ShelfAudit")]
public sealed record ShelfAudit(
    [property: Id(0)] ProductAudit[] Products,
    [property: Id(1)] bool HoldsMatch,
    [property: Id(2)] int OpenHolds)
{
    /// <summary>Holds in hot state, open or closed (closed order holds leave once their order has heard).</summary>
    [Id(3)] public int HoldsKept { get; init; }

    public bool Balances => HoldsMatch && Products.All(p => p.Balances);
    public ProductAudit Of(string productId) => Products.Single(p => p.ProductId == productId);
}

public static class HoldStatuses
{
    /// <summary>The order status a closed hold gives its order.</summary>
    public static OrderStatus ToOrderStatus(this HoldStatus status) => status switch
    {
        HoldStatus.Sold => OrderStatus.Paid,
        HoldStatus.Cancelled => OrderStatus.Cancelled,
        HoldStatus.Expired => OrderStatus.Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "an order's hold closes sold, cancelled or expired"),
    };
}
