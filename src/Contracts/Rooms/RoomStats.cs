using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Rooms;

/// <summary>A room's numbers for its host. <c>conversionRate</c> = distinct paying buyers / distinct viewers.</summary>
[GenerateSerializer, Immutable, Alias("RoomStats"), DataContract]
public sealed record RoomStats
{
    [Id(0), DataMember(Name = "viewersNow")] public int ViewersNow { get; init; }
    [Id(1), DataMember(Name = "peakViewers")] public int PeakViewers { get; init; }
    [Id(2), DataMember(Name = "totalViews")] public long TotalViews { get; init; }
    [Id(3), DataMember(Name = "comments")] public long Comments { get; init; }
    [Id(4), DataMember(Name = "likes")] public long Likes { get; init; }
    [Id(5), DataMember(Name = "addToCarts")] public long AddToCarts { get; init; }
    [Id(6), DataMember(Name = "orders")] public long Orders { get; init; }
    [Id(7), DataMember(Name = "unitsSold")] public long UnitsSold { get; init; }
    [Id(8), DataMember(Name = "gmv")] public decimal Gmv { get; init; }
    [Id(9), DataMember(Name = "conversionRate")] public double ConversionRate { get; init; }
}
