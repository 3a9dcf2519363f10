using LiveCommerce.Contracts.Social;

namespace LiveCommerce.Grains.Social;

/// <summary>
/// The room's recent orders for the <c>buying</c> state event: the newest <see cref="RecentCount"/>
/// (names masked) and how many were placed in the last minute. Memory holds one timestamp per order of
/// the last minute and nothing older.
/// </summary>
public sealed class BuyingFeed
{
    public const int RecentCount = 5;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly LinkedList<BuyingEntry> _recent = new();
    private readonly Queue<DateTime> _minute = new();

    public void Record(string? buyerName, string productId, int quantity, DateTime at)
    {
        var entry = new BuyingEntry { Name = NameMask.Mask(buyerName), ProductId = productId, Quantity = quantity, At = at };
        // Newest first; an order reported late (a retried follow-up) takes its place by time.
        var node = _recent.First;
        while (node is not null && node.Value.At > at) node = node.Next;
        if (node is null) _recent.AddLast(entry);
        else _recent.AddBefore(node, entry);
        if (_recent.Count > RecentCount) _recent.RemoveLast();
        _minute.Enqueue(at);
    }

    /// <summary>Orders placed in the minute before <paramref name="now"/>.</summary>
    public int LastMinute(DateTime now)
    {
        while (_minute.TryPeek(out var oldest) && oldest <= now - Window) _minute.Dequeue();
        return _minute.Count(at => at <= now);
    }

    public BuyingData View(DateTime now) => new() { Recent = [.. _recent], LastMinute = LastMinute(now) };
}
