using LiveCommerce.LiveHost.Realtime;

namespace LiveCommerce.Tests.Unit;

/// <summary>The pause between a room's frames: the interval, stretched by the audience within a deliveries budget.</summary>
public sealed class FramePacingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    [Theory]
    [InlineData(0, 50)]        // nobody here
    [InlineData(1_000, 50)]    // 20 frames/s × 1,000 = 20,000/s: within 40,000
    [InlineData(2_000, 50)]    // exactly the budget
    [InlineData(5_000, 125)]
    [InlineData(10_000, 250)]  // 4 frames/s × 10,000
    [InlineData(100_000, 1_000)] // never longer than a second
    public void Large_rooms_stretch_the_interval_to_stay_within_the_budget(int recipients, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), FramePacing.Pause(Interval, 40_000, recipients));

    [Fact]
    public void Without_a_budget_the_interval_is_kept_whatever_the_audience() =>
        Assert.Equal(Interval, FramePacing.Pause(Interval, 0, 50_000));

    [Theory]
    [InlineData(250, 50)]      // a small room: state as fast as anything else
    [InlineData(1_000, 200)]
    [InlineData(5_000, 1_000)]
    [InlineData(10_000, 1_000)] // a count at least once a second
    public void State_alone_is_paced_by_its_own_smaller_budget(int recipients, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), FramePacing.Pause(Interval, 5_000, recipients));

    [Fact]
    public void A_log_event_goes_at_once_while_state_alone_waits_for_its_pause()
    {
        var statePause = TimeSpan.FromSeconds(1);
        Assert.True(FramePacing.Due(hasLogEvents: true, TimeSpan.FromMilliseconds(250), statePause));
        Assert.False(FramePacing.Due(hasLogEvents: false, TimeSpan.FromMilliseconds(250), statePause));
        Assert.True(FramePacing.Due(hasLogEvents: false, TimeSpan.FromSeconds(1), statePause));
    }
}
