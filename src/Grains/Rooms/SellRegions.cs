
namespace LiveCommerce.Grains.Rooms;

/// <summary>The room's <c>sellRegions</c> rule: empty sells everywhere; otherwise the caller's region must be listed.</summary>
public static class SellRegions
{
    public static bool Allows(string[] sellRegions, string? region) =>
        sellRegions.Length == 0 || (region is not null && sellRegions.Contains(region.ToUpperInvariant()));
}
