using LiveCommerce.LoadTests.Client;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;

namespace LiveCommerce.LoadTests.Tests;

public sealed class EngineTests
{
    [Fact]
    public void Simulations_place_actions_as_named()
    {
        var window = TimeSpan.FromSeconds(10);
        Assert.Equal(TimeSpan.Zero, LoadSimulation.Parse("burst", window).OffsetOf(99, 100));
        Assert.Equal(TimeSpan.FromSeconds(5), LoadSimulation.Parse("constant", window).OffsetOf(50, 100));
        // Linear ramp of the rate: a quarter of the actions have started at half the window.
        Assert.Equal(TimeSpan.FromSeconds(5), LoadSimulation.Parse("ramp", window).OffsetOf(25, 100));
        Assert.Equal(TimeSpan.FromSeconds(2), new Rate(50).OffsetOf(100, 1000));
        Assert.Throws<ArgumentException>(() => LoadSimulation.Parse("sideways", window));
    }

    [Fact]
    public async Task The_injector_hands_out_intended_times_and_survives_failing_actions()
    {
        var due = new long[5];
        await Injector.RunAsync(5, new Rate(100), (i, t) =>
        {
            due[i] = t;
            return i == 2 ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask;
        }, CancellationToken.None);
        for (var i = 1; i < 5; i++) Assert.InRange(due[i] - due[i - 1], 9_000, 11_000); // 10 ms apart, by schedule
    }

    [Fact]
    public void Seq_tracking_finds_gaps_reorders_and_a_lost_tail()
    {
        var t = new SeqTracker();
        t.Observe(11); // before the snapshot is handled: held, then replayed
        t.Start(10);
        t.Observe(10); // in the snapshot already: fine
        t.Observe(12);
        t.Observe(15); // 13, 14 missing
        t.Observe(14); // late
        t.Finish(17);  // 16, 17 never came
        Assert.Equal(4, t.Missed);
        Assert.Equal(1, t.OutOfOrder);
    }

    [Fact]
    public void Seq_tracking_forgives_what_was_missed_while_away()
    {
        var t = new SeqTracker();
        t.Start(0);
        t.Observe(1);
        t.Pause();
        t.Observe(6); // arrives after the rejoin's group add, before the snapshot is handled
        t.Restart(5);
        t.Finish(6);
        Assert.Equal(0, t.Missed);
        Assert.Equal(0, t.OutOfOrder);
    }

    [Theory]
    [InlineData("An unexpected error occurred invoking 'SendComment' on the server. HubException: rate_limited: slow down", "rate_limited")]
    [InlineData("forbidden: only the room's host can pin products", "forbidden")]
    [InlineData("Method does not exist.", "hub_error")]
    public void Hub_errors_are_grouped_by_their_code(string message, string code) =>
        Assert.Equal(code, FailureCode.FromHubMessage(message));

    [Fact]
    public void Send_stamps_round_trip_through_comment_text()
    {
        Assert.Equal(1234567890123L, EventText.Stamp(EventText.Stamped(1234567890123L, "#7")));
        Assert.Null(EventText.Stamp("hello"));
        Assert.Null(EventText.Stamp(null));
    }
}
