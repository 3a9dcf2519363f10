using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.LiveHost.Realtime;

// Moderation per room (v1.1): room moderators appointed and removed by the host; blocked words and
// shadow bans set by the host or a moderator.
public sealed partial class LiveHub
{
    public Task AddModerator(string roomId, string userId) =>
        RoomEndpoints.Room(grains, roomId).AddModerator(Caller, userId);

    public Task RemoveModerator(string roomId, string userId) =>
        RoomEndpoints.Room(grains, roomId).RemoveModerator(Caller, userId);

    public Task SetBlockedWords(string roomId, string[] words) =>
        RoomEndpoints.Room(grains, roomId).SetBlockedWords(Caller, words);

    public Task ShadowBan(string roomId, string userId, bool on) =>
        RoomEndpoints.Room(grains, roomId).ShadowBan(Caller, userId, on);
}
