using LiveCommerce.Client.Session;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Tests.Unit;

/// <summary>The sample client's room feed and v1.1 heartbeats and epochs: a head beyond what it has means resume, a new epoch means snapshot.</summary>
public sealed class RoomFeedHeartbeatTests
{
    private readonly List<long> _shown = [];
    private readonly List<long> _snapshots = [];
    private readonly RoomFeed _feed;

    public RoomFeedHeartbeatTests() => _feed = new RoomFeed("r1", s => _snapshots.Add(s.Seq), e => _shown.Add(e.Seq ?? -1));

    private static RoomEvent Log(long seq) => new() { Seq = seq, Type = EventTypes.Comment, At = DateTime.UnixEpoch, Data = EmptyData.Instance };
    private static RoomEvent Head(long seq, string epoch) => new() { Type = EventTypes.Head, At = DateTime.UnixEpoch, Data = new HeadData { Seq = seq, Epoch = epoch } };
    private static RoomFrame Frame(string? epoch, params RoomEvent[] events) => new() { RoomId = "r1", Events = events, Epoch = epoch };

    private static RoomSnapshot Snapshot(long seq, string epoch) => new()
    {
        Room = new Room { RoomId = "r1", Title = "t", HostId = "h", Status = RoomStatus.Live, SellRegions = [], CreatedAt = DateTime.UnixEpoch },
        Seq = seq, Epoch = epoch, Viewers = new ViewerCounts(), Likes = 0, Products = [], FlashSales = [], RecentComments = [],
    };

    [Fact]
    public void A_head_at_the_last_seq_is_quiet_and_one_beyond_it_asks_for_a_resume()
    {
        _feed.Complete(Snapshot(5, "e1"));
        Assert.Equal("e1", _feed.Epoch);
        Assert.Equal(FeedNeed.Nothing, _feed.Receive(Frame("e1", Head(5, "e1"))));
        Assert.Empty(_shown); // heads are not shown

        // Seq 6 and 7 went out in a frame that never arrived; the head reveals them.
        Assert.Equal(FeedNeed.Resume, _feed.Receive(Frame("e1", Head(7, "e1"))));
        _feed.Complete(new ResumeResult { Events = [Log(6), Log(7)] }, fromSeq: 5);
        Assert.Equal([6L, 7L], _shown);
        Assert.Equal(FeedNeed.Nothing, _feed.Receive(Frame("e1", Head(7, "e1"))));
    }

    [Fact]
    public void A_new_epoch_asks_for_a_fresh_snapshot_and_drops_what_was_held_from_the_old_log()
    {
        _feed.Complete(Snapshot(40, "e1"));
        // The room's log was lost and restarted: seq 3 of the new log must not be taken for an old one.
        Assert.Equal(FeedNeed.Snapshot, _feed.Receive(Frame("e2", Log(3))));
        Assert.Empty(_shown);
        // While the snapshot is on its way, a late frame of the old log is held, then dropped.
        Assert.Equal(FeedNeed.Nothing, _feed.Receive(Frame("e1", Log(41))));
        _feed.Complete(Snapshot(2, "e2"));
        Assert.Equal([40L, 2L], _snapshots);
        Assert.Equal([3L], _shown);
        Assert.Equal("e2", _feed.Epoch);
        Assert.Equal(3, _feed.LastSeq);
    }

    [Fact]
    public void A_head_of_a_new_epoch_asks_for_a_snapshot_and_frames_without_an_epoch_are_trusted()
    {
        _feed.Complete(Snapshot(10, "e1"));
        Assert.Equal(FeedNeed.Nothing, _feed.Receive(Frame(null, Log(11))));
        Assert.Equal(FeedNeed.Snapshot, _feed.Receive(Frame("e1", Head(1, "e2"))));
    }
}
