using System.Text.Json;
using LiveCommerce.LoadTests.Baseline;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.LoadTests.Tests;

/// <summary>
/// Every scenario at tiny scale against a LiveHost started by the test (127.0.0.1 only, a few dozen
/// connections, a few seconds each); checks that the report files exist and hold the figures.
/// </summary>
public sealed class ScenarioSmokeTests(LiveHostFixture host) : IClassFixture<LiveHostFixture>, IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "lc-loadtests-" + Guid.NewGuid().ToString("N")[..8]);

    private ScenarioSettings Settings(string scenario, Uri? url = null) =>
        ScenarioCatalog.Defaults(scenario, [url ?? host.Url]) with
        {
            OutDir = Path.Combine(_out, scenario),
            LiveProgress = false,
            MaxConnections = 200,
            MaxDurationSeconds = 60,
            WithinSeconds = 0.5,
            DrainSeconds = 5,
        };

    private static async Task<(RunReport Report, JsonElement Json)> RunAsync(string scenario, ScenarioSettings settings)
    {
        var report = await ScenarioRunner.RunAsync(ScenarioCatalog.Get(scenario), settings, CancellationToken.None);
        Assert.True(report.Outcome == "completed", $"{scenario}: {report.Outcome}\n{string.Join("\n", report.Notes)}");
        foreach (var file in new[] { "report.json", "report.md", Charts.LatencyFile, Charts.ThroughputFile })
            Assert.True(File.Exists(Path.Combine(settings.OutDir, file)), $"{file} missing");
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(settings.OutDir, "report.json"))).RootElement.Clone();
        var md = File.ReadAllText(Path.Combine(settings.OutDir, "report.md"));
        foreach (var figure in json.GetProperty("figures").EnumerateObject()) Assert.Contains($"| {figure.Name} |", md);
        return (report, json);
    }

    private static double Figure(JsonElement json, string name) => json.GetProperty("figures").GetProperty(name).GetDouble();

    [Fact]
    public async Task Join_storm_joins_everyone_and_reports_the_rate()
    {
        var (report, json) = await RunAsync("join-storm", Settings("join-storm") with { Viewers = 20, HoldSeconds = 0.5 });
        Assert.Equal(20, Figure(json, "viewersJoined"));
        Assert.True(Figure(json, "joinsPerSecond") > 0);
        Assert.Equal(20, report.Step("join")!.Ok);
        Assert.True(report.Step("join")!.Latency.P99Ms > 0);
    }

    [Fact]
    public async Task Fanout_delivers_every_comment_to_every_viewer_in_order()
    {
        var (_, json) = await RunAsync("fanout", Settings("fanout") with { Viewers = 10, Rate = 10, DurationSeconds = 1, Senders = 2 });
        Assert.Equal(Figure(json, "deliveriesExpected"), Figure(json, "deliveries"));
        Assert.Equal(100, Figure(json, "deliveries"));
        Assert.Equal(0, Figure(json, "missedSeq"));
        Assert.Equal(0, Figure(json, "outOfOrderSeq"));
        Assert.True(Figure(json, "fanoutP99Ms") > 0);
    }

    [Fact]
    public async Task Fanout_of_pins_times_them_by_seq()
    {
        var (_, json) = await RunAsync("fanout", Settings("fanout") with { Viewers = 5, Rate = 4, DurationSeconds = 1, Event = "pin" });
        Assert.Equal(20, Figure(json, "deliveries"));
        Assert.Equal(0, Figure(json, "missedSeq"));
    }

    [Fact]
    public async Task Comment_storm_times_calls_and_receipts()
    {
        var (report, json) = await RunAsync("comment-storm", Settings("comment-storm") with { Viewers = 10, Chatters = 3, Rate = 6, DurationSeconds = 1 });
        Assert.Equal(6, report.Step("comment")!.Ok);
        Assert.Equal(60, Figure(json, "deliveries"));
        Assert.Equal(0, Figure(json, "rateLimited"));
    }

    [Fact]
    public async Task Like_storm_counts_every_tap_exactly()
    {
        var (_, json) = await RunAsync("like-storm", Settings("like-storm") with { Viewers = 10, Chatters = 3, Rate = 10, DurationSeconds = 1, Taps = 4 });
        Assert.Equal(40, Figure(json, "tapsAcknowledged"));
        Assert.True(json.GetProperty("figures").GetProperty("likesExact").GetBoolean());
    }

    [Fact]
    public async Task Flash_sale_is_judged_exact()
    {
        var (_, json) = await RunAsync("flash-sale", Settings("flash-sale") with { Buyers = 20, Quantity = 5 });
        Assert.Equal(20, Figure(json, "attempts"));
        Assert.Equal(0, Figure(json, "oversold"));
        Assert.True(json.GetProperty("figures").GetProperty("saleExact").GetBoolean(), json.GetProperty("figures").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Auction_stampede_is_judged_against_the_rule()
    {
        var (report, json) = await RunAsync("auction", Settings("auction") with
        {
            Buyers = 12, DurationSeconds = 5, BuyWithinSeconds = 1, CounterBidSeconds = 5, ProxyShare = 0.34,
        });
        var figures = json.GetProperty("figures");
        Assert.True(figures.GetProperty("auctionExact").GetBoolean(), figures.GetProperty("verdict").GetString());
        Assert.True(Figure(json, "bidsAcknowledged") > 0);
        Assert.True(report.Step("bid")!.Ok >= 12);
        Assert.True(Figure(json, "bidP99Ms") > 0);
    }

    [Fact]
    public async Task Coupon_stampede_claims_exactly_the_quota()
    {
        var (_, json) = await RunAsync("coupon", Settings("coupon") with { Buyers = 20, Quantity = 5 });
        var figures = json.GetProperty("figures");
        Assert.True(figures.GetProperty("couponExact").GetBoolean(), figures.GetProperty("verdict").GetString());
        Assert.Equal(5, Figure(json, "claimed"));
        // Each claimer claims once; the five who got one try again and hear alreadyClaimed.
        Assert.Equal(25, Figure(json, "attempts"));
    }

    [Fact]
    public async Task Stream_runs_its_mix_and_reports_it()
    {
        var (report, json) = await RunAsync("stream", Settings("stream") with
        {
            Viewers = 10, WithinSeconds = 1, DurationSeconds = 6, Chatters = 4, Rate = 2, Buyers = 4, Quantity = 2, CounterBidSeconds = 5,
        });
        var figures = json.GetProperty("figures");
        foreach (var exact in new[] { "giveaway.exact", "coupon.couponExact", "auction.auctionExact" })
            Assert.True(figures.TryGetProperty(exact, out var v) && v.GetBoolean(), $"{exact}: {string.Join("; ", report.Notes)}");
        Assert.True(report.Step("claim")!.Ok > 0);
        Assert.True(report.Step("bid")!.Ok > 0);
        Assert.True(report.Step("comment")!.Ok > 0);
        Assert.True(report.Step("like")!.Ok > 0);
        Assert.True(report.Step("pin")!.Ok > 0);
        Assert.True(report.Step("rejoin")!.Ok > 0);
    }

    [Fact]
    public async Task Soak_keeps_the_mix_and_its_sales_going_and_counts_errors()
    {
        var (report, json) = await RunAsync("soak", Settings("soak") with
        {
            Viewers = 10, WithinSeconds = 1, DurationSeconds = 9, Chatters = 4, Rate = 2, Buyers = 4, Quantity = 2,
        });
        Assert.Equal(3, Figure(json, "salesRun"));
        Assert.Equal(3, report.Step("startSale")!.Ok);
        Assert.True(report.Step("buy")!.Ok > 0);
        Assert.True(report.Step("rejoin")!.Ok > 0);
        Assert.Equal(0, Figure(json, "missedSeq"));
        Assert.True(json.GetProperty("figures").TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task The_bare_baseline_hub_serves_the_same_fanout_in_100ms_frames()
    {
        await using var bare = await StartBareAsync(100);
        var (_, json) = await RunAsync("fanout", Settings("fanout", bare.Url) with { Viewers = 10, Rate = 20, DurationSeconds = 1, Target = "bare-100ms" });
        Assert.Equal(200, Figure(json, "deliveries"));
        Assert.Equal(0, Figure(json, "missedSeq"));
        Assert.True(Figure(json, "deliveriesPerFrame") > 1); // events shared frames
    }

    private static async Task<BareServer> StartBareAsync(int frameMs)
    {
        var app = BareHubApp.Build(["--urls", "http://127.0.0.1:0"], frameMs);
        await app.StartAsync();
        return new BareServer(app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    private sealed record BareServer(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_out, recursive: true); }
        catch (IOException) { }
    }
}
