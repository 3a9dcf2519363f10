using System.Diagnostics.Metrics;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Grains.Telemetry;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.LiveHost.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Tests.Unit;

/// <summary>Presence: a host's tracker turns connections into transitions; the room's tally counts users once.</summary>
public sealed class AudienceTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    private static PresenceTracker NewTracker() =>
        new(new LiveCommerceMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()));

    private static PresenceReport Report(string host, bool full = false, string[]? joined = null, string[]? left = null, int guests = 0, int guestJoins = 0) =>
        new(host, Guid.Empty, full, joined ?? [], left ?? [], joined ?? [], guests, guestJoins);

    [Fact]
    public void The_tracker_reports_first_in_and_last_out_only()
    {
        var tracker = NewTracker();
        tracker.Join("c1", "r1", "ann");
        tracker.Join("c2", "r1", "ann"); // her second tab
        tracker.Join("c3", "r1", null);
        Assert.False(tracker.Join("c3", "r1", null)); // the same connection again counts nothing
        var first = Assert.Single(tracker.TakeReports(T0, Heartbeat)).Report;
        Assert.True(first.Full); // the first report to a room is whole
        Assert.Equal(["ann"], first.Joined);
        Assert.Equal((1, 1), (first.GuestsNow, first.GuestJoins));
        tracker.Acknowledge("r1", first, Guid.NewGuid());

        tracker.Leave("c1", "r1", "ann");
        var quiet = Assert.Single(tracker.TakeReports(T0.AddSeconds(1), Heartbeat)).Report;
        Assert.Equal((0, 0), (quiet.Joined.Length, quiet.Left.Length)); // ann is still here on c2
        tracker.Disconnect("c2", "ann");
        var second = Assert.Single(tracker.TakeReports(T0.AddSeconds(2), Heartbeat)).Report;
        Assert.False(second.Full);
        Assert.Empty(second.Joined);
        Assert.Equal(["ann"], second.Left);
    }

    [Fact]
    public void A_guest_connection_counts_one_view_per_room_however_often_it_rejoins()
    {
        var tracker = NewTracker();
        tracker.Join("g1", "r1", null);
        tracker.Leave("g1", "r1", null);
        tracker.Join("g1", "r1", null); // back: the same view
        tracker.Join("g1", "r2", null); // another room: a view there
        var reports = tracker.TakeReports(T0, Heartbeat).ToDictionary(r => r.RoomId, r => r.Report);
        Assert.Equal((1, 1), (reports["r1"].GuestsNow, reports["r1"].GuestJoins));
        Assert.Equal((1, 1), (reports["r2"].GuestsNow, reports["r2"].GuestJoins));
        Assert.Equal(1, tracker.ConnectionsIn("r1"));

        tracker.Disconnect("g1", null);
        Assert.Equal((0, 0), (tracker.ConnectionsIn("r1"), tracker.ConnectionsIn("r2")));
        tracker.Join("g1", "r1", null); // a connection id seen again after a disconnect is a new view
        Assert.Equal(1, tracker.TakeReports(T0.AddSeconds(1), Heartbeat).Single(r => r.RoomId == "r1").Report.GuestJoins);
    }

    [Fact]
    public void A_new_epoch_or_a_lost_report_makes_the_next_report_whole()
    {
        var tracker = NewTracker();
        tracker.Join("c1", "r1", "ann");
        var first = Assert.Single(tracker.TakeReports(T0, Heartbeat)).Report;
        var epoch = Guid.NewGuid();
        tracker.Acknowledge("r1", first, epoch);
        tracker.Join("c2", "r1", "bob");
        var delta = Assert.Single(tracker.TakeReports(T0.AddSeconds(1), Heartbeat)).Report;
        Assert.Equal((false, epoch), (delta.Full, delta.Epoch));

        tracker.Acknowledge("r1", delta, Guid.NewGuid()); // the room was reactivated: it lost our deltas
        var resend = Assert.Single(tracker.TakeReports(T0.AddSeconds(2), Heartbeat)).Report;
        Assert.True(resend.Full);
        Assert.Equal(["ann", "bob"], resend.Joined.Order());

        tracker.Failed("r1", resend);
        Assert.True(Assert.Single(tracker.TakeReports(T0.AddSeconds(3), Heartbeat)).Report.Full);
        // Quiet: nothing until the heartbeat is due.
        Assert.Empty(tracker.TakeReports(T0.AddSeconds(4), Heartbeat));
        Assert.Single(tracker.TakeReports(T0.AddSeconds(14), Heartbeat));
    }

    [Fact]
    public void The_tally_counts_a_user_on_two_hosts_once_and_guests_per_connection()
    {
        var tally = new AudienceTally();
        tally.Apply(Report("h1", full: true, joined: ["ann", "bob"], guests: 2), T0);
        tally.Apply(Report("h2", full: true, joined: ["ann"], guests: 1), T0);
        Assert.Equal(2 + 3, tally.Current);

        tally.Apply(Report("h1", left: ["ann"], guests: 2), T0);
        Assert.Equal(5, tally.Current); // ann is still on h2
        tally.Apply(Report("h2", full: true, joined: ["cid"], guests: 0), T0);
        Assert.Equal(2 + 2, tally.Current); // h2's full report replaced ann by cid and dropped its guest
    }

    [Fact]
    public void A_silent_host_is_dropped_with_its_audience()
    {
        var tally = new AudienceTally();
        tally.Apply(Report("h1", full: true, joined: ["ann"], guests: 1), T0);
        tally.Apply(Report("h2", full: true, joined: ["ann", "bob"]), T0.AddSeconds(20));
        Assert.False(tally.DropSilentHosts(T0.AddSeconds(30), TimeSpan.FromSeconds(30)));
        Assert.True(tally.DropSilentHosts(T0.AddSeconds(31), TimeSpan.FromSeconds(30)));
        Assert.Equal(2, tally.Current);
    }
}
