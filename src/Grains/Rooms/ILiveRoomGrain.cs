using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Moderation;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;

namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// One live room, keyed by room id, as the host (hub and HTTP API) calls it: lifecycle, products and
/// pin, the sequenced room log, likes, audience and moderation, and starting flash sales (their units
/// come from the room's shelf, <see cref="Shelf.IShelfGrain"/>). Every method refuses bad input with a
/// <see cref="Errors.LiveCommerceException"/> before changing anything.
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
    [Alias("AddModerator")] Task AddModerator(Caller caller, string? userId);
    [Alias("RemoveModerator")] Task RemoveModerator(Caller caller, string? userId);
    /// <summary>Replaces the room's own blocked words (v1.1), on top of the server-wide list.</summary>
    [Alias("SetBlockedWords")] Task SetBlockedWords(Caller caller, string[]? words);
    /// <summary>v1.1: the user's comments reach only themselves (a personal event), never the log.</summary>
    [Alias("ShadowBan")] Task ShadowBan(Caller caller, string? userId, bool on);
    [Alias("GetModeration")] Task<RoomModerationView> GetModeration(Caller caller);
    /// <summary>The audit log of moderation actions, newest first.</summary>
    [Alias("GetModerationLog")] Task<ModerationLogEntry[]> GetModerationLog(Caller caller, int limit);

    /// <summary>Replay: log events after <paramref name="after"/> in seq order, from the live window or the archive.</summary>
    [Alias("GetLog")] Task<LogPage> GetLog(Caller caller, long after, int limit);
    /// <summary>As <see cref="GetLog"/>, for the host and moderators only, ended or not (chat export).</summary>
    [Alias("ExportLog")] Task<LogPage> ExportLog(Caller caller, long after, int limit);
    /// <summary>The comments among <paramref name="commentIds"/> still in the live log window and not deleted.</summary>
    [Alias("GetWindowComments")] Task<WindowComments> GetWindowComments(string[] commentIds);

    [Alias("StartFlashSale")] Task<StartFlashSaleResult> StartFlashSale(Caller caller, FlashSaleRequest request);
    [Alias("EndFlashSale")] Task EndFlashSale(Caller caller, string? saleId);

    /// <summary>A host's audience change; returns the room activation's epoch (see <see cref="PresenceReport"/>).</summary>
    [Alias("ReportPresence")] Task<Guid> ReportPresence(PresenceReport report);
}

/// <summary>
/// What other grains tell a room (key: room id): never called by the host. Every method is idempotent,
/// so the senders retry them from their outboxes until acknowledged.
/// </summary>
[Alias("IRoomInbox")]
public interface IRoomInbox : IGrainWithStringKey
{
    /// <summary>From the shelf: its products and stock as of <paramref name="version"/> (older versions are ignored).</summary>
    [Alias("OnShelfChanged")] Task OnShelfChanged(long version, Product[] products);
    /// <summary>From a sale: it ended, having taken <paramref name="sold"/> units (paid or still held).</summary>
    [Alias("OnFlashSaleEnded")] Task OnFlashSaleEnded(string saleId, int sold, FlashSaleEndReason reason);
    /// <summary>From a pre-heated sale: it opened (logged once as <c>flashSaleOpened</c>).</summary>
    [Alias("OnFlashSaleOpened")] Task OnFlashSaleOpened(string saleId);
    /// <summary>From a sale: the latest remaining, for snapshots.</summary>
    [Alias("OnFlashSaleProgress"), Orleans.Concurrency.OneWay] Task OnFlashSaleProgress(string saleId, int remaining);
}
