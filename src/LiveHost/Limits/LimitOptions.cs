using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.LiveHost.Limits;

/// <summary>
/// Configuration section <c>Limits</c>: what one connection, user or address may ask of this host. The
/// defaults leave an honest viewer, host or moderator far from every limit during a busy show.
/// </summary>
public sealed class LimitOptions : IValidatableObject
{
    public const string Section = "Limits";

    /// <summary>Hub calls: each connection has a token bucket refilled at this rate...</summary>
    [Range(1, 100_000)] public int HubTokensPerSecond { get; set; } = 20;

    /// <summary>...holding at most this many tokens (the burst a connection may spend at once).</summary>
    [Range(1, 100_000)] public int HubBurst { get; set; } = 60;

    /// <summary>Tokens a call of each hub method costs; a method not listed costs 1.</summary>
    public Dictionary<string, int> MethodCosts { get; set; } = new(StringComparer.Ordinal)
    {
        ["JoinRoom"] = 3,
        ["Resume"] = 3,
        ["LeaveRoom"] = 1,
        ["Checkout"] = 3,
        ["BuyFlashSale"] = 2,
        ["StartFlashSale"] = 3,
        ["PlaceBid"] = 2,
        ["ClaimCoupon"] = 2,
        ["EnterGiveaway"] = 2,
    };

    /// <summary>Bids, coupon claims and giveaway entries one user may make per second in one room (on this host), as a bucket of <see cref="BidsAndClaimsBurst"/>.</summary>
    [Range(1, 10_000)] public int BidsAndClaimsPerSecond { get; set; } = 3;

    /// <summary>A bidding war's flurry: an honest bidder never needs more at once.</summary>
    [Range(1, 10_000)] public int BidsAndClaimsBurst { get; set; } = 10;

    /// <summary>Rooms one connection may join (JoinRoom or Resume) per minute: joins are the costliest call, and churn inflates views.</summary>
    [Range(1, 10_000)] public int JoinsPerMinute { get; set; } = 30;

    /// <summary>Like taps per user per second on this host (a bucket of <see cref="LikeTapBurst"/>).</summary>
    [Range(1, 100_000)] public int LikeTapsPerSecond { get; set; } = 20;

    /// <summary>At least one full Like call (100 taps).</summary>
    [Range(100, 1_000_000)] public int LikeTapBurst { get; set; } = 300;

    /// <summary>Comments one user may send across all rooms per <see cref="CommentWindowSeconds"/> (the per-room limit is Rooms:CommentsPerWindow).</summary>
    [Range(1, 100_000)] public int CommentsAcrossRooms { get; set; } = 30;

    [Range(1, 3_600)] public int CommentWindowSeconds { get; set; } = 10;

    /// <summary>HTTP requests per user (or per address for guests) per second, as a bucket of <see cref="HttpBurst"/>. The hub and health checks are not counted.</summary>
    [Range(1, 100_000)] public int HttpRequestsPerSecond { get; set; } = 20;

    [Range(1, 100_000)] public int HttpBurst { get; set; } = 100;

    /// <summary>Rooms one host may create per hour.</summary>
    [Range(1, 100_000)] public int RoomsPerHostPerHour { get; set; } = 20;

    /// <summary>Products one host may add per minute (across its rooms).</summary>
    [Range(1, 100_000)] public int ProductsPerHostPerMinute { get; set; } = 120;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (method, cost) in MethodCosts)
            if (cost < 0 || cost > HubBurst)
                yield return new ValidationResult($"Limits:MethodCosts:{method} must be 0..Limits:HubBurst ({HubBurst}), not {cost}");
    }
}
