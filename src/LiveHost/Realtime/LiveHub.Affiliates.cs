using LiveCommerce.Contracts.Affiliates;
using LiveCommerce.Grains.Affiliates;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Rooms;

namespace LiveCommerce.LiveHost.Realtime;

// Share links (PROTOCOL.md v1.1 "Creators and affiliates").
public sealed partial class LiveHub
{
    public async Task Referral(string roomId, string referrerId)
    {
        var caller = Caller;
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to follow a shared link");
        await RoomEndpoints.Room(grains, roomId).GetSnapshot(); // not_found for a room that does not exist
        await grains.GetGrain<IReferralGrain>(IReferralGrain.Key(roomId, caller.UserId!)).Refer(caller, referrerId);
    }
}
