using LiveCommerce.LoadTests.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>One simulated viewer: its connection, its user (null = guest) and its seq check.</summary>
public sealed class Viewer(int index, HubConnection connection, string? userId, string? token)
{
    public int Index { get; } = index;
    public HubConnection Connection { get; } = connection;
    public string? UserId { get; } = userId;
    public string? Token { get; } = token;
    public SeqTracker Seq { get; } = new();
}
