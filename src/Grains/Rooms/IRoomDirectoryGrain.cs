using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Grains.Rooms;

/// <summary>The list of rooms (a single grain, key <see cref="Key"/>); rooms report into it.</summary>
[Alias("IRoomDirectoryGrain")]
public interface IRoomDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Upsert")] Task Upsert(RoomListing listing);
    [Alias("Remove")] Task Remove(string roomId);
    /// <summary>Live rooms, most viewers first.</summary>
    [Alias("ListLive")] Task<RoomListing[]> ListLive();
    /// <summary>v1.1: up to <paramref name="limit"/> rooms of one status (and host), in the status's order.</summary>
    [Alias("List")] Task<RoomListing[]> List(RoomQuery query);
}
