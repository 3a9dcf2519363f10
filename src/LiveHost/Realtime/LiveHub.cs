using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.LiveHost.Identity;
using LiveCommerce.LiveHost.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>
/// The hub <c>/hubs/live</c>. Thin: it knows who calls, validates the room id, makes one grain call.
/// Joining adds the connection to the room's group before the snapshot is taken, so no event falls
/// between them (an event may arrive both in the snapshot and a frame: clients skip seq ≤ snapshot seq).
/// </summary>
public sealed partial class LiveHub(IGrainFactory grains, PresenceTracker presence) : Hub<ILiveClient>
{
    private Caller Caller => Context.User.ToCaller();

    public async Task<RoomSnapshot> JoinRoom(string roomId)
    {
        var room = RoomEndpoints.Room(grains, roomId);
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomGroups.Of(roomId));
        try
        {
            var snapshot = await room.GetSnapshot();
            presence.Join(Context.ConnectionId, roomId, Caller.UserId);
            return snapshot;
        }
        catch
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, RoomGroups.Of(roomId));
            throw;
        }
    }

    public async Task LeaveRoom(string roomId)
    {
        RoomEndpoints.Room(grains, roomId);
        presence.Leave(Context.ConnectionId, roomId, Caller.UserId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, RoomGroups.Of(roomId));
    }

    public async Task<ResumeResult> Resume(string roomId, long lastSeq)
    {
        var room = RoomEndpoints.Room(grains, roomId);
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomGroups.Of(roomId));
        try
        {
            var result = await room.GetEventsSince(lastSeq);
            presence.Join(Context.ConnectionId, roomId, Caller.UserId);
            return result;
        }
        catch
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, RoomGroups.Of(roomId));
            throw;
        }
    }

    public Task<SendCommentResult> SendComment(string roomId, string text) =>
        RoomEndpoints.Room(grains, roomId).Comment(Caller, text);

    public Task Like(string roomId, int taps) =>
        RoomEndpoints.Room(grains, roomId).Like(Caller, taps);

    public Task PinProduct(string roomId, string productId) =>
        RoomEndpoints.Room(grains, roomId).Pin(Caller, productId);

    public Task UnpinProduct(string roomId) =>
        RoomEndpoints.Room(grains, roomId).Unpin(Caller);

    public Task DeleteComment(string roomId, string commentId) =>
        RoomEndpoints.Room(grains, roomId).DeleteComment(Caller, commentId);

    public Task MuteUser(string roomId, string userId, int seconds) =>
        RoomEndpoints.Room(grains, roomId).MuteUser(Caller, userId, seconds);

    public Task SetSlowMode(string roomId, int seconds) =>
        RoomEndpoints.Room(grains, roomId).SetSlowMode(Caller, seconds);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        presence.Disconnect(Context.ConnectionId, Caller.UserId);
        return Task.CompletedTask;
    }
}
