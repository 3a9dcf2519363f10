using LiveCommerce.Persistence;

namespace LiveCommerce.Rooms;

[GenerateSerializer, Alias("RoomDirectoryState")]
public sealed class RoomDirectoryState
{
    [Id(0)] public Dictionary<string, RoomListing> Live { get; set; } = [];
}

/// <summary>
/// The live-room list. Stores only which rooms are live; viewer figures are refreshed by the rooms
/// every few seconds and need not be written.
/// </summary>
public sealed class RoomDirectoryGrain(
    [PersistentState("directory", StorageNames.Live)] IPersistentState<RoomDirectoryState> state) : Grain, IRoomDirectoryGrain
{
    public async Task Upsert(RoomListing listing)
    {
        var isNew = !state.State.Live.ContainsKey(listing.RoomId);
        state.State.Live[listing.RoomId] = listing;
        if (isNew) await state.WriteStateAsync();
    }

    public async Task Remove(string roomId)
    {
        if (state.State.Live.Remove(roomId)) await state.WriteStateAsync();
    }

    public Task<RoomListing[]> ListLive() => Task.FromResult(
        state.State.Live.Values.OrderByDescending(l => l.Viewers).ThenBy(l => l.RoomId, StringComparer.Ordinal).ToArray());
}
