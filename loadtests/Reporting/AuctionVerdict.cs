using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;

namespace LiveCommerce.LoadTests.Reporting;

/// <summary>How the auction was set up, as the host asked and the server first answered.</summary>
public sealed record AuctionTerms(decimal StartingBid, int CounterBidSeconds, bool SuddenDeath, DateTime InitialEndsAt);

/// <summary>
/// Whether a bid stampede came out as the rule says, judged from the bids the server acknowledged and the
/// auction as it ended (<c>GET /api/rooms/{roomId}/auctions/{auctionId}</c>): one leader (the highest
/// maximum), the price <see cref="AuctionRule"/> gives, every acknowledged bid counted, <c>endsAt</c>
/// extended by anti-sniping exactly to the last visible change + <c>counterBidSeconds</c> (or never, with
/// sudden death), and the winner's order held for one unit at that price.
/// </summary>
public sealed record AuctionVerdict(bool Exact, ExpectedAuction Expected, decimal? FinalPrice, string? WinnerId, double ExtendedSeconds, IReadOnlyList<string> Problems)
{
    /// <param name="winnerOrder">The order <c>auction.orderId</c> names, from the winner's own order list (null when not found).</param>
    public static AuctionVerdict Evaluate(AuctionTerms terms, IReadOnlyCollection<AckedBid> acknowledged, AuctionDetails auction, Order? winnerOrder)
    {
        var expected = AuctionRule.Expect(terms.StartingBid, acknowledged);
        var problems = new List<string>();
        if (auction.Status != AuctionStatus.Ended) problems.Add($"the auction is still {auction.Status} after its end");
        if (auction.Bids != expected.Bids) problems.Add($"the auction counts {auction.Bids} bid(s), {expected.Bids} were acknowledged");

        if (expected.Leaders.Count == 0)
        {
            if (auction.EndReason != AuctionEndReason.NoBids) problems.Add($"no bid was acknowledged but the auction ended {auction.EndReason}");
            if (auction.WinnerId is not null) problems.Add($"no bid was acknowledged but {auction.WinnerId} won");
        }
        else
        {
            if (auction.LeaderId is null || !expected.Leaders.Contains(auction.LeaderId))
                problems.Add($"leader {auction.LeaderId ?? "none"}, the rule gives {string.Join(" or ", expected.Leaders)}");
            if (auction.CurrentBid != expected.Price) problems.Add($"price {auction.CurrentBid}, the rule gives {expected.Price}");
            if (auction.EndReason != AuctionEndReason.Sold) problems.Add($"ended {auction.EndReason}, not sold");
            if (auction.WinnerId != auction.LeaderId) problems.Add($"winner {auction.WinnerId ?? "none"} is not the leader {auction.LeaderId}");
            CheckOrder(auction, winnerOrder, problems);
        }
        if (auction.History.Length > 0 && auction.History[^1].Amount != auction.CurrentBid)
            problems.Add($"the history's last price {auction.History[^1].Amount} is not the final price {auction.CurrentBid}");

        var expectedEnd = ExpectedEndsAt(terms, auction.History);
        // A millisecond of slack for the wire's rendering of times; anti-sniping moves endsAt by whole seconds.
        if (Math.Abs((auction.EndsAt - expectedEnd).TotalMilliseconds) > 1)
            problems.Add($"endsAt {auction.EndsAt:HH:mm:ss.fff}, anti-sniping gives {expectedEnd:HH:mm:ss.fff}");
        return new AuctionVerdict(problems.Count == 0, expected, auction.CurrentBid, auction.WinnerId,
            Math.Round((auction.EndsAt - terms.InitialEndsAt).TotalSeconds, 3), problems);
    }

    /// <summary>Each visible change with less than <c>counterBidSeconds</c> left moves the end to its time + counterBidSeconds.</summary>
    public static DateTime ExpectedEndsAt(AuctionTerms terms, IEnumerable<BidHistoryEntry> history)
    {
        var endsAt = terms.InitialEndsAt;
        if (terms.SuddenDeath) return endsAt;
        var counter = TimeSpan.FromSeconds(terms.CounterBidSeconds);
        foreach (var change in history.OrderBy(h => h.At))
            if (endsAt - change.At < counter) endsAt = change.At + counter;
        return endsAt;
    }

    private static void CheckOrder(AuctionDetails auction, Order? order, List<string> problems)
    {
        if (auction.OrderId is null)
        {
            problems.Add("the auction names no winner's order");
            return;
        }
        if (order is null)
        {
            problems.Add($"the winner's order {auction.OrderId} is not in the winner's orders");
            return;
        }
        if (order.Status is not (OrderStatus.PendingPayment or OrderStatus.Paid)) problems.Add($"the winner's order is {order.Status}, not held");
        if (order.Total != auction.CurrentBid) problems.Add($"the winner's order totals {order.Total}, the price is {auction.CurrentBid}");
        if (order.Lines.Sum(l => l.Quantity) != 1) problems.Add($"the winner's order holds {order.Lines.Sum(l => l.Quantity)} unit(s), not 1");
    }

    public string Summary => Exact
        ? Expected.Leaders.Count == 0
            ? "exact: no bid acknowledged, ended noBids"
            : $"exact: one leader ({WinnerId}) at {FinalPrice} from {Expected.Bids} acknowledged bid(s), endsAt extended {ExtendedSeconds:0.###}s by anti-sniping, winner's order held"
        : "NOT exact: " + string.Join("; ", Problems);
}
