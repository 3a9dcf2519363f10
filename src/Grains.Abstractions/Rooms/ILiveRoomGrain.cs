using LiveCommerce.Identity;
using LiveCommerce.Realtime;

namespace LiveCommerce.Rooms;

/// <summary>
/// One live room, keyed by room id: status, products, pin, the sequenced room log, likes, audience
/// and moderation. Every method refuses bad input with a <see cref="Errors.LiveCommerceException"/>
/// before changing anything.
/// </summary>
[Alias("ILiveRoomGrain")]
public interface ILiveRoomGrain : IGrainWithStringKey
{
    [Alias("Create")] Task<Room> Create(Caller caller, CreateRoomRequest request);
    [Alias("AddProduct")] Task<Product> AddProduct(Caller caller, AddProductRequest request);
    [Alias("Start")] Task<Room> Start(Caller caller);
    [Alias("End")] Task<Room> End(Caller caller);

    [Alias("GetSnapshot")] Task<RoomSnapshot> GetSnapshot();
    /// <summary>Log events after <paramref name="lastSeq"/> while the room still holds them, else a snapshot.</summary>
    [Alias("GetEventsSince")] Task<ResumeResult> GetEventsSince(long lastSeq);
    [Alias("GetStats")] Task<RoomStats> GetStats(Caller caller);

    [Alias("Comment")] Task<SendCommentResult> Comment(Caller caller, string? text);
    [Alias("Like")] Task Like(Caller caller, int taps);
    [Alias("Pin")] Task Pin(Caller caller, string? productId);
    [Alias("Unpin")] Task Unpin(Caller caller);

    [Alias("DeleteComment")] Task DeleteComment(Caller caller, string? commentId);
    [Alias("MuteUser")] Task MuteUser(Caller caller, string? userId, int seconds);
    [Alias("SetSlowMode")] Task SetSlowMode(Caller caller, int seconds);

    /// <summary>A host's audience change; returns the room activation's epoch (see <see cref="PresenceReport"/>).</summary>
    [Alias("ReportPresence")] Task<Guid> ReportPresence(PresenceReport report);
}
