using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.Tests.Unit;

/// <summary>The shelf's stock rules without a grain: take, sell, release, settle, expire, audit.</summary>
public sealed class ShelfStockTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private readonly ShelfBooks _books = new();
    private readonly ShelfStock _stock;

    public ShelfStockTests()
    {
        _stock = new ShelfStock(() => _books);
        _stock.Put(new Product { ProductId = "mug", Name = "Mug", Price = 12.5m, Currency = "USD", Stock = 3 });
        _stock.Put(new Product { ProductId = "tee", Name = "Tee", Price = 24m, Currency = "USD", Stock = 10 });
    }

    private ProductAudit Books(string productId)
    {
        var audit = _stock.Audit();
        Assert.True(audit.Balances, string.Join(", ", audit.Products.Select(p => p.ToString())));
        return audit.Of(productId);
    }

    [Fact]
    public void A_take_holds_every_line_priced_and_the_same_reference_again_changes_nothing()
    {
        var lines = _stock.Take("r1", "o1", "ann", [new ShelfLine("mug", 2), new ShelfLine("tee", 1)], T0);
        Assert.Equal([("mug", 2, 12.5m, "r1"), ("tee", 1, 24m, "r1")], lines.Select(l => (l.ProductId, l.Quantity, l.UnitPrice, l.RoomId)));
        Assert.Equal(lines, _stock.Take("r1", "o1", "ann", [new ShelfLine("mug", 3)], T0));
        Assert.Equal(new ProductAudit("mug", 3, Sold: 0, Held: 2, Left: 1), Books("mug"));
        Assert.Equal(new ProductAudit("tee", 10, Sold: 0, Held: 1, Left: 9), Books("tee"));
    }

    [Fact]
    public void A_take_short_of_one_product_takes_nothing_at_all()
    {
        var error = Assert.Throws<LiveCommerceException>(() => _stock.Take("r1", "o1", "ann", [new ShelfLine("tee", 2), new ShelfLine("mug", 4)], null));
        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.StartsWith("soldOut: ", error.Message);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<LiveCommerceException>(() => _stock.Take("r1", "o2", "ann", [new ShelfLine("ghost", 1)], null)).Code);
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<LiveCommerceException>(() => _stock.Take("r1", "o3", "ann", [new ShelfLine("tee", 0)], null)).Code);
        Assert.Equal(new ProductAudit("tee", 10, 0, 0, 10), Books("tee"));
        Assert.Equal(new ProductAudit("mug", 3, 0, 0, 3), Books("mug"));
        Assert.Equal(0, _stock.Audit().OpenHolds);
    }

    [Fact]
    public void Selling_and_releasing_close_a_hold_once()
    {
        _stock.Take("r1", "paid", "ann", [new ShelfLine("mug", 1)], T0);
        _stock.Take("r1", "gone", "bob", [new ShelfLine("mug", 2)], T0);
        Assert.Equal(HoldStatus.Sold, _stock.Sell("paid"));
        Assert.Equal(HoldStatus.Cancelled, _stock.Release("gone", HoldStatus.Cancelled));
        // Repeats (a retried follow-up) answer with the hold's status and move nothing.
        Assert.Equal(HoldStatus.Sold, _stock.Release("paid", HoldStatus.Cancelled));
        Assert.Equal(HoldStatus.Cancelled, _stock.Sell("gone"));
        Assert.Equal(new ProductAudit("mug", 3, Sold: 1, Held: 0, Left: 2), Books("mug"));
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<LiveCommerceException>(() => _stock.Release("paid", HoldStatus.Sold)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<LiveCommerceException>(() => _stock.Sell("never")).Code);
    }

    [Fact]
    public void A_sale_hold_settles_in_parts_each_move_once()
    {
        _stock.Take("r1", "sale1", "sale1", [new ShelfLine("tee", 6)], expiresAt: null);
        _stock.Settle("sale1", "o1", sold: 2, returned: 0);
        _stock.Settle("sale1", "o1", sold: 2, returned: 0);
        _stock.Settle("sale1", "end", sold: 0, returned: 3);
        Assert.Equal(new ProductAudit("tee", 10, Sold: 2, Held: 1, Left: 7), Books("tee"));
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<LiveCommerceException>(() => _stock.Settle("sale1", "o9", sold: 1, returned: 1)).Code);
        _stock.Settle("sale1", "o2", sold: 0, returned: 1);
        Assert.Equal(new ProductAudit("tee", 10, Sold: 2, Held: 0, Left: 8), Books("tee"));
        Assert.Equal(0, _stock.Audit().OpenHolds);

        _stock.Take("r1", "cart", "ann", [new ShelfLine("tee", 1), new ShelfLine("mug", 1)], T0);
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<LiveCommerceException>(() => _stock.Settle("cart", "m", 1, 0)).Code);
    }

    [Fact]
    public void Order_holds_expire_at_their_time_and_mechanic_holds_never_do()
    {
        _stock.Take("r1", "o1", "ann", [new ShelfLine("mug", 1)], T0);
        _stock.Take("r1", "o2", "bob", [new ShelfLine("mug", 1)], T0.AddSeconds(10));
        _stock.Take("r1", "sale1", "sale1", [new ShelfLine("mug", 1)], expiresAt: null);
        Assert.Empty(_stock.ExpireDue(T0.AddSeconds(-1)));
        Assert.Equal(["o1"], _stock.ExpireDue(T0));
        Assert.Equal(["o2"], _stock.ExpireDue(T0.AddDays(1)));
        Assert.Equal(HoldStatus.Expired, _stock.Sell("o1"));
        Assert.Equal(new ProductAudit("mug", 3, Sold: 0, Held: 1, Left: 2), Books("mug"));
    }

    [Fact]
    public void A_product_is_put_up_once()
    {
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<LiveCommerceException>(() =>
            _stock.Put(new Product { ProductId = "mug", Name = "Again", Price = 1m, Currency = "USD", Stock = 1 })).Code);
        Assert.Equal(3, _stock.Find("mug").Stock);
    }
}
