using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Browser.Tests.Infrastructure;

/// <summary>
/// A hub filter the tests add to the real host: it remembers each user's connections so that a test can
/// make the server drop them (as a restarting proxy or a lost network would).
/// </summary>
public sealed class ConnectionKiller : IHubFilter
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        _connections[context.Context.ConnectionId] = context.Context;
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    /// <summary>Aborts every connection of the user; returns how many there were.</summary>
    public int DropUser(string userId)
    {
        var dropped = 0;
        foreach (var connection in _connections.Values.Where(c => c.UserIdentifier == userId))
        {
            connection.Abort();
            dropped++;
        }
        return dropped;
    }
}
