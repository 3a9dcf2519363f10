using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Grains.Affiliates;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Shelf;

namespace LiveCommerce.Grains.Commerce;

/// <summary>
/// The products' terms an order keeps when placed (host, seller, commission, voucher terms), one per line,
/// read from the lines' rooms and shelves. A flash sale reads them once for its one product and hands them
/// to each of its orders, so a stampede's orders do not each ask the busy room for its snapshot.
/// </summary>
public static class OrderTerms
{
    public static async Task<List<LineTerms>> FetchAsync(IGrainFactory grains, Order order)
    {
        var rooms = order.Lines.Select(l => l.RoomId).Distinct().ToArray();
        var products = await Task.WhenAll(rooms.Select(r => grains.GetGrain<IShelfGrain>(r).Products()));
        var hosts = await Task.WhenAll(rooms.Select(async r => (await grains.GetGrain<ILiveRoomGrain>(r).GetSnapshot()).Room.HostId));
        return order.Lines.Select(line =>
        {
            var i = Array.IndexOf(rooms, line.RoomId);
            var product = products[i].First(p => p.ProductId == line.ProductId);
            return new LineTerms(line.RoomId, line.ProductId, hosts[i], product.SellerId ?? hosts[i], product.CommissionRate, product.Kind, product.ValidDays, product.RedeemAt);
        }).ToList();
    }
}
