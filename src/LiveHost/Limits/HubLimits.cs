using System.Threading.RateLimiting;
using LiveCommerce.Contracts.Identity;
using Microsoft.Extensions.Options;

namespace LiveCommerce.LiveHost.Limits;

/// <summary>
/// The limiters behind <see cref="HubLimitFilter"/>: per connection (its call budget and its joins) and per
/// user on this host (like taps, comments across rooms). Per-user limiters are partitioned and dropped
/// when idle, so memory follows the active users, not everyone ever seen.
/// </summary>
public sealed class HubLimits : IDisposable
{
    private readonly LimitOptions _options;
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<string> _likeTaps;
    private readonly PartitionedRateLimiter<string> _comments;
    private readonly PartitionedRateLimiter<string> _bidsAndClaims;

    /// <summary>The stampede calls of auctions, coupon drops and giveaways: limited per user and room on top of the connection's bucket.</summary>
    public static readonly IReadOnlySet<string> BidsAndClaimsMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "PlaceBid", Contracts.Protocol.HubMethods.ClaimCoupon, "EnterGiveaway",
    };

    public HubLimits(IOptions<LimitOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var o = _options;
        _likeTaps = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.LikeTapBurst,
            TokensPerPeriod = o.LikeTapsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        _comments = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetSlidingWindowLimiter(user, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = o.CommentsAcrossRooms,
            Window = TimeSpan.FromSeconds(o.CommentWindowSeconds),
            SegmentsPerWindow = Math.Min(10, o.CommentWindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        _bidsAndClaims = PartitionedRateLimiter.Create<string, string>(userAndRoom => RateLimitPartition.GetTokenBucketLimiter(userAndRoom, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.BidsAndClaimsBurst,
            TokensPerPeriod = o.BidsAndClaimsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>
    /// The budgets of one connection, made when it connects: its calls, and its joins (at most
    /// <see cref="LimitOptions.JoinsPerMinute"/> in a minute, refilled evenly). Lazily refilled buckets, no timers.
    /// </summary>
    public sealed class Connection(LimitOptions o, TimeProvider time)
    {
        public LazyTokenBucket Calls { get; } = new(o.HubBurst, o.HubTokensPerSecond, time);

        public LazyTokenBucket Joins { get; } = new(o.JoinsPerMinute, o.JoinsPerMinute / 60.0, time);
    }

    public Connection ForConnection() => new(_options, _time);

    public int CostOf(string method) => _options.MethodCosts.GetValueOrDefault(method, 1);

    public RateLimitLease LikeTaps(Caller caller, int taps) => _likeTaps.AttemptAcquire(caller.UserId!, taps);

    public RateLimitLease Comment(Caller caller) => _comments.AttemptAcquire(caller.UserId!);

    public RateLimitLease BidOrClaim(Caller caller, string roomId) => _bidsAndClaims.AttemptAcquire(caller.UserId! + "\n" + roomId);

    public void Dispose()
    {
        _likeTaps.Dispose();
        _comments.Dispose();
        _bidsAndClaims.Dispose();
    }
}
