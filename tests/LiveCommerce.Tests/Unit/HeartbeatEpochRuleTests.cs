using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Realtime;
using Microsoft.Extensions.Time.Testing;

namespace LiveCommerce.Tests.Unit;

/// <summary>v1.1 heartbeat and epochs without a cluster: when a head is due, how epochs are kept or minted, frames' epochs.</summary>
public sealed class HeartbeatEpochRuleTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Tick = HeadSchedule.TickFor(Period);

    private static RoomEvent Log(long seq) => new() { Seq = seq, Type = EventTypes.Comment, At = DateTime.UnixEpoch, Data = EmptyData.Instance };
    private static RoomEvent Likes(long total) => new() { Type = EventTypes.Likes, At = DateTime.UnixEpoch, Data = new LikesData { Total = total } };

    [Fact]
    public void A_head_is_due_one_tick_before_the_period_of_silence_ends_so_no_gap_exceeds_it()
    {
        var time = new FakeTimeProvider();
        var head = new HeadSchedule(time, Period, Tick);
        Assert.Equal(TimeSpan.FromSeconds(1), Tick);

        time.Advance(Period - Tick - TimeSpan.FromMilliseconds(1));
        Assert.False(head.TakeDue());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(head.TakeDue());
        // Taking it starts the period again.
        Assert.False(head.TakeDue());
        time.Advance(Period - Tick);
        Assert.True(head.TakeDue());
    }

    [Fact]
    public void Log_events_going_out_restart_the_period()
    {
        var time = new FakeTimeProvider();
        var head = new HeadSchedule(time, Period, Tick);
        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(3));
            head.SeqSent();
            Assert.False(head.TakeDue());
        }
        time.Advance(Period - Tick);
        Assert.True(head.TakeDue());
    }

    [Fact]
    public void A_period_shorter_than_a_second_ticks_at_the_period()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), HeadSchedule.TickFor(TimeSpan.FromMilliseconds(500)));
        var time = new FakeTimeProvider();
        var head = new HeadSchedule(time, TimeSpan.FromSeconds(1), HeadSchedule.TickFor(TimeSpan.FromSeconds(1)));
        // Period 1 s, tick 1 s: every tick of a quiet room sends one.
        Assert.True(head.TakeDue());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(head.TakeDue());
    }

    [Fact]
    public void A_stored_epoch_is_kept_and_a_missing_one_is_minted_fresh()
    {
        Assert.Equal("e1", RoomEpochs.Resolve("e1", out var minted));
        Assert.False(minted);

        var first = RoomEpochs.Resolve(null, out minted);
        Assert.True(minted);
        var second = RoomEpochs.Resolve("", out minted);
        Assert.True(minted);
        Assert.NotEqual(first, second);
        Assert.All(Enumerable.Range(0, 100).Select(_ => RoomEpochs.Mint()), e => Assert.Matches("^[0-9a-f]{16}$", e));
    }

    [Fact]
    public void Frames_carry_the_epoch_last_heard_and_a_new_epoch_drops_the_old_logs_pending_events()
    {
        var queue = new RoomFrameQueue();
        Assert.Null(queue.Epoch);
        Assert.True(queue.Add([Log(7)], "old"));
        Assert.False(queue.Add([Likes(3)])); // a state event from another grain: no epoch of its own
        Assert.Equal("old", queue.Epoch);

        // The room's log was lost and started again lower: events of the old log still waiting must not go out as the new one's.
        Assert.False(queue.Add([Log(1)], "new"));
        var frame = queue.Take()!;
        Assert.Equal("new", queue.Epoch);
        Assert.Equal([1L], frame.Where(e => e.IsLogEvent).Select(e => e.Seq!.Value));
        Assert.Contains(frame, e => e.Type == EventTypes.Likes);

        // The epoch stays for later frames of state events only.
        Assert.Null(queue.Take());
        Assert.True(queue.Add([Likes(4)]));
        Assert.Equal("new", queue.Epoch);
    }
}
