using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;

namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// The per-room quotas of <see cref="RoomOptions"/>: what one room may hold, so that neither its state nor
/// its snapshot grows without bound. A room at a quota refuses with <c>conflict</c> (waiting does not
/// help: the host must end a sale first, or open another room) before anything changes.
/// </summary>
public sealed class RoomQuotas(RoomOptions options)
{
    public void CheckProduct(int productsInRoom)
    {
        if (productsInRoom >= options.ProductsPerRoom)
            throw LiveCommerceException.Conflict($"a room carries at most {options.ProductsPerRoom} products (Rooms:ProductsPerRoom)");
    }

    /// <param name="salesStarted">Every sale the room has started so far.</param>
    /// <param name="sales">The room's sales as it shows them.</param>
    /// <param name="opening">Sales being opened right now (not shown yet).</param>
    public void CheckFlashSale(int salesStarted, IEnumerable<FlashSale> sales, int opening)
    {
        if (salesStarted >= options.FlashSalesPerRoom)
            throw LiveCommerceException.Conflict($"a room starts at most {options.FlashSalesPerRoom} flash sales (Rooms:FlashSalesPerRoom)");
        var running = sales.Count(s => s.Status != FlashSaleStatus.Ended) + opening;
        if (running >= options.FlashSalesAtOnce)
            throw LiveCommerceException.Conflict($"a room runs at most {options.FlashSalesAtOnce} flash sales at once (Rooms:FlashSalesAtOnce); end one first");
    }
}
