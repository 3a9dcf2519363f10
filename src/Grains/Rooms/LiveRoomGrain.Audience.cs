using LiveCommerce.Identity;
using LiveCommerce.Realtime;

namespace LiveCommerce.Rooms;

// Viewer counts from the hosts' presence reports, the room list entry, and the stats.
public sealed partial class LiveRoomGrain
{
    private readonly AudienceTally _tally = new();
    private readonly Guid _epoch = Guid.NewGuid();
    private ViewerCounts? _lastPublishedCounts;
    private RoomListing? _lastListing;

    private TimeSpan SilentHostTimeout => TimeSpan.FromSeconds(_options.PresenceHostTimeoutSeconds);

    public Task<Guid> ReportPresence(PresenceReport report)
    {
        if (S.Room is null || (!report.Full && report.Epoch != _epoch)) return Task.FromResult(_epoch);

        _tally.Apply(report, Now);
        // Every report is also a moment to forget hosts that went silent (the timer does it when none come).
        _tally.DropSilentHosts(Now, SilentHostTimeout);
        var audience = _audience.State;
        var changed = false;
        foreach (var user in report.Visited) changed |= audience.DistinctUsers.Add(user);
        foreach (var user in report.Joined) changed |= audience.DistinctUsers.Add(user);
        if (report.GuestJoins > 0)
        {
            audience.GuestViews += report.GuestJoins;
            changed = true;
        }
        if (_tally.Current > audience.Peak)
        {
            audience.Peak = _tally.Current;
            changed = true;
        }
        PublishViewerCounts();
        if (changed) _ = Commit(room: false, audience: true);
        return Task.FromResult(_epoch);
    }

    private ViewerCounts ViewerCounts() => new()
    {
        Current = _tally.Current,
        Peak = _audience.State.Peak,
        TotalViews = _audience.State.DistinctUsers.Count + _audience.State.GuestViews,
    };

    private void PublishViewerCounts()
    {
        var counts = ViewerCounts();
        if (counts == _lastPublishedCounts) return;
        _lastPublishedCounts = counts;
        _publisher.PublishRoom(RoomId, [new RoomEvent { Seq = null, Type = EventTypes.Viewers, At = Now, Data = counts }]);
    }

    public Task<RoomStats> GetStats(Caller caller)
    {
        RequireModerator(caller);
        var counts = ViewerCounts();
        return Task.FromResult(CommerceStats(new RoomStats
        {
            ViewersNow = counts.Current,
            PeakViewers = counts.Peak,
            TotalViews = counts.TotalViews,
            Comments = S.Comments,
            Likes = S.Likes,
        }));
    }

    private async Task HousekeepingAsync(CancellationToken cancellationToken)
    {
        if (S.Room is null) return;
        ExpireDueHolds();
        if (_tally.DropSilentHosts(Now, SilentHostTimeout)) PublishViewerCounts();
        await RefreshDirectoryAsync(force: false);
    }

    private async Task RefreshDirectoryAsync(bool force)
    {
        var room = S.Room!;
        var directory = GrainFactory.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key);
        // v1.1: scheduled and ended rooms are listed too (GET /api/rooms?status=).
        var listing = new RoomListing
        {
            RoomId = RoomId, Title = room.Title, HostId = room.HostId, Status = room.Status,
            Viewers = room.Status == RoomStatus.Live ? _tally.Current : 0,
            ScheduledAt = room.ScheduledAt, CoverImageUrl = room.CoverImageUrl, CreatedAt = room.CreatedAt, EndedAt = room.EndedAt,
        };
        if (!force && listing == _lastListing) return;
        await directory.Upsert(listing);
        _lastListing = listing;
    }
}
