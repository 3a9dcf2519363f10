namespace LiveCommerce.Contracts.Protocol;

/// <summary>Constants of the wire contract shared by server and clients.</summary>
public static class LiveProtocol
{
    public const string HubPath = "/hubs/live";

    /// <summary>Hub messages larger than this are refused with <c>payload_too_large</c>.</summary>
    public const int MaxMessageBytes = 32 * 1024;

    /// <summary>Log events a room keeps for <c>Resume</c> (PROTOCOL.md: at least the last 1,000).</summary>
    public const int MinResumeWindow = 1_000;

    public const int MaxCommentLength = 300;
    public const int MaxTapsPerLike = 100;

    /// <summary>Events per page of <c>GET /api/rooms/{roomId}/log</c>.</summary>
    public const int MaxLogPage = 1_000;

    /// <summary>Comment ids per <c>TranslateComments</c> call.</summary>
    public const int MaxTranslateComments = 50;
}

/// <summary>Hub method names, for clients that invoke by string.</summary>
public static partial class HubMethods
{
    public const string JoinRoom = nameof(JoinRoom);
    public const string LeaveRoom = nameof(LeaveRoom);
    public const string Resume = nameof(Resume);
    public const string SendComment = nameof(SendComment);
    public const string Like = nameof(Like);
    public const string PinProduct = nameof(PinProduct);
    public const string UnpinProduct = nameof(UnpinProduct);
    public const string StartFlashSale = nameof(StartFlashSale);
    public const string EndFlashSale = nameof(EndFlashSale);
    public const string BuyFlashSale = nameof(BuyFlashSale);
    public const string AddToCart = nameof(AddToCart);
    public const string RemoveFromCart = nameof(RemoveFromCart);
    public const string GetCart = nameof(GetCart);
    public const string Checkout = nameof(Checkout);
    public const string PayOrder = nameof(PayOrder);
    public const string CancelOrder = nameof(CancelOrder);
    public const string DeleteComment = nameof(DeleteComment);
    public const string MuteUser = nameof(MuteUser);
    public const string SetSlowMode = nameof(SetSlowMode);
    public const string TranslateComments = nameof(TranslateComments);
    public const string Referral = nameof(Referral);

    // Server → client.
    public const string RoomFrame = nameof(RoomFrame);
    public const string PersonalFrame = nameof(PersonalFrame);
    public const string Reconnect = nameof(Reconnect);
}
