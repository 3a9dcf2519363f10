using System.Collections.Concurrent;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;

namespace LiveCommerce.LoadTests.Scenarios;

/// <summary>Reads every buyer's orders and the sale's stock after a sale, and records the verdict.</summary>
public static class SaleCheck
{
    public static async Task RecordAsync(ScenarioContext ctx, string roomId, string saleId, int quantity, int perUserLimit,
        IReadOnlyList<(string UserId, string Token)> buyers, int acknowledgedUnits)
    {
        ctx.Phase = $"verifying the sale from {buyers.Count:N0} buyers' orders";
        var orders = new ConcurrentBag<Order>();
        var unsupported = 0;
        await Parallel.ForEachAsync(buyers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ctx.Token }, async (b, ct) =>
        {
            var mine = await ctx.Api.OrdersAsync(b.Token, ct);
            if (mine is null) Interlocked.Exchange(ref unsupported, 1);
            else foreach (var o in mine.Where(o => o.SaleId == saleId)) orders.Add(o);
        });
        if (unsupported == 1)
        {
            ctx.Figure("verdict", "n/a: the server has no order API (baseline)");
            return;
        }
        var snapshot = await ctx.Api.SnapshotAsync(roomId, ctx.Token);
        var sale = snapshot.FlashSales.FirstOrDefault(f => f.SaleId == saleId);
        if (sale is null)
        {
            ctx.Figure("verdict", "NOT exact: the sale is missing from the room snapshot");
            return;
        }
        var verdict = SaleVerdict.Evaluate(quantity, perUserLimit, sale.Remaining, orders.ToList(), acknowledgedUnits);
        ctx.Figure("verdict", verdict.Summary);
        ctx.Figure("saleExact", verdict.Exact);
        ctx.Figure("unitsSold", verdict.Sold);
        ctx.Figure("unitsHeld", verdict.Held);
        ctx.Figure("unitsReleased", verdict.Released);
        ctx.Figure("unitsLeft", verdict.Left);
        ctx.Figure("oversold", verdict.Oversold);
        ctx.Figure("usersOverLimit", verdict.UsersOverLimit.Count);
        foreach (var p in verdict.Problems) ctx.Note($"flash sale: {p}");
    }
}
