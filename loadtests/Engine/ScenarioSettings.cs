namespace LiveCommerce.LoadTests.Engine;

/// <summary>
/// Every knob of a run. One record for all scenarios keeps the CLI, the bench and the tests simple;
/// each scenario reads the knobs it needs (docs/loadtests.md lists which).
/// </summary>
public sealed record ScenarioSettings
{
    public required IReadOnlyList<Uri> Urls { get; init; }
    /// <summary><c>messagepack</c> (default) or <c>json</c>.</summary>
    public string Protocol { get; init; } = "messagepack";
    /// <summary>Room to load; null creates a fresh room for the run (clean seq, no leftovers).</summary>
    public string? RoomId { get; init; }
    /// <summary>Host user id of <see cref="RoomId"/> when given (the demo room's host by default).</summary>
    public string HostId { get; init; } = "demo-host";

    public int Viewers { get; init; } = 100;
    /// <summary>Window in which viewers (or buyers, under ramp/constant) start.</summary>
    public double WithinSeconds { get; init; } = 5;
    /// <summary>Load simulation of the main action: burst, ramp, constant or keep.</summary>
    public string Load { get; init; } = "constant";
    /// <summary>Events (pins/comments/likes) per second.</summary>
    public double Rate { get; init; } = 10;
    public double DurationSeconds { get; init; } = 10;
    /// <summary>After a join storm, how long the audience is held (memory, viewer counts).</summary>
    public double HoldSeconds { get; init; } = 2;
    /// <summary>Fan-out payload: <c>comment</c> or <c>pin</c>.</summary>
    public string Event { get; init; } = "comment";
    /// <summary>Host connections sending comments in parallel (a hub runs one call per connection at a time).</summary>
    public int Senders { get; init; } = 16;
    public int Chatters { get; init; } = 10;
    public int Taps { get; init; } = 5;

    public int Buyers { get; init; } = 100;
    public int Quantity { get; init; } = 50;
    public int PerUserLimit { get; init; } = 1;
    public int BuyQuantity { get; init; } = 1;
    /// <summary>Share of reserved orders the buyers pay (the rest stay held).</summary>
    /// <summary>Window of the buy stampede under ramp/constant (burst ignores it).</summary>
    public double BuyWithinSeconds { get; init; } = 2;
    public double PayFraction { get; init; } = 0.5;
    /// <summary>Whether buyers also join the room as viewers (stock events fan out to them).</summary>
    public bool BuyersJoin { get; init; } = true;

    /// <summary>auction: share of the bidders who place one proxy bid (the rest bid plain, up to <see cref="BidRounds"/> times).</summary>
    public double ProxyShare { get; init; } = 0.3;
    /// <summary>auction: plain bids a bidder places at most (each at the minimum next bid, until leading).</summary>
    public int BidRounds { get; init; } = 3;
    /// <summary>auction: the anti-sniping window (5..60 s).</summary>
    public int CounterBidSeconds { get; init; } = 10;
    public bool SuddenDeath { get; init; }

    /// <summary>How long to wait for in-flight deliveries after the last send.</summary>
    public double DrainSeconds { get; init; } = 5;
    /// <summary>Connects in flight at once (the rest queue; their latency counts from the intended start).</summary>
    public int ConnectConcurrency { get; init; } = 256;

    // Guard rails.
    public int MaxConnections { get; init; } = 20_000;
    public double MaxDurationSeconds { get; init; } = 900;

    public string OutDir { get; init; } = "reports";
    /// <summary>Server process to sample (RSS, CPU) when it runs on this machine.</summary>
    public int? ServerPid { get; init; }
    /// <summary>Label of the system under test in the report (e.g. livecommerce, bare-hub).</summary>
    public string Target { get; init; } = "livecommerce";
    public bool LiveProgress { get; init; } = true;
    public bool Charts { get; init; } = true;
}
