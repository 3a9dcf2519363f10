
namespace LiveCommerce.LiveHost.Realtime;

/// <summary>SignalR group names.</summary>
public static class RoomGroups
{
    public static string Of(string roomId) => "room:" + roomId;
}
