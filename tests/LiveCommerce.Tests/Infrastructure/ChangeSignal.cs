namespace LiveCommerce.Tests.Infrastructure;

/// <summary>
/// Lets a test await a condition on something a callback changes (frames received, events published,
/// activities stopped): the callback pulses after each change, the test re-checks on each pulse. No polling;
/// the timeout only bounds a failure.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = New();

    /// <summary>Call after the change is visible to readers.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, New()).TrySetResult();

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="because"/> if not within the timeout.</summary>
    public async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            // Taken before the check: a change after the check completes this very task.
            var changed = Volatile.Read(ref _next).Task;
            if (condition()) return;
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                if (condition()) return;
                throw new TimeoutException($"condition not met in time: {because ?? "(no description)"}");
            }
        }
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
