using System.Runtime.Serialization;
using LiveCommerce.Hosting;
using LiveCommerce.Rooms;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Health;

[DataContract]
public sealed record ClusterSilo(
    [property: DataMember(Name = "address")] string Address,
    [property: DataMember(Name = "siloPort")] int SiloPort,
    [property: DataMember(Name = "status")] string Status);

[DataContract]
public sealed record ClusterStatus(
    [property: DataMember(Name = "clusterId")] string ClusterId,
    [property: DataMember(Name = "self")] ClusterSilo Self,
    [property: DataMember(Name = "silos")] ClusterSilo[] Silos,
    [property: DataMember(Name = "roomId")] string? RoomId,
    /// <summary>The silos on which the room grain is active now (normally one; empty when not active).</summary>
    [property: DataMember(Name = "roomActiveOn")] ClusterSilo[]? RoomActiveOn);

/// <summary>
/// <c>GET /health/cluster[?room=ID]</c>: this host's silo, the silos it sees, and where a room's grain
/// is active. Diagnostics for operators and the cluster tests; on only with <c>Orleans:ClusterDiagnostics=true</c>.
/// </summary>
public static class ClusterStatusEndpoint
{
    public static void MapClusterStatus(this WebApplication app)
    {
        if (!app.Configuration.GetValue($"{SiloOptions.Section}:ClusterDiagnostics", false)) return;
        app.MapGet("/health/cluster", async (string? room, IGrainFactory grains, ILocalSiloDetails local, IOptions<SiloOptions> silo) =>
        {
            var management = grains.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: false);
            ClusterSilo Describe(SiloAddress address, SiloStatus status) =>
                new(address.ToParsableString(), address.Endpoint.Port, status.ToString());

            ClusterSilo[]? activeOn = null;
            string? roomId = null;
            if (room is not null)
            {
                roomId = Validate.Id(room, "room");
                var grainId = grains.GetGrain<ILiveRoomGrain>(roomId).GetGrainId();
                var active = hosts.Where(h => h.Value == SiloStatus.Active).Select(h => h.Key).ToArray();
                var statistics = await management.GetDetailedGrainStatistics(hostsIds: active);
                activeOn = statistics.Where(s => s.GrainId == grainId)
                    .Select(s => Describe(s.SiloAddress, hosts.GetValueOrDefault(s.SiloAddress, SiloStatus.None))).ToArray();
            }
            return Results.Ok(new ClusterStatus(
                silo.Value.ClusterId,
                Describe(local.SiloAddress, SiloStatus.Active),
                hosts.OrderBy(h => h.Key.Endpoint.Port).Select(h => Describe(h.Key, h.Value)).ToArray(),
                roomId,
                activeOn));
        }).WithTags("Health");
    }
}
