using LiveCommerce.Commerce;
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

    /// <summary>Replay: log events after <paramref name="after"/> in seq order, from the live window or the archive.</summary>
    [Alias("GetLog")] Task<LogPage> GetLog(Caller caller, long after, int limit);
    /// <summary>As <see cref="GetLog"/>, for the host and moderators only, ended or not (chat export).</summary>
    [Alias("ExportLog")] Task<LogPage> ExportLog(Caller caller, long after, int limit);
    /// <summary>The comments among <paramref name="commentIds"/> still in the live log window and not deleted.</summary>
    [Alias("GetWindowComments")] Task<WindowComments> GetWindowComments(string[] commentIds);

    // Commerce: flash sales and product stock.
    [Alias("StartFlashSale")] Task<StartFlashSaleResult> StartFlashSale(Caller caller, FlashSaleRequest request);
    [Alias("EndFlashSale")] Task EndFlashSale(Caller caller, string? saleId);
    /// <summary>From the sale grain: the sale ended; its unsold units go back to the product's stock.</summary>
    [Alias("OnFlashSaleEnded")] Task OnFlashSaleEnded(string saleId, int sold, string reason, int unsold);
    /// <summary>From the sale grain: the latest remaining, for snapshots.</summary>
    [Alias("OnFlashSaleProgress"), Orleans.Concurrency.OneWay] Task OnFlashSaleProgress(string saleId, int remaining);
    /// <summary>From a sale grain: units released after the sale ended go back to the product's stock.</summary>
    [Alias("ReturnStock")] Task ReturnStock(string productId, int quantity);
    /// <summary>For a cart: the product as it is sold now; counts an add-to-cart.</summary>
    [Alias("ProductForCart")] Task<Product> ProductForCart(Caller caller, string? productId, int quantity);
    /// <summary>Holds stock for the lines (all or nothing); returns them priced by the room.</summary>
    [Alias("HoldStock")] Task<LineItem[]> HoldStock(Caller caller, string orderId, LineItem[] lines, DateTime expiresAt);
    [Alias("ConfirmStock")] Task<string> ConfirmStock(string orderId, string userId);
    [Alias("ReleaseStock")] Task<string> ReleaseStock(string orderId, string userId, string status);
    /// <summary>Counts a placed order (reserved) and, when paid, the sale, for the room's stats.</summary>
    [Alias("RecordOrder")] Task RecordOrder(string orderId, string userId, int units, decimal amount, bool paid);

    /// <summary>A host's audience change; returns the room activation's epoch (see <see cref="PresenceReport"/>).</summary>
    [Alias("ReportPresence")] Task<Guid> ReportPresence(PresenceReport report);
}
