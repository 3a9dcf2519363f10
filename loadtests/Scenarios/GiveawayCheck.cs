using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>Draws a giveaway now (the host's <c>DrawGiveaway</c>) and re-draws it from the revealed seed and the entrant list.</summary>
public static class GiveawayCheck
{
    public static async Task RecordAsync(ScenarioContext ctx, HubConnection host, string roomId, Giveaway started)
    {
        var t0 = Clock.NowUs;
        var drawn = await host.InvokeAsync<Giveaway>(HubMethods.DrawGiveaway, roomId, started.GiveawayId, ctx.Token);
        ctx.Metrics.Step("drawGiveaway").Ok(Clock.NowUs - t0);
        var entrants = await ctx.Api.GiveawayEntrantsAsync(roomId, started.GiveawayId, ctx.Token) ?? [];
        var verdict = GiveawayVerdict.Evaluate(started.SeedHash, drawn.Seed, entrants, started.Winners, drawn.WinnerIds ?? []);
        ctx.Figure("giveaway.entrants", entrants.Length);
        ctx.Figure("giveaway.verdict", verdict.Summary);
        ctx.Figure("giveaway.exact", verdict.Exact);
        foreach (var p in verdict.Problems) ctx.Note($"giveaway: {p}");
    }
}
