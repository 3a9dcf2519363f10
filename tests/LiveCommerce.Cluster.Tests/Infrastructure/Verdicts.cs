using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using Xunit.Abstractions;

namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>The end-of-test checks that a failure or a restart lost nothing: orders and log events.</summary>
public static class Verdicts
{
    /// <summary>
    /// Every acknowledged reservation is a distinct order, and each buyer's order list for the sale is exactly
    /// the orders the buyer was told about. Returns every buyer's listed orders for further checks.
    /// </summary>
    public static async Task<Order[]> AssertOrdersMatchAnswersAsync(LiveCluster cluster, IEnumerable<Buyer> buyers,
        IReadOnlyCollection<(string UserId, PurchaseResult Result)> reserved, string saleId, Func<LiveHostProcess> via, ITestOutputHelper output)
    {
        Assert.Equal(reserved.Count, reserved.Select(r => r.Result.OrderId).Distinct().Count());
        var all = new List<Order>();
        foreach (var buyer in buyers)
        {
            var listed = await AllOrdersAsync(cluster, buyer.UserId, via);
            var mine = reserved.Where(r => r.UserId == buyer.UserId).Select(r => r.Result.OrderId!).Order().ToArray();
            var ofSale = listed.Where(o => o.SaleId == saleId).Select(o => o.OrderId).Order().ToArray();
            if (!mine.SequenceEqual(ofSale))
            {
                output.WriteLine($"MISMATCH for {buyer.UserId}: answers {string.Join(", ", buyer.Answers.Select(a => $"{a.Key}={a.Value.Status}:{a.Value.OrderId}"))}");
                output.WriteLine($"  listed: {string.Join(", ", listed.Select(o => $"{o.OrderId} {o.Status} {o.CreatedAt:HH:mm:ss.fff}"))}");
                output.WriteLine($"  attempts: {string.Join(" | ", buyer.Journal)}");
            }
            Assert.Equal(mine, ofSale);
            all.AddRange(listed);
        }
        return [.. all];
    }

    /// <summary>Every order of the user, page by page (a long run on a busy machine gives a buyer more than one page).</summary>
    private static async Task<List<Order>> AllOrdersAsync(LiveCluster cluster, string userId, Func<LiveHostProcess> via)
    {
        const int page = 200; // the most one call lists
        var token = await cluster.TokenAsync(userId);
        var all = new List<Order>();
        while (true)
        {
            var listed = await LiveCluster.SendAsync<Order[]>(via(), HttpMethod.Get, $"/api/orders?offset={all.Count}&limit={page}", token, null);
            all.AddRange(listed);
            if (listed.Length < page) return all;
        }
    }

    /// <summary>
    /// Every viewer holds every log event from the one after its join up to <paramref name="final"/> (by frames,
    /// or by Resume where a frame never came), and every acknowledged comment with its text.
    /// </summary>
    public static async Task AssertViewersHoldEveryEventAsync(IEnumerable<Watcher> viewers, long final, IReadOnlyDictionary<long, string> comments, ITestOutputHelper output)
    {
        foreach (var viewer in viewers)
        {
            await viewer.WaitUntilAsync(w => w.Log.Any(e => e.Seq == final) || w.Contiguous >= final, TimeSpan.FromSeconds(15), $"{viewer.Name} to reach seq {final}");
            var filled = viewer.Contiguous < final ? await viewer.FillGapsAsync() : 0;
            output.WriteLine($"{viewer.Name}: {viewer.Arrivals.Length} by frame, {viewer.ResumedEvents} by Resume ({filled} filled after a hole), {viewer.GapArrivals} holes, {viewer.ReconnectNotices} reconnect notices");
            Assert.Equal(Enumerable.Range((int)viewer.JoinedAtSeq + 1, (int)(final - viewer.JoinedAtSeq)).Select(s => (long)s), viewer.Log.Select(e => e.Seq!.Value));
            foreach (var (seq, text) in comments.Where(c => c.Key > viewer.JoinedAtSeq))
                Assert.Equal(text, EventData.Read<CommentData>(viewer.Log.Single(e => e.Seq == seq).Data).Text);
        }
    }
}
