using LiveCommerce.Contracts.Auctions;

namespace LiveCommerce.Client.Cli;

/// <summary>Parses <c>auction &lt;productId&gt; &lt;startingBid&gt; &lt;durationSeconds&gt; [counter=&lt;seconds&gt;] [sudden]</c>.</summary>
public static class AuctionSpec
{
    public const string Usage = "auction <productId> <startingBid> <seconds> [counter=<5..60>] [sudden]";

    public static StartAuctionRequest Create(IReadOnlyList<string> words)
    {
        var kv = KeyValues.Parse(words, "counter");
        var p = kv.Positional;
        if (p.Count is < 3 or > 4 || (p.Count == 4 && !p[3].Equals("sudden", StringComparison.OrdinalIgnoreCase)))
            throw new FormatException(Usage);
        return new StartAuctionRequest
        {
            ProductId = p[0],
            StartingBid = Numbers.Decimal(p[1], "startingBid"),
            DurationSeconds = Numbers.Int(p[2], "durationSeconds"),
            CounterBidSeconds = kv.Int("counter"),
            SuddenDeath = p.Count == 4 ? true : null,
        };
    }
}
