using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>Waits for an auction to end, reads it back with the winner's order, and records the verdict.</summary>
public static class AuctionCheck
{
    public static async Task RecordAsync(ScenarioContext ctx, AuctionRun run, IReadOnlyList<Viewer> bidders, string prefix = "")
    {
        ctx.Phase = "waiting for the auction to end";
        var auction = await WaitForEndAsync(ctx, run);
        if (auction is null)
        {
            ctx.Figure(prefix + "verdict", "n/a: the server shows no auction (baseline)");
            return;
        }
        var order = await WinnerOrderAsync(ctx, bidders.FirstOrDefault(b => b.UserId == auction.WinnerId), auction.OrderId);
        var verdict = AuctionVerdict.Evaluate(run.Terms, run.Acknowledged, auction, order);
        ctx.Figure(prefix + "verdict", verdict.Summary);
        ctx.Figure(prefix + "auctionExact", verdict.Exact);
        ctx.Figure(prefix + "bidsAcknowledged", verdict.Expected.Bids);
        if (verdict.FinalPrice is { } price) ctx.Figure(prefix + "finalPrice", price);
        if (verdict.Expected.Price is { } expected) ctx.Figure(prefix + "expectedPrice", expected);
        ctx.Figure(prefix + "endsAtExtendedSeconds", verdict.ExtendedSeconds);
        ctx.Figure(prefix + "priceChanges", auction.History.Length);
        foreach (var p in verdict.Problems) ctx.Note($"auction: {p}");
    }

    /// <summary>The winner's order from the winner's own list; it lands there by a durable follow-up, so it is looked for up to 10 s.</summary>
    private static async Task<Order?> WinnerOrderAsync(ScenarioContext ctx, Viewer? winner, string? orderId)
    {
        if (winner is null || orderId is null) return null;
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var orders = await ctx.Api.OrdersAsync(winner.Token!, ctx.Token);
            if (orders?.FirstOrDefault(o => o.OrderId == orderId) is { } order) return order;
            if (orders is null || DateTime.UtcNow > until) return null;
            await Task.Delay(200, ctx.Token);
        }
    }

    /// <summary>Polls the auction until it has ended, for at most the anti-sniping window past the latest end any answer showed.</summary>
    private static async Task<AuctionDetails?> WaitForEndAsync(ScenarioContext ctx, AuctionRun run)
    {
        var deadline = run.LatestEndsAt.AddSeconds(run.Terms.CounterBidSeconds + 15);
        while (true)
        {
            var wait = run.LatestEndsAt - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ctx.Token);
            var auction = await ctx.Api.AuctionAsync(run.RoomId, run.AuctionId, ctx.Token);
            if (auction is null || auction.Status == AuctionStatus.Ended) return auction;
            if (DateTime.UtcNow > deadline)
            {
                ctx.Note($"auction: still {auction.Status.ToWire()} at {DateTime.UtcNow:HH:mm:ss}, past its end {auction.EndsAt:HH:mm:ss}");
                return auction;
            }
            await Task.Delay(250, ctx.Token);
        }
    }
}
