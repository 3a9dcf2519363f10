using LiveCommerce.Contracts.Giveaways;

namespace LiveCommerce.Client.Cli;

/// <summary>Parses <c>giveaway &lt;winners&gt; &lt;seconds&gt; [keyword=&lt;word&gt;] [watch=&lt;seconds&gt;] [product=&lt;id&gt;] &lt;prize...&gt;</c>.</summary>
public static class GiveawaySpec
{
    public const string Usage = "giveaway <winners> <seconds> [keyword=<word>] [watch=<seconds>] [product=<productId>] <prize...>";

    public static StartGiveawayRequest Create(IReadOnlyList<string> words)
    {
        var kv = KeyValues.Parse(words, "keyword", "watch", "product");
        var p = kv.Positional;
        if (p.Count < 3) throw new FormatException(Usage);
        return new StartGiveawayRequest
        {
            Winners = Numbers.Int(p[0], "winners"),
            DurationSeconds = Numbers.Int(p[1], "durationSeconds"),
            Prize = string.Join(' ', p.Skip(2)),
            Keyword = kv.Text("keyword"),
            MinWatchSeconds = kv.Int("watch"),
            ProductId = kv.Text("product"),
        };
    }
}
