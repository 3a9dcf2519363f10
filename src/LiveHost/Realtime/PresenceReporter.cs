using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>Sends this host's audience changes to the rooms a few times a second.</summary>
public sealed class PresenceReporter(
    PresenceTracker tracker,
    IGrainFactory grains,
    IOptions<RealtimeOptions> options,
    ILogger<PresenceReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The real clock: reporting is plumbing, not business time (which tests may fake).
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.PresenceFlushMs));
        var heartbeat = TimeSpan.FromSeconds(options.Value.PresenceHeartbeatSeconds);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var reports = tracker.TakeReports(DateTime.UtcNow, heartbeat);
                await Task.WhenAll(reports.Select(r => SendAsync(r.RoomId, r.Report)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(string roomId, PresenceReport report)
    {
        try
        {
            var epoch = await grains.GetGrain<ILiveRoomGrain>(roomId).ReportPresence(report);
            tracker.Acknowledge(roomId, report, epoch);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Presence report to room {RoomId} failed; resending in full", roomId);
            tracker.Failed(roomId, report);
        }
    }
}
