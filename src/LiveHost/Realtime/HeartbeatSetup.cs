using LiveCommerce.Grains.Realtime;
using LiveCommerce.LiveHost.Info;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>
/// v1.1 heartbeat and epochs: the room grains send <c>head {seq, epoch}</c> on a quiet live room every
/// <c>Realtime:HeartbeatSeconds</c> (one grain timer per room, not one per connection or host) and stamp
/// frames and snapshots with the log's epoch.
/// </summary>
public static class HeartbeatSetup
{
    public static void AddLiveHeartbeat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HeartbeatOptions>().BindConfiguration(HeartbeatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddServerFeature("heartbeat");
    }
}
