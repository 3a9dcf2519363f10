using LiveCommerce.Contracts.Realtime;

namespace LiveCommerce.Contracts.Protocol;

/// <summary>What the server pushes to a connection (strongly typed hub client).</summary>
public interface ILiveClient
{
    Task RoomFrame(RoomFrame frame);
    Task PersonalFrame(PersonalFrame frame);

    /// <summary>This host is shutting down: reconnect (to another host) and Resume.</summary>
    Task Reconnect(ReconnectNotice notice);
}
