using System.Collections.Concurrent;
using LiveCommerce.Grains.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LiveHost.Operations;

/// <summary>
/// The hub connections this host holds and the invocations running on them, so that a shutdown can
/// refuse new work, wait for what is in flight, and close exactly this host's connections.
/// </summary>
public sealed class HostConnections(LiveCommerceMetrics metrics)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();
    private readonly object _gate = new();
    private int _inFlight;
    private TaskCompletionSource? _idle;

    /// <summary>Set once a shutdown has begun: no new connection or invocation is taken.</summary>
    public bool Draining { get; private set; }

    public int Count => _connections.Count;

    public IReadOnlyCollection<string> Ids => [.. _connections.Keys];

    public void Opened(HubCallerContext context)
    {
        if (_connections.TryAdd(context.ConnectionId, context)) metrics.ConnectionOpened();
    }

    public void Closed(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out _)) metrics.ConnectionClosed();
    }

    /// <summary>Counts an invocation in; false once draining (the caller refuses it).</summary>
    public bool TryBeginInvocation()
    {
        lock (_gate)
        {
            if (Draining) return false;
            _inFlight++;
            return true;
        }
    }

    public void EndInvocation()
    {
        lock (_gate)
        {
            if (--_inFlight == 0) _idle?.TrySetResult();
        }
    }

    /// <summary>Stops taking work; completes when no invocation is running any more.</summary>
    public Task BeginDrainAsync()
    {
        lock (_gate)
        {
            Draining = true;
            if (_inFlight == 0) return Task.CompletedTask;
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    /// <summary>Closes every connection of this host; clients see the close and reconnect elsewhere.</summary>
    public void AbortAll()
    {
        foreach (var context in _connections.Values) context.Abort();
    }
}
