using LiveCommerce.LoadTests.Scenarios;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>The named scenarios and each one's default settings (what runs without options).</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new JoinStormScenario(), new FanoutScenario(), new CommentStormScenario(),
        new LikeStormScenario(), new FlashSaleScenario(), new AuctionScenario(), new CouponScenario(), new StreamScenario(), new SoakScenario(),
    ];

    public static IScenario Get(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"unknown scenario '{name}'");

    public static ScenarioSettings Defaults(string name, IReadOnlyList<Uri> urls)
    {
        var s = new ScenarioSettings { Urls = urls };
        return name switch
        {
            "join-storm" => s with { Viewers = 1_000, WithinSeconds = 5, Load = "constant", HoldSeconds = 2 },
            "fanout" => s with { Viewers = 1_000, WithinSeconds = 5, Rate = 10, DurationSeconds = 10 },
            "comment-storm" => s with { Viewers = 1_000, Chatters = 100, Rate = 50, DurationSeconds = 10 },
            "like-storm" => s with { Viewers = 1_000, Chatters = 100, Rate = 100, DurationSeconds = 10, Taps = 5 },
            "flash-sale" => s with { Buyers = 1_000, Quantity = 100, Load = "burst", WithinSeconds = 5, BuyWithinSeconds = 2 },
            "auction" => s with { Buyers = 1_000, Load = "burst", WithinSeconds = 5, DurationSeconds = 10, BuyWithinSeconds = 2, DrainSeconds = 2 },
            "coupon" => s with { Buyers = 2_000, Quantity = 100, Load = "burst", WithinSeconds = 5, BuyWithinSeconds = 2 },
            "stream" => s with { Viewers = 500, WithinSeconds = 20, DurationSeconds = 120, Chatters = 50, Rate = 5, Buyers = 200, Quantity = 100 },
            "soak" => s with
            {
                Viewers = 2_000, WithinSeconds = 60, DurationSeconds = 1_800, Chatters = 200, Rate = 5, Buyers = 300, Quantity = 100,
                MaxDurationSeconds = 2_400,
            },
            _ => s,
        };
    }
}
