using LiveCommerce.Contracts.Coupons;

namespace LiveCommerce.Grains.Coupons;

/// <summary>
/// A drop's claim accounting: never more than <see cref="Quota"/> claims, never more than
/// <see cref="PerUserLimit"/> per user. Plain and synchronous, so a grain turn makes it exact.
/// </summary>
[GenerateSerializer, Alias("ClaimLedger")]
public sealed class ClaimLedger
{
    [Id(0)] public int Quota { get; init; }
    [Id(1)] public int PerUserLimit { get; init; }
    // Id 2 was a stored count with a private setter, which storage did not bring back: after a reload the
    // drop took up to a whole quota of claims again. The count now follows from the claims themselves.
    /// <summary>Claims per user.</summary>
    [Id(3)] public Dictionary<string, int> PerUser { get; init; } = [];

    [NonSerialized] private int? _claimed;

    public int Claimed => _claimed ??= PerUser.Values.Sum();

    public int Remaining => Quota - Claimed;

    public int ClaimsOf(string userId) => PerUser.GetValueOrDefault(userId);

    /// <summary>Takes one claim for the user; <paramref name="claimNo"/> is its 1-based number for that user.</summary>
    public ClaimStatus TryClaim(string userId, out int claimNo)
    {
        claimNo = ClaimsOf(userId);
        // A user at the limit hears alreadyClaimed even after the quota ran out: it tells them they hold one.
        if (claimNo >= PerUserLimit) return ClaimStatus.AlreadyClaimed;
        if (Claimed >= Quota) return ClaimStatus.SoldOut;
        claimNo++;
        PerUser[userId] = claimNo;
        _claimed = Claimed + 1;
        return ClaimStatus.Claimed;
    }
}
