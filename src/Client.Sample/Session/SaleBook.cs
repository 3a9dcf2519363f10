using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Session;

/// <summary>The room's flash sales that are announced or open, as seen so far, so that <c>buy latest</c> needs no copied sale id.</summary>
public sealed class SaleBook
{
    public const string Latest = ActiveIds.Latest;

    private readonly ActiveIds _active = new("flash sale");

    public void Observe(RoomSnapshot snapshot) =>
        _active.Reset(snapshot.FlashSales.Where(s => s.Status != FlashSaleStatus.Ended).OrderBy(s => s.EndsAt).Select(s => s.SaleId));

    public void Observe(RoomEvent e)
    {
        switch (e.Type)
        {
            case EventTypes.FlashSaleStarted:
                _active.Add(EventData.Read<FlashSaleStartedData>(e.Data).SaleId);
                break;
            case EventTypes.FlashSaleEnded:
                _active.Remove(EventData.Read<FlashSaleEndedData>(e.Data).SaleId);
                break;
        }
    }

    public bool IsActive(string saleId) => _active.Contains(saleId);

    /// <summary>The sale id as typed, or for <c>latest</c> the newest sale.</summary>
    public string Resolve(string saleId) => _active.Resolve(saleId);
}
