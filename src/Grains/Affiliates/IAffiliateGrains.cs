using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Identity;

using LiveCommerce.Contracts.Affiliates;

namespace LiveCommerce.Grains.Affiliates;

/// <summary>One creator (a room's host), keyed by user id: the ledger of what their rooms sold, fed as orders are paid.</summary>
[Alias("ICreatorGrain")]
public interface ICreatorGrain : IGrainWithStringKey
{
    /// <summary>Idempotent per order and room: a follow-up that runs twice counts once.</summary>
    [Alias("Record")] Task Record(Earning earning);
    /// <summary>Paid orders with <c>from ≤ paidAt &lt; to</c> (either bound optional).</summary>
    [Alias("GetEarnings")] Task<CreatorEarnings> GetEarnings(DateTime? from, DateTime? to);
}

/// <summary>One seller, keyed by user id: the paid orders holding their products, fed as orders are paid.</summary>
[Alias("ISellerGrain")]
public interface ISellerGrain : IGrainWithStringKey
{
    /// <summary>Idempotent per order.</summary>
    [Alias("Record")] Task Record(Order order);
    /// <summary>Newest first.</summary>
    [Alias("ListOrders")] Task<Order[]> ListOrders();
}

/// <summary>One viewer in one room (key <see cref="Key"/>): who shared the room with them, first one standing.</summary>
[Alias("IReferralGrain")]
public interface IReferralGrain : IGrainWithStringKey
{
    public static string Key(string roomId, string userId) => $"{roomId}/{userId}";

    [Alias("Refer")] Task Refer(Caller caller, string? referrerId);
    /// <summary>The referrer while the referral is recent enough to count for a new order, else null.</summary>
    [Alias("ActiveReferrer")] Task<string?> ActiveReferrer();
}
