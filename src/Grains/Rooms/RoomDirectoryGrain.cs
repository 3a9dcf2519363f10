using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Persistence;

namespace LiveCommerce.Grains.Rooms;

[GenerateSerializer, Alias("RoomDirectoryState")]
public sealed class RoomDirectoryState
{
    /// <summary>Every listed room, whatever its status (was: live rooms only).</summary>
    [Id(0)] public Dictionary<string, RoomListing> Rooms { get; set; } = [];
}

/// <summary>
/// The room list: scheduled, live and the most recent ended rooms. Stores a room when it is new or
/// its status changes; viewer figures are refreshed by the rooms every few seconds and need not be written.
/// </summary>
public sealed class RoomDirectoryGrain(
    [PersistentState("directory", StorageNames.Live)] IPersistentState<RoomDirectoryState> state) : Grain, IRoomDirectoryGrain
{
    /// <summary>Ended rooms kept in the list; older ones drop out (their rooms and logs stay).</summary>
    public const int EndedKept = 1_000;

    private Dictionary<string, RoomListing> Rooms => state.State.Rooms;

    public async Task Upsert(RoomListing listing)
    {
        var changed = !Rooms.TryGetValue(listing.RoomId, out var before) || before.Status != listing.Status;
        Rooms[listing.RoomId] = listing;
        if (!changed) return;
        if (listing.Status == RoomStatus.Ended) ForgetOldestEnded();
        await state.WriteStateAsync();
    }

    public async Task Remove(string roomId)
    {
        if (Rooms.Remove(roomId)) await state.WriteStateAsync();
    }

    public Task<RoomListing[]> ListLive() => Task.FromResult(RoomQuery.Live.Apply(Rooms.Values));

    public Task<RoomListing[]> List(RoomQuery query) => Task.FromResult(query.Apply(Rooms.Values));

    private void ForgetOldestEnded()
    {
        var ended = Rooms.Values.Where(l => l.Status == RoomStatus.Ended).ToList();
        if (ended.Count <= EndedKept) return;
        foreach (var old in ended.OrderBy(l => l.EndedAt ?? l.CreatedAt).Take(ended.Count - EndedKept)) Rooms.Remove(old.RoomId);
    }
}
