using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Grains.Coupons;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.LiveHost.Realtime;

// Coupons dropped in the room (PROTOCOL.md v1.1): one grain call each.
public sealed partial class LiveHub
{
    public Task<CouponDrop> DropCoupon(string roomId, DropCouponRequest request) =>
        Coupons(roomId).Drop(Caller, request);

    public Task<ClaimCouponResult> ClaimCoupon(string roomId, string couponId) =>
        Coupons(roomId).Claim(Caller, couponId);

    public Task<Cart> ApplyCoupon(string couponId) =>
        Buyer().ApplyCoupon(Caller, couponId);

    public Task<Cart> RemoveCoupon() =>
        Buyer().RemoveCoupon(Caller);

    public Task<ClaimedCoupon[]> GetCoupons() =>
        Buyer().GetCoupons(Caller);

    private ICouponDropGrain Coupons(string roomId) =>
        Validate.IsId(roomId)
            ? grains.GetGrain<ICouponDropGrain>(roomId)
            : throw LiveCommerceException.NotFound($"room '{roomId}' does not exist");
}
