namespace LiveCommerce.Persistence;

/// <summary>
/// Group commit for a reentrant grain: every caller that changed state awaits <see cref="CommitAsync"/>;
/// changes made while a write is in flight go into the next write, so N concurrent calls cost about
/// two writes instead of N, and each caller is acknowledged only after a write that includes its change.
/// Runs on the grain's scheduler (one turn at a time), so it needs no locks.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>Completes when a write begun after this call has been stored; faults if that write fails.</summary>
    public Task CommitAsync()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = _next.Task;
        if (!_writing) _ = PumpAsync();
        return task;
    }

    private async Task PumpAsync()
    {
        _writing = true;
        try
        {
            while (_next is { } batch)
            {
                _next = null;
                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception e)
                {
                    batch.SetException(e);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
