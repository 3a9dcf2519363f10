using System.Runtime.Serialization;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Hosting;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Health;

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
    [property: DataMember(Name = "roomActiveOn")] ClusterSilo[]? RoomActiveOn,
    [property: DataMember(Name = "saleId")] string? SaleId,
    /// <summary>The silos on which the flash sale's grain is active now.</summary>
    [property: DataMember(Name = "saleActiveOn")] ClusterSilo[]? SaleActiveOn);

/// <summary>
/// <c>GET /health/cluster[?room=ID][&amp;sale=ID]</c>: this host's silo, the silos it sees, and where a
/// room's grain and a flash sale's grain are active. Diagnostics for operators and the cluster tests; on only with <c>Orleans:ClusterDiagnostics=true</c>.
/// </summary>
public static class ClusterStatusEndpoint
{
    public static void MapClusterStatus(this WebApplication app)
    {
        if (!app.Configuration.GetValue($"{SiloOptions.Section}:ClusterDiagnostics", false)) return;
        app.MapGet("/health/cluster", async (string? room, string? sale, IGrainFactory grains, ILocalSiloDetails local, IOptions<SiloOptions> silo) =>
        {
            var management = grains.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: false);
            ClusterSilo Describe(SiloAddress address) =>
                new(address.ToParsableString(), address.Endpoint.Port, hosts.GetValueOrDefault(address, SiloStatus.None).ToString());

            var roomId = room is null ? null : Validate.Id(room, "room");
            var saleId = sale is null ? null : Validate.Id(sale, "sale");
            DetailedGrainStatistic[] statistics = [];
            if (roomId is not null || saleId is not null)
            {
                var active = hosts.Where(h => h.Value == SiloStatus.Active).Select(h => h.Key).ToArray();
                statistics = await management.GetDetailedGrainStatistics(hostsIds: active);
            }
            ClusterSilo[]? ActiveOn(GrainId? grain) =>
                grain is { } id ? statistics.Where(s => s.GrainId == id).Select(s => Describe(s.SiloAddress)).ToArray() : null;

            return Results.Ok(new ClusterStatus(
                silo.Value.ClusterId,
                Describe(local.SiloAddress),
                hosts.Keys.OrderBy(h => h.Endpoint.Port).Select(Describe).ToArray(),
                roomId,
                ActiveOn(roomId is null ? null : grains.GetGrain<ILiveRoomGrain>(roomId).GetGrainId()),
                saleId,
                ActiveOn(saleId is null ? null : grains.GetGrain<IFlashSaleGrain>(saleId).GetGrainId())));
        }).WithTags("Health");
    }
}
