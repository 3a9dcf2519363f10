using System.Threading.RateLimiting;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.LiveHost.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LiveHost.Limits;

/// <summary>
/// Every hub call spends tokens from its connection's bucket (per-method costs); joins, likes and comments
/// have their own limits on top. A refusal is <c>rate_limited: ...; retry in N s</c> and reaches no grain.
/// Guests cannot like or comment, so those limits key on the signed-in user.
/// </summary>
public sealed class HubLimitFilter(HubLimits limits) : IHubFilter
{
    // Kept in the connection's features, which exist anyway: Items would make a ConcurrentDictionary per connection.
    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        context.Context.Features.Set(limits.ForConnection());
        return next(context);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = context.Context.Features.GetRequiredFeature<HubLimits.Connection>();
        var method = context.HubMethodName;
        var cost = limits.CostOf(method);
        if (cost > 0) Spend(connection.Calls, cost, "too many calls on this connection");

        if (method is HubMethods.JoinRoom or HubMethods.Resume)
            Spend(connection.Joins, 1, "too many room joins on this connection");

        var caller = context.Context.User.ToCaller();
        if (!caller.IsGuest)
        {
            if (method == HubMethods.Like && context.HubMethodArguments is [_, int taps] && taps is > 0 and <= LiveProtocol.MaxTapsPerLike)
                Spend(limits.LikeTaps(caller, taps), "too many likes");
            // Hosts and moderators stream and answer in bursts (PROTOCOL.md exempts them from the room's
            // comment limit); the across-rooms limit is for viewer accounts spraying many rooms.
            else if (method == HubMethods.SendComment && caller.Role is Roles.Viewer)
                Spend(limits.Comment(caller), "too many comments across rooms");
            else if (HubLimits.BidsAndClaimsMethods.Contains(method) && context.HubMethodArguments is [string roomId, ..])
                Spend(limits.BidOrClaim(caller, roomId), "too many bids and claims in this room");
        }
        return next(context);
    }

    /// <summary>Runs inside HubErrorFilter, which turns the refusal into <c>rate_limited: ...</c>.</summary>
    private static void Spend(RateLimitLease lease, string what)
    {
        using (lease)
        {
            if (!lease.IsAcquired) throw RateLimitRefusal.Refuse(what, RateLimitRefusal.RetryAfter(lease, TimeSpan.FromSeconds(1)));
        }
    }

    private static void Spend(LazyTokenBucket bucket, int cost, string what)
    {
        if (!bucket.TrySpend(cost, out var retryAfter)) throw RateLimitRefusal.Refuse(what, retryAfter);
    }
}
