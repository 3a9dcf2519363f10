using LiveCommerce.LoadTests.Engine;

namespace LiveCommerce.LoadTests.Cli;

/// <summary>Checks a run's settings against its own guard rails before any connection is made.</summary>
public static class Guards
{
    public static void Check(string scenario, ScenarioSettings s)
    {
        var connections = scenario switch
        {
            "flash-sale" or "auction" or "coupon" => s.Buyers + 1,
            "fanout" => s.Viewers + s.Senders,
            _ => s.Viewers + 1,
        };
        if (connections > s.MaxConnections)
            throw new ArgumentException($"{scenario} needs {connections:N0} connections, over --max-connections {s.MaxConnections:N0}");
        if (s.Viewers < 0 || s.Buyers < 0 || s.Quantity < 1 || s.Rate <= 0 || s.DurationSeconds <= 0 || s.WithinSeconds < 0)
            throw new ArgumentException("counts, rates and durations must be positive");
        if (s.ProxyShare is < 0 or > 1 || s.BidRounds < 1) throw new ArgumentException("--proxy-share must be 0..1 and --bid-rounds at least 1");
        var planned = s.WithinSeconds + s.DurationSeconds + s.HoldSeconds + s.DrainSeconds;
        if (planned > s.MaxDurationSeconds)
            throw new ArgumentException($"the plan takes at least {planned:0}s, over --max-duration {s.MaxDurationSeconds:0}s");
    }
}
