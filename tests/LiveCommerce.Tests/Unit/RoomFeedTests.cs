using LiveCommerce.Client.Session;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.Tests.Unit;

/// <summary>The sample client's room feed: each log event shown once, in seq order, gaps chased with a resume.</summary>
public sealed class RoomFeedTests
{
    private readonly List<long> _shown = [];
    private readonly List<long> _snapshots = [];
    private readonly RoomFeed _feed;

    public RoomFeedTests() => _feed = new RoomFeed("r1", s => _snapshots.Add(s.Seq), e => _shown.Add(e.Seq ?? -1));

    private static RoomEvent Log(long seq) => new() { Seq = seq, Type = EventTypes.Comment, At = DateTime.UnixEpoch, Data = EmptyData.Instance };
    private static RoomEvent Likes() => new() { Type = EventTypes.Likes, At = DateTime.UnixEpoch, Data = new LikesData { Total = 1 } };
    private static RoomFrame Frame(params RoomEvent[] events) => new() { RoomId = "r1", Events = events };

    private static RoomSnapshot Snapshot(long seq) => new()
    {
        Room = new Room { RoomId = "r1", Title = "t", HostId = "h", Status = RoomStatus.Live, SellRegions = [], CreatedAt = DateTime.UnixEpoch },
        Seq = seq, Viewers = new ViewerCounts(), Likes = 0, Products = [], FlashSales = [], RecentComments = [],
    };

    [Fact]
    public void Frames_during_the_join_wait_for_the_snapshot_and_repeats_are_skipped()
    {
        Assert.False(_feed.OnFrame(Frame(Log(4), Log(5), Log(6))));
        Assert.Empty(_shown);
        _feed.Complete(Snapshot(5));
        Assert.Equal([5L], _snapshots);
        Assert.Equal([6L], _shown);
        Assert.False(_feed.OnFrame(Frame(Log(6), Log(7), Likes())));
        Assert.Equal([6L, 7L, -1L], _shown);
        Assert.Equal(7, _feed.LastSeq);
        Assert.False(_feed.OnFrame(Frame(Log(8)) with { RoomId = "other" }));
        Assert.Equal(7, _feed.LastSeq);
    }

    [Fact]
    public void A_gap_asks_for_a_resume_and_holds_the_rest_until_it_is_filled()
    {
        _feed.Complete(Snapshot(1));
        Assert.True(_feed.OnFrame(Frame(Log(2), Log(5), Log(6))));
        Assert.Equal([2L], _shown);
        Assert.False(_feed.OnFrame(Frame(Log(7)))); // held behind the resume
        Assert.Equal([2L], _shown);

        _feed.Complete(new ResumeResult { Events = [Log(3), Log(4)] }, fromSeq: 2);
        Assert.Equal([2L, 3L, 4L, 5L, 6L, 7L], _shown);
    }

    [Fact]
    public void A_resume_answered_with_a_snapshot_starts_over_from_it()
    {
        _feed.Complete(Snapshot(1));
        Assert.True(_feed.OnFrame(Frame(Log(3000))));
        _feed.Complete(new ResumeResult { Events = [], Snapshot = Snapshot(3000) }, fromSeq: 1);
        Assert.Equal([1L, 3000L], _snapshots);
        Assert.Empty(_shown); // 3000 is in the snapshot
        _feed.OnFrame(Frame(Log(3001)));
        Assert.Equal([3001L], _shown);
    }
}
