using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.LiveHost.Realtime;

/// <summary>
/// This host's connections per signed-in user. SignalR's own <c>Clients.User</c> on a single host looks
/// for the user among all connections (a scan per personal event: 10,000 buyers make every order update
/// cost 10,000 comparisons); this index finds them at once. Kept by <see cref="UserConnectionsFilter"/>.
/// </summary>
public sealed class UserConnections
{
    private readonly Dictionary<string, List<string>> _byUser = [];

    public void Add(string userId, string connectionId)
    {
        lock (_byUser)
        {
            if (!_byUser.TryGetValue(userId, out var ids)) _byUser[userId] = ids = [];
            ids.Add(connectionId);
        }
    }

    public void Remove(string userId, string connectionId)
    {
        lock (_byUser)
        {
            if (!_byUser.TryGetValue(userId, out var ids)) return;
            ids.Remove(connectionId);
            if (ids.Count == 0) _byUser.Remove(userId);
        }
    }

    /// <summary>A copy: the caller sends outside the lock.</summary>
    public string[] Of(string userId)
    {
        lock (_byUser) return _byUser.TryGetValue(userId, out var ids) ? [.. ids] : [];
    }
}

/// <summary>Keeps <see cref="UserConnections"/> as connections come and go.</summary>
public sealed class UserConnectionsFilter(UserConnections users) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.UserIdentifier is { } userId) users.Add(userId, context.Context.ConnectionId);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.UserIdentifier is { } userId) users.Remove(userId, context.Context.ConnectionId);
        await next(context, exception);
    }
}
