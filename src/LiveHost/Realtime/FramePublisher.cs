using System.Diagnostics;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>
/// Sends room events as frames to the room's SignalR group. One sender loop per busy room keeps seq
/// order; events that arrive while a frame is being sent, or within the frame interval, share the next
/// frame, and of the state events only the newest per kind and key is kept. One frame to N viewers
/// instead of N×M single messages is what keeps a hot room cheap.
/// </summary>
public sealed class FramePublisher(
    IHubContext<LiveHub, ILiveClient> hub,
    IOptions<RealtimeOptions> options,
    PresenceTracker presence,
    UserConnections users,
    HubLifetimeManager<LiveHub> lifetime,
    LiveCommerceMetrics metrics,
    ILogger<FramePublisher> logger) : IRoomPublisher
{
    private readonly Dictionary<string, RoomFrameQueue> _rooms = [];
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(options.Value.FrameIntervalMs);
    private readonly int _deliveriesPerSecond = options.Value.RoomDeliveriesPerSecond;
    private readonly int _stateDeliveriesPerSecond = options.Value.StateDeliveriesPerSecond;
    // With a backplane the user may be on another host: SignalR's user send reaches them there.
    private readonly bool _singleHost = lifetime is DefaultHubLifetimeManager<LiveHub>;

    public void PublishRoom(string roomId, IReadOnlyList<RoomEvent> events) => Enqueue(roomId, epoch: null, events);

    public void PublishRoom(string roomId, string epoch, IReadOnlyList<RoomEvent> events) => Enqueue(roomId, epoch, events);

    private void Enqueue(string roomId, string? epoch, IReadOnlyList<RoomEvent> events)
    {
        lock (_rooms)
        {
            if (!_rooms.TryGetValue(roomId, out var queue)) _rooms[roomId] = queue = new RoomFrameQueue();
            var start = epoch is null ? queue.Add(events, metrics.StateEventCoalesced) : queue.Add(events, epoch, metrics.StateEventCoalesced);
            // A sender holding state back goes at once when a log event comes.
            if (queue.HasLogEvents) queue.LogArrived?.TrySetResult();
            if (!start) return;
        }
        _ = Task.Run(() => SendLoopAsync(roomId));
    }

    public void PublishPersonal(string userId, PersonalEvent evt) =>
        _ = SendPersonalAsync(userId, evt);

    private async Task SendLoopAsync(string roomId)
    {
        long sentAt = 0;
        var statePause = TimeSpan.Zero;
        while (true)
        {
            RoomEvent[]? batch = null;
            string? epoch = null;
            TaskCompletionSource? logArrived = null;
            lock (_rooms)
            {
                var queue = _rooms[roomId];
                if (sentAt == 0 || FramePacing.Due(queue.HasLogEvents, Stopwatch.GetElapsedTime(sentAt), statePause))
                {
                    queue.LogArrived = null;
                    epoch = queue.Epoch;
                    batch = queue.Take();
                    if (batch is null)
                    {
                        _rooms.Remove(roomId);
                        return;
                    }
                }
                else logArrived = queue.LogArrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            if (batch is null)
            {
                // Only state is waiting (or nothing yet): until the state pause has passed or a log event comes.
                var rest = statePause - Stopwatch.GetElapsedTime(sentAt);
                if (rest > TimeSpan.Zero) await Task.WhenAny(logArrived!.Task, Task.Delay(rest));
                continue;
            }
            // Not awaited: the group send writes synchronously to every connection that keeps up, and a
            // connection that does not (its buffers full) gets its writes queued behind its own write lock
            // in order, until the transport's send timeout or disconnect timeout drops it. Awaiting here
            // would hold the room's next frame for its slowest member.
            Observe(hub.Clients.Group(RoomGroups.Of(roomId)).RoomFrame(new RoomFrame { RoomId = roomId, Events = batch, Epoch = epoch }), roomId);
            sentAt = Stopwatch.GetTimestamp();
            var recipients = presence.ConnectionsIn(roomId);
            metrics.FrameSent("room", batch.Length, recipients);
            // Pacing runs on the real clock: business time (TimeProvider) may be a test's fake one.
            statePause = FramePacing.Pause(_interval, _stateDeliveriesPerSecond, recipients);
            var pause = FramePacing.Pause(_interval, _deliveriesPerSecond, recipients);
            if (pause > TimeSpan.Zero) await Task.Delay(pause);
        }
    }

    private void Observe(Task send, string roomId)
    {
        if (send.IsCompletedSuccessfully) return;
        _ = send.ContinueWith(
            t => logger.LogWarning(t.Exception, "Could not send a frame of room {RoomId}", roomId),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private async Task SendPersonalAsync(string userId, PersonalEvent evt)
    {
        try
        {
            var frame = new PersonalFrame { Events = [evt] };
            if (!_singleHost) await hub.Clients.User(userId).PersonalFrame(frame);
            else if (users.Of(userId) is { Length: > 0 } connections)
            {
                // One Client(id) each: SignalR's Clients(ids) filters every connection of the host (a 10,000-buyer scan per event).
                foreach (var id in connections) await hub.Clients.Client(id).PersonalFrame(frame);
            }
            else return;
            metrics.FrameSent("personal", 1, recipients: 1);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not send a personal event to {UserId}", userId);
        }
    }
}
