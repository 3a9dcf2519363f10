using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Tests.Unit;

/// <summary>The outbox delivers only stored follow-ups, in order, each until acknowledged.</summary>
public sealed class OutboxTests
{
    private sealed record Note(string Text) : FollowUp;

    private readonly OutboxState _state = new();
    private readonly List<string> _delivered = [];
    private readonly HashSet<string> _failing = [];
    private readonly Outbox _outbox;

    public OutboxTests() => _outbox = new Outbox(() => _state, f =>
    {
        var text = ((Note)f).Text;
        if (_failing.Contains(text)) throw new TimeoutException(text);
        _delivered.Add(text);
        return Task.CompletedTask;
    });

    [Fact]
    public async Task Only_what_a_finished_write_stored_goes_out()
    {
        _outbox.Add(new Note("a"));
        var mark = _outbox.Mark();
        _outbox.Add(new Note("b")); // after the write began: not stored yet
        Assert.Equal(0, await _outbox.DeliverAsync());
        _outbox.Stored(mark);
        Assert.Equal(1, await _outbox.DeliverAsync());
        Assert.Equal(["a"], _delivered);
        Assert.True(_outbox.HasPending);
        _outbox.Stored(_outbox.Mark());
        Assert.Equal(1, await _outbox.DeliverAsync());
        Assert.Equal(["a", "b"], _delivered);
        Assert.False(_outbox.HasPending);
    }

    [Fact]
    public async Task A_failure_keeps_it_and_everything_after_it_for_the_next_try_in_order()
    {
        _outbox.Add(new Note("a"));
        _outbox.Add(new Note("b"));
        _outbox.Add(new Note("c"));
        _outbox.Stored(_outbox.Mark());
        _failing.Add("b");
        Assert.Equal(1, await _outbox.DeliverAsync());
        Assert.Equal(0, await _outbox.DeliverAsync()); // still failing: nothing more
        Assert.Equal(["b", "c"], _state.Pending.Select(p => ((Note)p).Text));

        _failing.Clear();
        Assert.Equal(2, await _outbox.DeliverAsync());
        Assert.Equal(["a", "b", "c"], _delivered);
        Assert.Equal(3, _state.LastSeq);
    }
}
