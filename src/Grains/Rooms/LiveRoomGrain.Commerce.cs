namespace LiveCommerce.Rooms;

// Selling in the room: filled in by the commerce feature.
public sealed partial class LiveRoomGrain
{
    private RoomStats CommerceStats(RoomStats stats) => stats;
}
