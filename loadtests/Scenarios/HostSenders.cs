using LiveCommerce.LoadTests.Engine;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>
/// The host's connections. A hub runs one invocation per connection at a time, so one connection caps
/// the host at 1/latency calls a second; comments go over several (order is not needed, they carry
/// their stamps). Pins use one connection, whose order the seq follows.
/// </summary>
public static class HostSenders
{
    public static async Task<HubConnection[]> ConnectAsync(ScenarioContext ctx, PreparedRoom room, int count)
    {
        ctx.Phase = "connecting the host";
        var senders = new HubConnection[Math.Clamp(count, 1, 64)];
        for (var i = 0; i < senders.Length; i++)
        {
            senders[i] = ctx.Connections.Create(room.HostToken);
            await ctx.Connections.StartAsync(senders[i], ctx.Token);
        }
        return senders;
    }

    /// <summary>Cycles through the room's products, never re-pinning the product pinned right now.</summary>
    public static string PinTarget(PreparedRoom room, int i)
    {
        var products = room.ProductIds;
        var offset = room.PinnedProductId is { } p && Array.IndexOf(products, p) is var at and >= 0 ? at + 1 : 0;
        return products[(offset + i) % products.Length];
    }
}
