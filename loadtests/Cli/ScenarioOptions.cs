using System.CommandLine;
using LiveCommerce.LoadTests.Engine;

namespace LiveCommerce.LoadTests.Cli;

/// <summary>
/// The options every scenario command accepts. Unset options keep the scenario's default
/// (<see cref="ScenarioCatalog.Defaults"/>), so each option is nullable here.
/// </summary>
public sealed class ScenarioOptions
{
    public Option<string[]> Url { get; } = new("--url") { Description = "Server base URL; repeat for a cluster (connections are spread over them)", Required = true, AllowMultipleArgumentsPerToken = true };
    public Option<string?> Protocol { get; } = new("--protocol") { Description = "messagepack (default) or json" };
    public Option<string?> Room { get; } = new("--room") { Description = "Room to load (default: a fresh room per run)" };
    public Option<string?> HostId { get; } = new("--host-id") { Description = "Host user of --room (default demo-host)" };
    public Option<int?> Viewers { get; } = new("--viewers", "-n") { Description = "Viewers to connect" };
    public Option<double?> Within { get; } = new("--within") { Description = "Seconds over which viewers (and buyers) connect" };
    public Option<string?> Load { get; } = new("--load") { Description = "Load simulation: burst, constant, ramp, keep" };
    public Option<double?> Rate { get; } = new("--rate", "-r") { Description = "Events (comments, pins, likes) per second" };
    public Option<double?> Duration { get; } = new("--duration", "-d") { Description = "Seconds of sending (stream: of the whole stream; auction: the auction's durationSeconds)" };
    public Option<double?> Hold { get; } = new("--hold") { Description = "join-storm: seconds to hold the audience after joining" };
    public Option<string?> Event { get; } = new("--event") { Description = "fanout: comment (default) or pin" };
    public Option<int?> Senders { get; } = new("--senders") { Description = "fanout: host connections sending comments in parallel" };
    public Option<int?> Chatters { get; } = new("--chatters", "-m") { Description = "Signed-in chatting users among the viewers" };
    public Option<int?> Taps { get; } = new("--taps") { Description = "like-storm: taps per Like call (1..100)" };
    public Option<int?> Buyers { get; } = new("--buyers") { Description = "flash-sale/auction/coupon/stream: buyers, bidders or claimers" };
    public Option<int?> Quantity { get; } = new("--quantity", "-q") { Description = "flash-sale/stream: units on sale; coupon: the quota" };
    public Option<int?> PerUserLimit { get; } = new("--per-user-limit") { Description = "flash-sale: units one user may buy; coupon: claims one user may make" };
    public Option<int?> BuyQuantity { get; } = new("--buy-quantity") { Description = "flash-sale: units per attempt" };
    public Option<double?> BuyWithin { get; } = new("--buy-within") { Description = "flash-sale/coupon: seconds of the stampede under ramp/constant; auction: the last seconds the bidders stampede" };
    public Option<double?> PayFraction { get; } = new("--pay-fraction") { Description = "flash-sale: share of reserved orders paid (0..1)" };
    public Option<bool> NoJoinBuyers { get; } = new("--buyers-dont-join") { Description = "flash-sale/auction/coupon: shoppers connect without joining the room" };
    public Option<double?> ProxyShare { get; } = new("--proxy-share") { Description = "auction: share of bidders placing one proxy bid (0..1, default 0.3)" };
    public Option<int?> BidRounds { get; } = new("--bid-rounds") { Description = "auction: plain bids per bidder at most (default 3)" };
    public Option<int?> CounterBid { get; } = new("--counter-bid-seconds") { Description = "auction: anti-sniping window, 5..60 (default 10)" };
    public Option<bool> SuddenDeath { get; } = new("--sudden-death") { Description = "auction: end at endsAt whatever happens (no anti-sniping)" };
    public Option<double?> Drain { get; } = new("--drain") { Description = "Seconds to wait for in-flight deliveries after sending" };
    public Option<int?> ConnectConcurrency { get; } = new("--connect-concurrency") { Description = "Connects in flight at once" };
    public Option<int?> MaxConnections { get; } = new("--max-connections") { Description = "Guard rail: most connections this run may open (default 20000)" };
    public Option<double?> MaxDuration { get; } = new("--max-duration") { Description = "Guard rail: seconds after which the run stops and reports (default 900)" };
    public Option<string?> Out { get; } = new("--out", "-o") { Description = "Report folder (default reports/<scenario>-<time>)" };
    public Option<int?> ServerPid { get; } = new("--server-pid") { Description = "Local server process to sample for CPU and memory" };
    public Option<string?> Target { get; } = new("--target") { Description = "Label of the system under test in the report" };
    public Option<bool> NoLive { get; } = new("--no-live") { Description = "No live progress table" };
    public Option<bool> NoCharts { get; } = new("--no-charts") { Description = "Skip the PNG charts" };

    public void AddTo(Command command)
    {
        foreach (var p in GetType().GetProperties())
            if (p.GetValue(this) is Option o) command.Options.Add(o);
    }

    public ScenarioSettings Read(ParseResult r, string scenario)
    {
        var urls = r.GetValue(Url)!.Select(ParseUrl).ToList();
        var s = ScenarioCatalog.Defaults(scenario, urls);
        var protocol = r.GetValue(Protocol) ?? s.Protocol;
        if (protocol is not ("messagepack" or "json")) throw new ArgumentException("--protocol must be messagepack or json");
        return s with
        {
            Protocol = protocol,
            RoomId = r.GetValue(Room) ?? s.RoomId,
            HostId = r.GetValue(HostId) ?? s.HostId,
            Viewers = r.GetValue(Viewers) ?? s.Viewers,
            WithinSeconds = r.GetValue(Within) ?? s.WithinSeconds,
            Load = r.GetValue(Load) ?? s.Load,
            Rate = r.GetValue(Rate) ?? s.Rate,
            DurationSeconds = r.GetValue(Duration) ?? s.DurationSeconds,
            HoldSeconds = r.GetValue(Hold) ?? s.HoldSeconds,
            Event = r.GetValue(Event) ?? s.Event,
            Senders = r.GetValue(Senders) ?? s.Senders,
            Chatters = r.GetValue(Chatters) ?? s.Chatters,
            Taps = r.GetValue(Taps) ?? s.Taps,
            Buyers = r.GetValue(Buyers) ?? s.Buyers,
            Quantity = r.GetValue(Quantity) ?? s.Quantity,
            PerUserLimit = r.GetValue(PerUserLimit) ?? s.PerUserLimit,
            BuyQuantity = r.GetValue(BuyQuantity) ?? s.BuyQuantity,
            BuyWithinSeconds = r.GetValue(BuyWithin) ?? s.BuyWithinSeconds,
            PayFraction = r.GetValue(PayFraction) ?? s.PayFraction,
            BuyersJoin = !r.GetValue(NoJoinBuyers),
            ProxyShare = r.GetValue(ProxyShare) ?? s.ProxyShare,
            BidRounds = r.GetValue(BidRounds) ?? s.BidRounds,
            CounterBidSeconds = r.GetValue(CounterBid) ?? s.CounterBidSeconds,
            SuddenDeath = r.GetValue(SuddenDeath) || s.SuddenDeath,
            DrainSeconds = r.GetValue(Drain) ?? s.DrainSeconds,
            ConnectConcurrency = r.GetValue(ConnectConcurrency) ?? s.ConnectConcurrency,
            MaxConnections = r.GetValue(MaxConnections) ?? s.MaxConnections,
            MaxDurationSeconds = r.GetValue(MaxDuration) ?? s.MaxDurationSeconds,
            OutDir = r.GetValue(Out) ?? Path.Combine("reports", $"{scenario}-{DateTime.Now:yyyyMMdd-HHmmss}"),
            ServerPid = r.GetValue(ServerPid) ?? s.ServerPid,
            Target = r.GetValue(Target) ?? s.Target,
            LiveProgress = !r.GetValue(NoLive),
            Charts = !r.GetValue(NoCharts),
        };
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"--url '{text}' is not an http(s) URL");
}
