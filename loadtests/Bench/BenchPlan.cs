using System.Globalization;

namespace LiveCommerce.LoadTests.Bench;

/// <summary>A system under test: LiveHost, or the bare hub one message per event, or in 100 ms frames.</summary>
public sealed record BenchTarget(string Label, string Description, bool IsLiveHost, int FrameMs);

/// <summary>One load of the bench, run against each target it applies to.</summary>
public sealed record BenchLoad(string Key, string Scenario, string[] Args, Func<BenchTarget, bool> AppliesTo, int? ScaleViewers = null);

/// <summary>The bench's fixed programme, quick or full. The same loads go to every target.</summary>
public static class BenchPlan
{
    public static readonly BenchTarget LiveHost = new("livecommerce", "LiveHost (Release): Orleans silo + SignalR hub, 50 ms frames", true, 0);
    public static readonly BenchTarget Bare = new("bare-1msg", "bare SignalR hub, one message per event", false, 0);
    public static readonly BenchTarget BareFramed = new("bare-100ms", "bare SignalR hub, one frame per 100 ms", false, 100);

    public static IReadOnlyList<BenchTarget> Targets { get; } = [LiveHost, Bare, BareFramed];

    public static IReadOnlyList<BenchLoad> Loads(bool quick)
    {
        static bool NotFramed(BenchTarget t) => t.FrameMs == 0;
        static bool All(BenchTarget t) => true;
        var loads = new List<BenchLoad>
        {
            // Not compared: JIT, thread pool and GC heaps warm up here, so the measured runs don't pay for them.
            new("warmup", "join-storm", ["--viewers", "200", "--within", "1", "--hold", "0", "--no-charts"], All),
            quick
                ? new("join", "join-storm", ["--viewers", "1000", "--load", "burst", "--hold", "1"], NotFramed)
                : new("join", "join-storm", ["--viewers", "10000", "--load", "burst", "--hold", "3"], NotFramed),
            // 300 comments/s come from many people: SignalR runs one connection's invocations one at a
            // time, so a few senders would measure their own queue (each comment waits for its store).
            quick
                ? new("fanout300", "fanout", ["--viewers", "200", "--rate", "300", "--duration", "4", "--within", "2", "--drain", "3", "--senders", "64"], All)
                : new("fanout300", "fanout", ["--viewers", "1000", "--rate", "300", "--duration", "20", "--within", "5", "--drain", "10", "--senders", "64"], All),
        };
        // The high-rate case: 300 comments/s to 200 viewers, where one generator core keeps up with both targets.
        if (!quick)
            loads.Add(new("fanout300x200", "fanout", ["--viewers", "200", "--rate", "300", "--duration", "10", "--within", "2", "--drain", "5", "--senders", "64"], All));
        int[] scale = quick ? [500] : [1_000, 2_500, 5_000, 7_500, 10_000];
        foreach (var n in scale)
        {
            var within = Math.Max(2, n / 800).ToString(CultureInfo.InvariantCulture);
            loads.Add(new($"scale{n}", "fanout",
                ["--viewers", n.ToString(CultureInfo.InvariantCulture), "--rate", "1", "--duration", quick ? "4" : "15", "--within", within, "--drain", "5", "--senders", "1"],
                All, n));
        }
        loads.Add(quick
            ? new("flash", "flash-sale", ["--buyers", "1000", "--quantity", "100", "--load", "burst", "--within", "3"], NotFramed)
            : new("flash", "flash-sale", ["--buyers", "10000", "--quantity", "500", "--load", "burst", "--within", "12"], NotFramed));
        // The playbook's stampedes beside the flash sale: bids in an auction's last seconds, claims of a coupon drop.
        loads.Add(quick
            ? new("auction", "auction", ["--buyers", "500", "--duration", "6", "--buy-within", "2", "--within", "3"], NotFramed)
            : new("auction", "auction", ["--buyers", "5000", "--duration", "15", "--buy-within", "2", "--within", "10"], NotFramed));
        loads.Add(quick
            ? new("coupon", "coupon", ["--buyers", "1000", "--quantity", "100", "--load", "burst", "--within", "3"], NotFramed)
            : new("coupon", "coupon", ["--buyers", "10000", "--quantity", "500", "--load", "burst", "--within", "12"], NotFramed));
        return loads;
    }
}
