using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Session;

/// <summary>The room's active flash sales as seen so far, so that <c>buy latest</c> needs no copied sale id.</summary>
public sealed class SaleBook
{
    public const string Latest = "latest";

    private readonly Lock _gate = new();
    private readonly List<string> _active = [];

    public void Observe(RoomSnapshot snapshot)
    {
        lock (_gate)
        {
            _active.Clear();
            _active.AddRange(snapshot.FlashSales.Where(s => s.Status == FlashSaleStatus.Active).OrderBy(s => s.EndsAt).Select(s => s.SaleId));
        }
    }

    public void Observe(RoomEvent e)
    {
        lock (_gate)
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
    }

    public bool IsActive(string saleId)
    {
        lock (_gate) return _active.Contains(saleId);
    }

    /// <summary>The sale id as typed, or for <c>latest</c> the newest active sale.</summary>
    public string Resolve(string saleId)
    {
        if (!saleId.Equals(Latest, StringComparison.OrdinalIgnoreCase)) return saleId;
        lock (_gate)
            return _active.Count > 0 ? _active[^1] : throw new ArgumentException("no active flash sale seen in this room yet");
    }
}
