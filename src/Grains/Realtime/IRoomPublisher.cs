using LiveCommerce.Contracts.Realtime;

namespace LiveCommerce.Grains.Realtime;

/// <summary>
/// Where grains hand events for clients. The host implements it over SignalR (frames per room,
/// coalesced); tests record. Calls must not block: the implementation queues.
/// </summary>
public interface IRoomPublisher
{
    /// <summary>Queue events for everyone in the room, in the order given.</summary>
    void PublishRoom(string roomId, IReadOnlyList<RoomEvent> events);

    /// <summary>
    /// Queue events that belong to the room log's <paramref name="epoch"/> (the room grain's own events):
    /// the frames that carry them say so (v1.1 <c>RoomFrame.epoch</c>).
    /// </summary>
    void PublishRoom(string roomId, string epoch, IReadOnlyList<RoomEvent> events) => PublishRoom(roomId, events);

    /// <summary>Send an event to every connection of one user.</summary>
    void PublishPersonal(string userId, PersonalEvent evt);
}
