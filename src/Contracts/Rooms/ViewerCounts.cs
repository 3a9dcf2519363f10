using System.Runtime.Serialization;

namespace LiveCommerce.Contracts.Rooms;

/// <summary>Concurrent viewers now, the peak so far, and distinct views (users once, guests per connection).</summary>
[GenerateSerializer, Immutable, Alias("ViewerCounts"), DataContract]
public sealed record ViewerCounts
{
    [Id(0), DataMember(Name = "current")] public int Current { get; init; }
    [Id(1), DataMember(Name = "peak")] public int Peak { get; init; }
    [Id(2), DataMember(Name = "totalViews")] public long TotalViews { get; init; }
}
