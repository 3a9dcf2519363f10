using LiveCommerce.Grains.Persistence;
using LiveCommerce.Tests.Infrastructure;

namespace LiveCommerce.Tests.Unit;

/// <summary>Group commit: callers during a write share the next one; each hears of the write that holds its change.</summary>
public sealed class GroupCommitTests
{
    private readonly List<TaskCompletionSource> _writes = [];
    private readonly ChangeSignal _writeStarted = new();
    private readonly GroupCommit _commit;

    public GroupCommitTests() => _commit = new GroupCommit(() =>
    {
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writes.Add(write);
        _writeStarted.Pulse();
        return write.Task;
    });

    /// <summary>Like a grain's scheduler: one turn at a time (what GroupCommit relies on for needing no locks).</summary>
    private static Task OneTurnAtATime(Func<Task> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();

    [Fact]
    public Task Callers_arriving_during_a_write_share_the_next_one() => OneTurnAtATime(async () =>
    {
        var first = _commit.CommitAsync();
        var second = _commit.CommitAsync();
        var third = _commit.CommitAsync();
        Assert.Single(_writes);

        _writes[0].SetResult();
        await first;
        Assert.False(second.IsCompleted); // its change may have come after the first write began
        await WritesStarted(2);
        _writes[1].SetResult();
        await Task.WhenAll(second, third);
        Assert.Equal(2, _writes.Count);
    });

    [Fact]
    public Task A_failed_write_fails_only_its_own_callers_and_the_next_write_still_runs() => OneTurnAtATime(async () =>
    {
        var first = _commit.CommitAsync();
        var second = _commit.CommitAsync();
        _writes[0].SetException(new IOException("disk"));
        await Assert.ThrowsAsync<IOException>(() => first);
        await WritesStarted(2);
        _writes[1].SetResult();
        await second;

        var later = _commit.CommitAsync();
        Assert.Equal(3, _writes.Count); // idle again: a new caller starts a write at once
        _writes[2].SetResult();
        await later;
    });

    /// <summary>The next write starts in a continuation of the last one: wait for the write factory to be called.</summary>
    private Task WritesStarted(int count) => _writeStarted.UntilAsync(() => _writes.Count == count, because: $"{count} writes started");
}
