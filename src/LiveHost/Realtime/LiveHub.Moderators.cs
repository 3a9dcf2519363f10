using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.LiveHost.Realtime;

// Room moderators (v1.1): appointed and removed by the room's host.
public sealed partial class LiveHub
{
    public Task AddModerator(string roomId, string userId) =>
        RoomEndpoints.Room(grains, roomId).AddModerator(Caller, userId);

    public Task RemoveModerator(string roomId, string userId) =>
        RoomEndpoints.Room(grains, roomId).RemoveModerator(Caller, userId);
}
