using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Grains.Shelf;

/// <summary>A product on the shelf and its running totals; <c>Product.Stock</c> is what is left.</summary>
[GenerateSerializer, Alias("StockedProduct")]
public sealed class StockedProduct
{
    [Id(0)] public required Product Product { get; set; }
    [Id(1)] public int PutUp { get; set; }
    [Id(2)] public int Held { get; set; }
    [Id(3)] public int Sold { get; set; }
}

/// <summary>Units taken under one reference.</summary>
[GenerateSerializer, Alias("ShelfHold")]
public sealed class ShelfHold
{
    [Id(0)] public required string Holder { get; set; }
    [Id(1)] public required LineItem[] Lines { get; set; }
    [Id(2)] public DateTime? ExpiresAt { get; set; }
    [Id(3)] public HoldStatus Status { get; set; }
    /// <summary>Units of a one-product hold settled so far (sold, back to stock), by move id.</summary>
    [Id(4)] public int Sold { get; set; }
    [Id(5)] public int Returned { get; set; }
    [Id(6)] public HashSet<string> Moves { get; set; } = [];

    public int Units => Lines.Sum(l => l.Quantity);
    public int Outstanding => Status == HoldStatus.Held ? Units - Sold - Returned : 0;
}

/// <summary>What the shelf stores about its stock.</summary>
[GenerateSerializer, Alias("ShelfBooks")]
public sealed class ShelfBooks
{
    [Id(0)] public List<StockedProduct> Products { get; set; } = [];
    [Id(1)] public Dictionary<string, ShelfHold> Holds { get; set; } = [];
}

/// <summary>
/// The shelf's stock rules, without a grain: every method checks everything before it changes
/// anything, so a refusal leaves the books as they were. An order's hold (one with an expiry) that
/// closes is reported to <paramref name="orderHoldClosed"/>; once the order has heard of it the hold is
/// <see cref="Compact"/>ed away, so cycles of checkout and cancel leave nothing behind.
/// </summary>
public sealed class ShelfStock(Func<ShelfBooks> books, Action<string, HoldStatus>? orderHoldClosed = null)
{
    private ShelfBooks B => books();

    public IEnumerable<Product> Products => B.Products.Select(p => p.Product);

    public Product Find(string productId) =>
        Stocked(productId)?.Product ?? throw LiveCommerceException.NotFound($"product '{productId}' is not in this room");

    public Product Put(Product product, int maxProducts = int.MaxValue)
    {
        if (Stocked(product.ProductId) is not null) throw LiveCommerceException.Conflict($"product '{product.ProductId}' is already in the room");
        if (B.Products.Count >= maxProducts) throw LiveCommerceException.Conflict($"a room carries at most {maxProducts} products (Rooms:ProductsPerRoom)");
        B.Products.Add(new StockedProduct { Product = product, PutUp = product.Stock });
        return product;
    }

    /// <summary>Holds the lines (all or none) and returns them priced; the same reference again returns the first hold.</summary>
    public LineItem[] Take(string roomId, string reference, string holder, IReadOnlyList<ShelfLine> lines, DateTime? expiresAt)
    {
        if (B.Holds.TryGetValue(reference, out var existing))
        {
            // A closed hold is being compacted (its order is hearing of it): the reference is not free yet.
            if (existing.Status == HoldStatus.Held) return existing.Lines;
            throw LiveCommerceException.Conflict($"the hold under '{reference}' has just closed ({existing.Status}); try again in a moment");
        }
        if (lines.Count == 0) throw LiveCommerceException.Invalid("nothing to take");
        var wanted = lines.GroupBy(l => l.ProductId).Select(g => (ProductId: g.Key, Quantity: g.Sum(l => l.Quantity))).ToList();
        var priced = wanted.Select(line =>
        {
            if (line.Quantity <= 0) throw LiveCommerceException.Invalid("quantity must be at least 1");
            var product = Find(line.ProductId);
            if (product.Stock < line.Quantity)
                throw LiveCommerceException.SoldOut($"only {product.Stock} of '{product.ProductId}' left; nothing was taken");
            return new LineItem
            {
                RoomId = roomId, ProductId = product.ProductId, Name = product.Name,
                UnitPrice = product.Price, Quantity = line.Quantity, Currency = product.Currency,
            };
        }).ToArray();
        foreach (var line in priced) Move(line.ProductId, left: -line.Quantity, held: line.Quantity, sold: 0);
        B.Holds[reference] = new ShelfHold { Holder = holder, Lines = priced, ExpiresAt = expiresAt, Status = HoldStatus.Held };
        return priced;
    }

    public HoldStatus Sell(string reference)
    {
        var hold = Hold(reference);
        if (hold.Status != HoldStatus.Held) return hold.Status;
        Close(reference, hold, HoldStatus.Sold);
        return HoldStatus.Sold;
    }

    public HoldStatus Release(string reference, HoldStatus reason)
    {
        if (reason is not (HoldStatus.Cancelled or HoldStatus.Expired)) throw LiveCommerceException.Invalid($"a release is cancelled or expired, not {reason}");
        var hold = Hold(reference);
        if (hold.Status != HoldStatus.Held) return hold.Status;
        Close(reference, hold, reason);
        return reason;
    }

    /// <summary>Moves part of a one-product hold; a move id already applied changes nothing.</summary>
    public void Settle(string reference, string moveId, int sold, int returned)
    {
        var hold = Hold(reference);
        if (hold.Moves.Contains(moveId)) return;
        if (hold.Lines.Length != 1) throw LiveCommerceException.Invalid($"hold '{reference}' has several products; sell or release it whole");
        if (sold < 0 || returned < 0 || sold + returned > hold.Outstanding)
            throw LiveCommerceException.Invalid($"hold '{reference}' has {hold.Outstanding} units outstanding, not {sold} + {returned}");
        Move(hold.Lines[0].ProductId, left: returned, held: -(sold + returned), sold: sold);
        hold.Sold += sold;
        hold.Returned += returned;
        hold.Moves.Add(moveId);
        if (hold.Units == hold.Sold + hold.Returned) hold.Status = HoldStatus.Settled;
    }

    /// <summary>Sold units come back to stock (a refunded voucher); a move id already applied changes nothing.</summary>
    public void Restock(string reference, string moveId, string productId, int quantity)
    {
        var hold = Hold(reference);
        if (hold.Moves.Contains(moveId)) return;
        if (hold.Lines.All(l => l.ProductId != productId)) throw LiveCommerceException.Invalid($"hold '{reference}' has no '{productId}'");
        if (quantity <= 0 || (Stocked(productId)?.Sold ?? 0) < quantity) throw LiveCommerceException.Invalid($"'{productId}' has fewer than {quantity} units sold");
        Move(productId, left: quantity, held: 0, sold: -quantity);
        hold.Moves.Add(moveId);
    }

    /// <summary>
    /// A hold whose order was never placed (a checkout that failed part-way) goes back and is forgotten at
    /// once, so that the checkout can be tried again under the same reference. Unknown: nothing to do.
    /// </summary>
    public void Abandon(string reference)
    {
        if (!B.Holds.TryGetValue(reference, out var hold) || hold.Status == HoldStatus.Sold) return;
        if (hold.Status == HoldStatus.Held) Close(reference, hold, HoldStatus.Cancelled, report: false);
        B.Holds.Remove(reference);
    }

    /// <summary>
    /// Forgets a closed order hold once its order has recorded the outcome. Sold vouchers stay: a refund
    /// restocks them under the hold (<see cref="Restock"/>), once per move id.
    /// </summary>
    public void Compact(string reference)
    {
        if (!B.Holds.TryGetValue(reference, out var hold) || hold.Status == HoldStatus.Held || hold.ExpiresAt is null) return;
        if (hold.Status == HoldStatus.Sold && hold.Lines.Any(l => Stocked(l.ProductId)?.Product.Kind == ProductKind.Voucher)) return;
        B.Holds.Remove(reference);
    }

    /// <summary>Order holds past their time go back to stock; returns their references.</summary>
    public List<string> ExpireDue(DateTime now)
    {
        var due = B.Holds.Where(h => h.Value.Status == HoldStatus.Held && h.Value.ExpiresAt <= now).Select(h => h.Key).ToList();
        foreach (var reference in due) Close(reference, B.Holds[reference], HoldStatus.Expired);
        return due;
    }

    /// <summary>The books recounted: the running totals against the holds, and put up = sold + held + left.</summary>
    public ShelfAudit Audit()
    {
        var heldByHolds = B.Holds.Values.Where(h => h.Status == HoldStatus.Held)
            .SelectMany(h => h.Lines.Length == 1 ? [(h.Lines[0].ProductId, h.Outstanding)] : h.Lines.Select(l => (l.ProductId, l.Quantity)))
            .GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.Sum(x => x.Item2));
        var products = B.Products.Select(p => new ProductAudit(p.Product.ProductId, p.PutUp, p.Sold, p.Held, p.Product.Stock)).ToArray();
        var holdsMatch = B.Products.All(p => p.Held == heldByHolds.GetValueOrDefault(p.Product.ProductId));
        return new ShelfAudit(products, holdsMatch, B.Holds.Values.Count(h => h.Status == HoldStatus.Held)) { HoldsKept = B.Holds.Count };
    }

    private void Close(string reference, ShelfHold hold, HoldStatus status, bool report = true)
    {
        if (hold.Lines.Length == 1)
        {
            var outstanding = hold.Outstanding;
            var sold = status == HoldStatus.Sold ? outstanding : 0;
            Move(hold.Lines[0].ProductId, left: outstanding - sold, held: -outstanding, sold: sold);
        }
        else
        {
            foreach (var line in hold.Lines)
                Move(line.ProductId, left: status == HoldStatus.Sold ? 0 : line.Quantity, held: -line.Quantity, sold: status == HoldStatus.Sold ? line.Quantity : 0);
        }
        hold.Status = status;
        if (report && hold.ExpiresAt is not null) orderHoldClosed?.Invoke(reference, status);
    }

    private void Move(string productId, int left, int held, int sold)
    {
        var stocked = Stocked(productId) ?? throw new InvalidOperationException($"a hold names product '{productId}' that the shelf lacks");
        stocked.Product = stocked.Product with { Stock = stocked.Product.Stock + left };
        stocked.Held += held;
        stocked.Sold += sold;
    }

    private ShelfHold Hold(string reference) =>
        B.Holds.TryGetValue(reference, out var hold) ? hold : throw LiveCommerceException.NotFound($"nothing is held under '{reference}' in this room");

    private StockedProduct? Stocked(string productId) => B.Products.Find(p => p.Product.ProductId == productId);
}
