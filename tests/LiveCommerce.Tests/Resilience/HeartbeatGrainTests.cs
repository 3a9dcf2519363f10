using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Resilience;

/// <summary>The room grain's heartbeat on the test cluster's fake clock, and its epoch across activations.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HeartbeatGrainTests(ClusterFixture fixture)
{
    private static readonly Caller Host = Caller.User("beat-host", Roles.Host, "Host");

    private async Task<(string RoomId, ILiveRoomGrain Room)> RoomAsync(bool live)
    {
        var roomId = "hb" + Guid.NewGuid().ToString("N")[..10];
        var room = fixture.Grains.GetGrain<ILiveRoomGrain>(roomId);
        await room.Create(Host, new CreateRoomRequest { Title = "Beat" });
        if (live) await room.Start(Host);
        return (roomId, room);
    }

    private static HeadData[] Heads(string roomId) =>
        [.. ClusterFixture.Publisher.Of(roomId).Where(e => e.Type == EventTypes.Head).Select(e => (HeadData)e.Data)];

    /// <summary>Moves the fake clock by the heartbeat period (default 5 s) and waits for the head the grain's tick publishes.</summary>
    private static async Task<bool> AfterQuietPeriod(Func<bool> heard)
    {
        ClusterFixture.Time.Advance(TimeSpan.FromSeconds(5));
        await ClusterFixture.Publisher.UntilAsync(heard, "a head after the heartbeat period");
        return heard();
    }

    [Fact]
    public async Task A_quiet_live_room_sends_head_on_the_heartbeat_and_a_scheduled_room_does_not()
    {
        var (liveId, live) = await RoomAsync(live: true);
        var (scheduledId, _) = await RoomAsync(live: false);
        // Heads go to rooms someone watches: one viewer on one host, for both.
        foreach (var room in new[] { live, fixture.Grains.GetGrain<ILiveRoomGrain>(scheduledId) })
            await room.ReportPresence(new PresenceReport("beat-host-1", Guid.Empty, Full: true, ["viewer1"], [], ["viewer1"], GuestsNow: 0, GuestJoins: 0));
        var snapshot = await live.GetSnapshot();

        Assert.True(await AfterQuietPeriod(() => Heads(liveId).Length > 0), "a head from the quiet live room");
        Assert.Equal(new HeadData { Seq = snapshot.Seq, Epoch = snapshot.Epoch }, Heads(liveId)[^1]);

        // A comment is news: the next head carries its seq.
        var comment = await live.Comment(Caller.User("u1"), "hello");
        Assert.True(await AfterQuietPeriod(() => Heads(liveId).Any(h => h.Seq == comment.Seq)), "a head naming the comment's seq");
        Assert.Empty(Heads(scheduledId));
    }

    [Fact]
    public async Task A_live_room_nobody_watches_sends_no_head()
    {
        var (roomId, _) = await RoomAsync(live: true);
        var (watchedId, watched) = await RoomAsync(live: true);
        await watched.ReportPresence(new PresenceReport("beat-host-2", Guid.Empty, Full: true, [], [], [], GuestsNow: 1, GuestJoins: 1));
        // Both rooms tick every second: once the watched one has sent two heads, a second apart at least, the unwatched one had its chance.
        Assert.True(await AfterQuietPeriod(() => Heads(watchedId).Length > 0), "a head from the watched room");
        Assert.True(await AfterQuietPeriod(() => Heads(watchedId).Length > 1), "a second head from the watched room");
        Assert.Empty(Heads(roomId));
    }

    [Fact]
    public async Task The_epoch_is_stored_with_the_room_and_survives_a_new_activation()
    {
        var (_, room) = await RoomAsync(live: true);
        var before = await room.GetSnapshot();
        Assert.False(string.IsNullOrEmpty(before.Epoch));

        await room.Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        var comment = await room.Comment(Caller.User("u1"), "after a move");
        var after = await room.GetSnapshot();
        Assert.Equal(before.Epoch, after.Epoch);
        Assert.Equal(before.Seq + 1, comment.Seq);
    }
}
