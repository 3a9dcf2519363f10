using LiveCommerce.Commerce;
using LiveCommerce.Errors;
using LiveCommerce.Identity;
using LiveCommerce.Realtime;

namespace LiveCommerce.Rooms;

// Selling in the room: flash sales (their stock lives in FlashSaleGrain), product stock held by cart
// orders, and the room's selling figures.
public sealed partial class LiveRoomGrain
{
    private readonly IPersistentState<RoomCommerceState> _commerce;
    private readonly CommerceOptions _commerceOptions;

    public async Task<StartFlashSaleResult> StartFlashSale(Caller caller, FlashSaleRequest request)
    {
        RequireHost(caller);
        var room = RequireLive();
        var product = FindProduct(Validate.Id(request.ProductId, "productId"));
        var price = Validate.Price(request.Price);
        var quantity = Validate.Range(request.Quantity, 1, 1_000_000, "quantity");
        var perUserLimit = Validate.Range(request.PerUserLimit, 1, 1_000_000, "perUserLimit");
        var duration = Validate.Range(request.DurationSeconds, 5, 86_400, "durationSeconds");
        if (product.Stock < quantity)
            throw LiveCommerceException.Invalid($"only {product.Stock} of '{product.ProductId}' in stock for a sale of {quantity}");

        // The sale's units come out of the product's stock now; what it does not sell comes back.
        var saleId = $"{RoomId}.s{++S.SaleCounter}";
        var endsAt = Now.AddSeconds(duration);
        SetStock(product.ProductId, -quantity);
        FlashSale sale;
        try
        {
            sale = await GrainFactory.GetGrain<IFlashSaleGrain>(saleId).Open(new SaleTerms(
                RoomId, product.ProductId, product.Name, price, product.Currency, quantity, perUserLimit, endsAt, room.SellRegions));
        }
        catch
        {
            SetStock(product.ProductId, quantity);
            throw;
        }
        S.FlashSales.Add(sale);
        AppendLog(EventTypes.FlashSaleStarted, new FlashSaleStartedData
        {
            SaleId = saleId, ProductId = sale.ProductId, Price = price, Quantity = quantity,
            Remaining = sale.Remaining, PerUserLimit = perUserLimit, EndsAt = endsAt,
        });
        await Commit();
        return new StartFlashSaleResult { SaleId = saleId, EndsAt = endsAt };
    }

    public async Task EndFlashSale(Caller caller, string? saleId)
    {
        RequireHost(caller);
        var sale = FindSale(saleId);
        if (sale.Status == FlashSaleStatus.Ended) return;
        await GrainFactory.GetGrain<IFlashSaleGrain>(sale.SaleId).End(FlashSaleEndReason.Host);
    }

    public async Task OnFlashSaleEnded(string saleId, int sold, string reason, int unsold)
    {
        var index = S.FlashSales.FindIndex(s => s.SaleId == saleId);
        if (index < 0 || S.FlashSales[index].Status == FlashSaleStatus.Ended) return;
        var sale = S.FlashSales[index];
        S.FlashSales[index] = sale with { Status = FlashSaleStatus.Ended, Remaining = unsold };
        SetStock(sale.ProductId, unsold);
        AppendLog(EventTypes.FlashSaleEnded, new FlashSaleEndedData { SaleId = saleId, Sold = sold, Reason = reason });
        await Commit();
    }

    public Task OnFlashSaleProgress(string saleId, int remaining)
    {
        var index = S.FlashSales.FindIndex(s => s.SaleId == saleId);
        if (index >= 0 && S.FlashSales[index].Status == FlashSaleStatus.Active)
        {
            // Only for snapshots: stored with the next write, not worth one of its own.
            S.FlashSales[index] = S.FlashSales[index] with { Remaining = remaining };
            _roomDirty = true;
            _snapshot = null;
        }
        return Task.CompletedTask;
    }

    public async Task ReturnStock(string productId, int quantity)
    {
        SetStock(productId, quantity);
        await Commit();
    }

    public async Task<Product> ProductForCart(Caller caller, string? productId, int quantity)
    {
        RequireUser(caller);
        var room = RequireRoom();
        if (room.Status == RoomStatus.Ended) throw LiveCommerceException.RoomNotLive("the room has ended");
        RequireRegion(caller, room);
        var product = FindProduct(Validate.Id(productId, "productId"));
        if (product.Stock < quantity)
            throw LiveCommerceException.Conflict($"soldOut: only {product.Stock} of '{product.ProductId}' left");
        _commerce.State.AddToCarts++;
        await Commit(room: false, commerce: true);
        return product;
    }

    public async Task<LineItem[]> HoldStock(Caller caller, string orderId, LineItem[] lines, DateTime expiresAt)
    {
        RequireUser(caller);
        var room = RequireRoom();
        if (room.Status == RoomStatus.Ended) throw LiveCommerceException.RoomNotLive("the room has ended");
        RequireRegion(caller, room);
        ExpireDueHolds();
        if (S.Holds.TryGetValue(orderId, out var existing)) return existing.Lines;

        var priced = lines.Select(line =>
        {
            var product = FindProduct(line.ProductId);
            if (product.Stock < line.Quantity)
                throw LiveCommerceException.Conflict($"soldOut: only {product.Stock} of '{product.ProductId}' left; nothing was ordered");
            return line with { Name = product.Name, UnitPrice = product.Price, Currency = product.Currency };
        }).ToArray();
        foreach (var line in priced) SetStock(line.ProductId, -line.Quantity);
        S.Holds[orderId] = new StockHold { UserId = caller.UserId!, Lines = priced, ExpiresAt = expiresAt, Status = OrderStatus.PendingPayment };
        await Commit();
        return priced;
    }

    public async Task<string> ConfirmStock(string orderId, string userId)
    {
        ExpireDueHolds();
        var hold = OwnedHold(orderId, userId);
        if (hold.Status != OrderStatus.PendingPayment) return hold.Status;
        hold.Status = OrderStatus.Paid;
        await Commit();
        return OrderStatus.Paid;
    }

    public async Task<string> ReleaseStock(string orderId, string userId, string status)
    {
        ExpireDueHolds();
        if (!S.Holds.ContainsKey(orderId)) return status;
        var hold = OwnedHold(orderId, userId);
        if (hold.Status != OrderStatus.PendingPayment) return hold.Status;
        Release(hold, status);
        await Commit();
        return status;
    }

    public async Task RecordOrder(string orderId, string userId, int units, decimal amount, bool paid)
    {
        var books = _commerce.State;
        if (!paid) books.PlacedOrders.Add(orderId);
        else if (books.PaidOrders.Add(orderId))
        {
            books.UnitsSold += units;
            books.Gmv += amount;
            books.PayingBuyers.Add(userId);
        }
        await Commit(room: false, commerce: true);
    }

    private RoomStats CommerceStats(RoomStats stats)
    {
        var books = _commerce.State;
        return stats with
        {
            AddToCarts = books.AddToCarts,
            Orders = books.PlacedOrders.Count,
            UnitsSold = books.UnitsSold,
            Gmv = books.Gmv,
            ConversionRate = stats.TotalViews == 0 ? 0 : Math.Round((double)books.PayingBuyers.Count / stats.TotalViews, 4),
        };
    }

    /// <summary>Unpaid cart holds past their time give their units back (the order hears of it after the write).</summary>
    private void ExpireDueHolds()
    {
        var expired = S.Holds.Where(h => h.Value.Status == OrderStatus.PendingPayment && h.Value.ExpiresAt <= Now).ToList();
        if (expired.Count == 0) return;
        foreach (var (orderId, hold) in expired)
        {
            Release(hold, OrderStatus.Expired);
            var order = GrainFactory.GetGrain<IOrderGrain>(orderId);
            _ = Commit().ContinueWith(_ => order.MarkExpired(), TaskScheduler.Current);
        }
    }

    private void Release(StockHold hold, string status)
    {
        hold.Status = status;
        foreach (var line in hold.Lines) SetStock(line.ProductId, line.Quantity);
    }

    private StockHold OwnedHold(string orderId, string userId) =>
        S.Holds.TryGetValue(orderId, out var hold) && hold.UserId == userId
            ? hold
            : throw LiveCommerceException.NotFound($"order '{orderId}' holds nothing in this room");

    private void SetStock(string productId, int delta)
    {
        var index = S.Products.FindIndex(p => p.ProductId == productId);
        if (index < 0) return;
        S.Products[index] = S.Products[index] with { Stock = S.Products[index].Stock + delta };
        _snapshot = null;
    }

    private FlashSale FindSale(string? saleId) =>
        S.FlashSales.Find(s => s.SaleId == saleId)
        ?? throw LiveCommerceException.NotFound($"flash sale '{saleId}' is not in this room");

    private static void RequireRegion(Caller caller, Room room)
    {
        if (room.SellRegions.Length > 0 && (caller.Region is null || !room.SellRegions.Contains(caller.Region.ToUpperInvariant())))
            throw LiveCommerceException.Forbidden($"regionBlocked: this room sells only to {string.Join(", ", room.SellRegions)}");
    }
}
