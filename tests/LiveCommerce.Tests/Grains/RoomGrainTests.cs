using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Identity;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Grains;

/// <summary>Room rules on a TestCluster: seq order, pins, viewer counts, resume window, moderation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoomGrainTests(ClusterFixture fixture)
{
    private static readonly Caller Host = Caller.User("grain-host", Roles.Host, "Host");
    private static readonly Caller Mod = Caller.User("mod", Roles.Moderator);

    private async Task<ILiveRoomGrain> LiveRoom()
    {
        var room = fixture.Grains.GetGrain<ILiveRoomGrain>("g" + Guid.NewGuid().ToString("N")[..10]);
        await room.Create(Host, new CreateRoomRequest { Title = "Grain test" });
        await room.AddProduct(Host, new AddProductRequest { ProductId = "p1", Name = "One", Price = 5m, Currency = "usd", Stock = 10 });
        await room.AddProduct(Host, new AddProductRequest { ProductId = "p2", Name = "Two", Price = 7.5m, Currency = "USD", Stock = 3 });
        await room.Start(Host);
        return room;
    }

    [Fact]
    public async Task Concurrent_comments_get_gapless_seqs_published_in_order()
    {
        var room = await LiveRoom();
        var start = (await room.GetSnapshot()).Seq;
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => room.Comment(Caller.User($"u{i}"), $"hello {i}")));

        Assert.Equal(Enumerable.Range(1, 100).Select(i => start + i), results.Select(r => r.Seq).Order());
        var published = ClusterFixture.Publisher.Of(room.GetPrimaryKeyString()).Where(e => e.Seq > start).Select(e => e.Seq!.Value).ToList();
        Assert.Equal(Enumerable.Range(1, 100).Select(i => start + i), published);
        var snapshot = await room.GetSnapshot();
        Assert.Equal(start + 100, snapshot.Seq);
        Assert.Equal(50, snapshot.RecentComments.Length);
    }

    [Fact]
    public async Task Pin_and_unpin_are_logged_and_shown_in_the_snapshot()
    {
        var room = await LiveRoom();
        await room.Pin(Host, "p2");
        Assert.Equal("p2", (await room.GetSnapshot()).Pinned?.ProductId);
        await room.Unpin(Host);
        await room.Unpin(Host); // nothing pinned: no second event
        var snapshot = await room.GetSnapshot();
        Assert.Null(snapshot.Pinned);
        var types = ClusterFixture.Publisher.Of(room.GetPrimaryKeyString()).Where(e => e.Seq is not null).Select(e => e.Type).ToList();
        Assert.Equal([EventTypes.RoomStatus, EventTypes.Pinned, EventTypes.Unpinned], types);

        var viewer = Caller.User("v");
        var error = await Assert.ThrowsAsync<LiveCommerceException>(() => room.Pin(viewer, "p1"));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.Pin(Caller.Guest, "p1"))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.Pin(Host, "p9"))).Code);
        Assert.Equal(snapshot.Seq, (await room.GetSnapshot()).Seq);
    }

    [Fact]
    public async Task Viewer_counts_take_each_user_once_across_hosts_and_drop_a_silent_host()
    {
        var room = await LiveRoom();
        var e1 = await room.ReportPresence(new PresenceReport("hostA", Guid.Empty, true, ["ann", "bob"], [], ["ann", "bob"], 2, 2));
        var e2 = await room.ReportPresence(new PresenceReport("hostB", Guid.Empty, true, ["ann", "cid"], [], ["ann", "cid"], 1, 1));
        Assert.Equal(e1, e2);
        var counts = (await room.GetSnapshot()).Viewers;
        Assert.Equal(new ViewerCounts { Current = 6, Peak = 6, TotalViews = 6 }, counts); // ann, bob, cid + 3 guests

        // A delta against a stale epoch is ignored (the host resends in full).
        await room.ReportPresence(new PresenceReport("hostA", Guid.NewGuid(), false, [], ["bob"], [], 2, 0));
        Assert.Equal(6, (await room.GetSnapshot()).Viewers.Current);

        await room.ReportPresence(new PresenceReport("hostA", e1, false, [], ["ann", "bob"], [], 0, 0));
        Assert.Equal(new ViewerCounts { Current = 3, Peak = 6, TotalViews = 6 }, (await room.GetSnapshot()).Viewers); // ann still on hostB

        // A brief visit that began and ended between two reports still counts as a view.
        await room.ReportPresence(new PresenceReport("hostA", e1, false, [], [], ["dan"], 0, 0));
        Assert.Equal(7, (await room.GetSnapshot()).Viewers.TotalViews);

        // hostB goes silent past the timeout: at hostA's next report its viewers stop counting.
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(31));
        await room.ReportPresence(new PresenceReport("hostA", e1, false, ["eve"], [], ["eve"], 0, 0));
        Assert.Equal(new ViewerCounts { Current = 1, Peak = 6, TotalViews = 8 }, (await room.GetSnapshot()).Viewers);
    }

    [Fact]
    public async Task Resume_returns_missed_events_within_the_window_and_a_snapshot_beyond_it()
    {
        var room = await LiveRoom();
        for (var i = 0; i < 1_300; i++) await room.Comment(Host, $"c{i}");
        var last = (await room.GetSnapshot()).Seq;

        var recent = await room.GetEventsSince(last - 20);
        Assert.Null(recent.Snapshot);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => last - 20 + i), recent.Events.Select(e => e.Seq!.Value));

        var edge = await room.GetEventsSince(last - 1_000);
        Assert.Equal(1_000, edge.Events.Length);

        var tooOld = await room.GetEventsSince(1);
        Assert.Empty(tooOld.Events);
        Assert.Equal(last, tooOld.Snapshot!.Seq);

        Assert.Empty((await room.GetEventsSince(last)).Events);
        Assert.Equal(ErrorCodes.InvalidArgument, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.GetEventsSince(-1))).Code);
    }

    [Fact]
    public async Task The_default_flood_limit_refuses_the_eleventh_comment_and_slow_mode_and_mutes_follow_the_clock()
    {
        var room = await LiveRoom();
        var ann = Caller.User("ann");
        for (var i = 0; i < 10; i++) await room.Comment(ann, $"burst {i}");
        Assert.Equal(ErrorCodes.RateLimited, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.Comment(ann, "11th"))).Code);

        var bob = Caller.User("bob");
        await room.SetSlowMode(Mod, 30);
        await room.Comment(bob, "first");
        Assert.Equal(ErrorCodes.RateLimited, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.Comment(bob, "too soon"))).Code);
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(31));
        await room.Comment(bob, "later");

        await room.MuteUser(Host, "bob", 60);
        Assert.Equal(ErrorCodes.Muted, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.Comment(bob, "muted?"))).Code);
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(61));
        await room.Comment(bob, "free again");

        await room.Comment(Host, "the host is exempt from slow mode");
        await room.Comment(Host, "twice in a row");
    }

    [Fact]
    public async Task A_room_that_does_not_exist_refuses_everything()
    {
        var room = fixture.Grains.GetGrain<ILiveRoomGrain>("never-created");
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.GetSnapshot())).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<LiveCommerceException>(() => room.Comment(Caller.User("x"), "hi"))).Code);
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<LiveCommerceException>(async () =>
        {
            var existing = await LiveRoom();
            await existing.Create(Host, new CreateRoomRequest { Title = "again" });
        })).Code);
    }
}
