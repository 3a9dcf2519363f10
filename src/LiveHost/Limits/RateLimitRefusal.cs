using System.Globalization;
using System.Threading.RateLimiting;
using LiveCommerce.Contracts.Errors;

namespace LiveCommerce.LiveHost.Limits;

/// <summary>The <c>rate_limited</c> refusal, saying how long to wait.</summary>
public static class RateLimitRefusal
{
    public static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan fallback) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : fallback;

    /// <summary>Whole seconds, at least 1 (what Retry-After carries).</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static LiveCommerceException Refuse(string what, TimeSpan wait) =>
        LiveCommerceException.RateLimited($"{what}; retry in {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
}
