using System.Diagnostics;
using LiveCommerce.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Grains.Persistence;

/// <summary>
/// Group commit for a reentrant grain: every caller that changed state awaits <see cref="CommitAsync"/>;
/// changes made while a write is in flight go into the next write, so N concurrent calls cost about
/// two writes instead of N, and each caller is acknowledged only after a write that includes its change.
/// Runs on the grain's scheduler (one turn at a time), so it needs no locks. With <paramref name="metrics"/>,
/// each write records its batch size and latency and runs in a <c>group_commit {grainType}</c> span; with
/// <paramref name="logger"/>, a failed write nobody awaits (<see cref="CommitInBackground"/>) is logged.
/// </summary>
public sealed class GroupCommit(Func<Task> write, LiveCommerceMetrics? metrics = null, string grainType = "grain", ILogger? logger = null)
{
    private TaskCompletionSource? _next;
    private int _nextCallers;
    private bool _writing;

    /// <summary>Completes when a write begun after this call has been stored; faults if that write fails.</summary>
    public Task CommitAsync()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _nextCallers++;
        var task = _next.Task;
        if (!_writing) _ = PumpAsync();
        return task;
    }

    /// <summary>
    /// A write that no caller awaits (figures, expired holds, forgotten follow-ups: nothing acknowledged
    /// waits on it). Its failure is observed and logged; the grain's own failure handling applies as usual.
    /// </summary>
    public void CommitInBackground() => _ = ObserveAsync(CommitAsync());

    private async Task ObserveAsync(Task commit)
    {
        try
        {
            await commit;
        }
        catch (Exception e)
        {
            logger?.LogWarning(e, "A background write of a {GrainType} grain failed", grainType);
        }
    }

    // Never throws: each batch's failure goes to the callers awaiting that batch.
    private async Task PumpAsync()
    {
        _writing = true;
        try
        {
            while (_next is { } batch)
            {
                var callers = _nextCallers;
                (_next, _nextCallers) = (null, 0);
                using var span = LiveCommerceMetrics.ActivitySource.StartActivity($"group_commit {grainType}");
                span?.SetTag(LiveCommerceMetrics.GrainKey, grainType);
                span?.SetTag("livecommerce.group_commit.batch.size", callers);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await write();
                    metrics?.GroupCommitted(grainType, callers, Stopwatch.GetElapsedTime(started), failed: false);
                    batch.SetResult();
                }
                catch (Exception e)
                {
                    metrics?.GroupCommitted(grainType, callers, Stopwatch.GetElapsedTime(started), failed: true);
                    span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
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
