namespace LiveCommerce.Contracts.Realtime;

/// <summary>The <c>type</c> of a <see cref="RoomEvent"/> or <see cref="PersonalEvent"/>.</summary>
public static partial class EventTypes
{
    // Log events: sequenced, never dropped.
    public const string Comment = "comment";
    public const string CommentDeleted = "commentDeleted";
    public const string Pinned = "pinned";
    public const string Unpinned = "unpinned";
    public const string FlashSaleStarted = "flashSaleStarted";
    public const string FlashSaleEnded = "flashSaleEnded";
    public const string RoomStatus = "roomStatus";
    public const string UserMuted = "userMuted";
    public const string SlowMode = "slowMode";

    // State events: seq null, only the newest per kind and key matters.
    public const string Likes = "likes";
    public const string Viewers = "viewers";
    public const string Stock = "stock";

    // Personal events.
    public const string CartUpdated = "cartUpdated";
    public const string OrderUpdated = "orderUpdated";
}
