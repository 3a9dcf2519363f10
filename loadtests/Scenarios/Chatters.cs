using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Simulations;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>Signed-in users for the scenarios that need them (chatters, buyers): ids unique per run.</summary>
public static class Users
{
    public static async Task<(string UserId, string Token)[]> IssueAsync(ScenarioContext ctx, string kind, int count)
    {
        if (count <= 0) return [];
        ctx.Phase = $"issuing {count:N0} {kind} tokens";
        var ids = Enumerable.Range(0, count).Select(i => $"lt-{kind}-{ctx.RunId}-{i}").ToArray();
        var tokens = await ctx.Api.TokensAsync(ids, "viewer", ctx.Token);
        return ids.Zip(tokens).ToArray();
    }

    /// <summary>M signed-in chatters among N viewers: the first M viewers carry the chatters' tokens.</summary>
    public static async Task<Audience.Joined> JoinWithChattersAsync(ScenarioContext ctx, PreparedRoom room, Audience.EventHandler? onEvent)
    {
        var s = ctx.Settings;
        var chatters = await IssueAsync(ctx, "chat", Math.Min(s.Chatters, s.Viewers));
        ctx.Phase = $"{s.Viewers:N0} viewers ({chatters.Length:N0} chatting) joining over {s.WithinSeconds:0.#}s";
        return await Audience.JoinAsync(ctx, room.RoomId, s.Viewers, new Constant(TimeSpan.FromSeconds(s.WithinSeconds)), chatters, onEvent);
    }
}
