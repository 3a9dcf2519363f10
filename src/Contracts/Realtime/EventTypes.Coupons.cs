namespace LiveCommerce.Contracts.Realtime;

// Coupons dropped in the room, pre-heat, social proof and comment-to-buy (PROTOCOL.md v1.1).
public static partial class EventTypes
{
    // Log events.
    public const string CouponDropped = "couponDropped";
    public const string CouponEnded = "couponEnded";
    public const string FlashSaleOpened = "flashSaleOpened";

    // State events.
    public const string CouponStock = "couponStock";
    public const string Buying = "buying";

    // Personal events.
    public const string CommentToBuy = "commentToBuy";
}
