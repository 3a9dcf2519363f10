using LiveCommerce.LoadTests.Engine;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>The room a run loads, with its host's token and products.</summary>
public sealed record PreparedRoom(string RoomId, string HostId, string HostToken, string[] ProductIds, string? PinnedProductId);

public static class RoomSetup
{
    /// <summary>
    /// Uses <c>--room</c> when given; otherwise creates a fresh live room owned by a run-specific host with
    /// three products of <paramref name="stock"/> units, so that runs never see each other's events or stock.
    /// </summary>
    /// <param name="buyKeyword">Comment-to-buy keyword of a fresh room (v1.1).</param>
    public static async Task<PreparedRoom> PrepareAsync(ScenarioContext ctx, int stock, string? buyKeyword = null)
    {
        ctx.Phase = "preparing the room";
        var s = ctx.Settings;
        if (s.RoomId is { } roomId)
        {
            var token = await ctx.Api.TokenAsync(s.HostId, "host", ctx.Token);
            var snapshot = await ctx.Api.SnapshotAsync(roomId, ctx.Token);
            return new PreparedRoom(roomId, s.HostId, token, snapshot.Products.Select(p => p.ProductId).ToArray(), snapshot.Pinned?.ProductId);
        }
        var hostId = $"lt-host-{ctx.RunId}";
        var hostToken = await ctx.Api.TokenAsync(hostId, "host", ctx.Token);
        var id = await ctx.Api.CreateRoomAsync(hostToken, $"load test {ctx.RunId}", ctx.Token, buyKeyword);
        string[] products = ["p1", "p2", "p3"];
        foreach (var p in products) await ctx.Api.AddProductAsync(hostToken, id, p, stock, ctx.Token);
        await ctx.Api.StartRoomAsync(hostToken, id, ctx.Token);
        ctx.Figure("room", id);
        return new PreparedRoom(id, hostId, hostToken, products, null);
    }
}
