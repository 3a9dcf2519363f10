using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.LiveHost.Realtime;

namespace LiveCommerce.Tests.Unit;

/// <summary>Frame coalescing: log events in order, state events newest per kind and key, one sender.</summary>
public sealed class RoomFrameQueueTests
{
    private static RoomEvent Log(long seq) => new() { Seq = seq, Type = EventTypes.Comment, At = DateTime.UnixEpoch, Data = EmptyData.Instance };
    private static RoomEvent Likes(long total) => new() { Type = EventTypes.Likes, At = DateTime.UnixEpoch, Data = new LikesData { Total = total } };
    private static RoomEvent Stock(string sale, int left) => new() { Type = EventTypes.Stock, At = DateTime.UnixEpoch, Data = new StockData { SaleId = sale, Remaining = left } };

    [Fact]
    public void Events_queued_while_sending_share_one_frame_with_only_the_newest_state()
    {
        var queue = new RoomFrameQueue();
        Assert.True(queue.Add([Log(1)]));           // nobody sending: start
        Assert.False(queue.Add([Likes(5), Log(2)])); // the sender is running: just queue
        Assert.False(queue.Add([Stock("s1", 9), Likes(7), Stock("s2", 4), Stock("s1", 8), Log(3)]));

        var frame = queue.Take()!;
        Assert.Equal([1L, 2L, 3L], frame.Where(e => e.IsLogEvent).Select(e => e.Seq!.Value));
        Assert.True(frame.Take(3).All(e => e.IsLogEvent)); // log events first
        var state = frame.Skip(3).ToDictionary(e => e.CoalesceKey, e => e.Data);
        Assert.Equal(new LikesData { Total = 7 }, state[EventTypes.Likes]);
        Assert.Equal(new StockData { SaleId = "s1", Remaining = 8 }, state["stock:s1"]);
        Assert.Equal(new StockData { SaleId = "s2", Remaining = 4 }, state["stock:s2"]);
        Assert.Equal(3, state.Count);
    }

    [Fact]
    public void An_empty_queue_ends_the_sender_and_the_next_event_starts_one()
    {
        var queue = new RoomFrameQueue();
        Assert.True(queue.Add([Likes(1)]));
        Assert.Single(queue.Take()!);
        Assert.False(queue.Add([Likes(2)])); // still sending: the loop takes it next
        Assert.Single(queue.Take()!);
        Assert.Null(queue.Take());           // the loop stops
        Assert.True(queue.Add([Log(1)]));    // and the next event starts it again
    }

    [Fact]
    public void The_queue_tells_whether_log_events_wait_or_only_state()
    {
        var queue = new RoomFrameQueue();
        queue.Add([Likes(1), Stock("s1", 3)]);
        Assert.False(queue.HasLogEvents);
        queue.Add([Log(1)]);
        Assert.True(queue.HasLogEvents);
        queue.Take();
        Assert.False(queue.HasLogEvents);
    }
}
