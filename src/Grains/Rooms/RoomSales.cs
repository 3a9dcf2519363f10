using LiveCommerce.Contracts.Commerce;

namespace LiveCommerce.Grains.Rooms;

/// <summary>The room's flash sales as its snapshot shows them; the sale grains own their stock and report here.</summary>
public static class RoomSales
{
    /// <summary>Marks the sale ended (none left); false when it is unknown or ended already (a repeated report).</summary>
    public static bool End(List<FlashSale> sales, string saleId) =>
        Change(sales, saleId, s => s.Status != FlashSaleStatus.Ended, s => s with { Status = FlashSaleStatus.Ended, Remaining = 0 });

    /// <summary>Marks a pre-heated sale open; false unless it was upcoming.</summary>
    public static bool Open(List<FlashSale> sales, string saleId) =>
        Change(sales, saleId, s => s.Status == FlashSaleStatus.Upcoming, s => s with { Status = FlashSaleStatus.Active });

    /// <summary>The latest remaining of an active sale; false when it is not active.</summary>
    public static bool Progress(List<FlashSale> sales, string saleId, int remaining) =>
        Change(sales, saleId, s => s.Status == FlashSaleStatus.Active, s => s with { Remaining = remaining });

    private static bool Change(List<FlashSale> sales, string saleId, Func<FlashSale, bool> applies, Func<FlashSale, FlashSale> change)
    {
        var index = sales.FindIndex(s => s.SaleId == saleId);
        if (index < 0 || !applies(sales[index])) return false;
        sales[index] = change(sales[index]);
        return true;
    }
}
