using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Grains.Auctions;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.EndToEnd;

/// <summary>Auctions over real SignalR connections, both protocols: the proxy stampede, the public history, bad input.</summary>
public sealed class AuctionEndToEndTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<BidResult> Bid(LiveClient client, string roomId, string auctionId, decimal amount, decimal? max) =>
        client.Connection.InvokeAsync<BidResult>("PlaceBid", roomId, auctionId, amount, max);

    [Fact]
    public async Task A_stampede_of_200_proxy_bidders_ends_with_the_rules_leader_price_and_clock()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("auctioneer", null, ("lot", 50m, 5));
        await using var host = await _server.ConnectAsync(hostToken, "messagepack");
        await host.JoinAsync(roomId);
        const int bidders = 200;
        var clients = new LiveClient[bidders];
        await Parallel.ForEachAsync(Enumerable.Range(0, bidders), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            clients[i] = await _server.ConnectAsync(_server.Token($"bidder{i}"), i % 2 == 0 ? "json" : "messagepack");
            await clients[i].JoinAsync(roomId);
        });
        // Distinct maxima 20, 33, ... 2,607 handed out in a shuffled order, and one far above them all.
        var maxima = Enumerable.Range(0, bidders).Select(i => 20m + 13m * i).OrderBy(_ => Random.Shared.Next()).ToArray();
        var top = Random.Shared.Next(bidders);
        maxima[top] = 5_000m;

        // Five seconds on the clock and a five-second counter: the whole stampede is in the last seconds.
        var auction = await host.Connection.InvokeAsync<Auction>("StartAuction", roomId,
            new StartAuctionRequest { ProductId = "lot", StartingBid = 10m, DurationSeconds = 5, CounterBidSeconds = 5 });
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = clients.Select(async (client, i) =>
        {
            await go.Task;
            return await Bid(client, roomId, auction.AuctionId, 10m, maxima[i]);
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.All(results, r => Assert.Contains(r.Status, new[] { BidStatus.Leading, BidStatus.Outbid, BidStatus.TooLow }));
        Assert.Equal(BidStatus.Leading, results[top].Status);
        var accepted = maxima.Where((_, i) => results[i].Status != BidStatus.TooLow).OrderDescending().ToArray();
        // The rule: the highest maximum leads; price = min(its maximum, runner-up maximum + increment).
        // Maxima 13 apart are closer than the increments, so which bids come too late to count depends on the
        // arrival order; the outcome must be the rule applied to the bids that counted.
        var runnerUp = accepted[1];
        var price = Math.Min(5_000m, runnerUp + (runnerUp >= 2_000m ? 50m : 20m));

        var details = (await _server.Http.GetFromJsonAsync<AuctionDetails>($"/api/rooms/{roomId}/auctions/{auction.AuctionId}"))!;
        Assert.Equal(($"bidder{top}", price, accepted.Length), (details.LeaderId, details.CurrentBid, details.Bids));
        // Anti-sniping: the last visible change set endsAt to its time + counterBidSeconds.
        Assert.Equal(details.History[^1].At.AddSeconds(5), details.EndsAt);
        Assert.Equal(price, details.History[^1].Amount);
        // A refused bid was below the minimum when it came, and the minimum only rises.
        Assert.All(maxima.Where((_, i) => results[i].Status == BidStatus.TooLow), max => Assert.True(max < details.MinNextBid));

        var ended = await WaitForAsync<AuctionEndedData>(host, AuctionEventTypes.AuctionEnded, TimeSpan.FromSeconds(20));
        Assert.Equal((AuctionEndReason.Sold, $"bidder{top}", price), (ended.Reason, ended.WinnerId, ended.Amount));
        var winner = clients[top];
        await winner.WaitUntilAsync(c => c.Personal.Any(p => p.Type == AuctionEventTypes.AuctionWon), TimeSpan.FromSeconds(10), "auctionWon");
        var won = EventData.Read<AuctionWonData>(winner.Personal.First(p => p.Type == AuctionEventTypes.AuctionWon).Data);
        Assert.Equal((ended.OrderId, price, OrderStatus.PendingPayment), (won.Order.OrderId, won.Order.Total, won.Order.Status));
        var orders = await (await _server.Http.SendAsync(_server.Request(HttpMethod.Get, "/api/orders", _server.Token($"bidder{top}")))).Content.ReadFromJsonAsync<Order[]>();
        Assert.Equal(price, Assert.Single(orders!).Total);

        // Every viewer's last bidPlaced shows the final price and the leader.
        await Task.WhenAll(clients.Select(c => c.WaitUntilAsync(
            x => x.Received.LastOrDefault(e => e.Type == AuctionEventTypes.BidPlaced) is { } last && EventData.Read<BidPlacedData>(last.Data).CurrentBid == price,
            TimeSpan.FromSeconds(15), "final bidPlaced")));
        // The shelf's stock reaches the room's snapshot by its own push.
        var snapshot = await Eventually.ProbeAsync(() => host.JoinAsync(roomId), s => s.Products.Single().Stock == 4 && s.Auctions.Single().Status == AuctionStatus.Ended);
        Assert.Equal(4, snapshot.Products.Single().Stock);
        Assert.Equal((AuctionStatus.Ended, price), (snapshot.Auctions.Single().Status, snapshot.Auctions.Single().CurrentBid));
        await Parallel.ForEachAsync(clients, async (c, _) => await c.DisposeAsync());
    }

    [Fact]
    public async Task The_public_history_shows_visible_prices_and_never_a_maximum()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("historian", null, ("lot", 50m, 5));
        await using var host = await _server.ConnectAsync(hostToken);
        await using var ann = await _server.ConnectAsync(await _server.TokenAsync("ann", name: "Ann"));
        await using var bob = await _server.ConnectAsync(await _server.TokenAsync("bob", name: "Bob"), "messagepack");
        var auction = await host.Connection.InvokeAsync<Auction>("StartAuction", roomId, new StartAuctionRequest { ProductId = "lot", StartingBid = 10m, DurationSeconds = 600 });
        await Bid(ann, roomId, auction.AuctionId, 10m, 777m);
        await Bid(bob, roomId, auction.AuctionId, 60m, null);
        await Bid(bob, roomId, auction.AuctionId, 70m, 99m);

        var json = await _server.Http.GetStringAsync($"/api/rooms/{roomId}/auctions/{auction.AuctionId}");
        Assert.DoesNotContain("777", json);
        using var document = JsonDocument.Parse(json);
        var history = document.RootElement.GetProperty("history").EnumerateArray()
            .Select(h => (h.GetProperty("bidderName").GetString(), h.GetProperty("amount").GetDecimal())).ToArray();
        Assert.Equal([("Ann", 10m), ("Ann", 63m), ("Ann", 102m)], history);
        Assert.Equal(("ann", 102m, 107m), (document.RootElement.GetProperty("leaderId").GetString(), document.RootElement.GetProperty("currentBid").GetDecimal(), document.RootElement.GetProperty("minNextBid").GetDecimal()));

        Assert.Equal(HttpStatusCode.NotFound, (await _server.Http.GetAsync($"/api/rooms/{roomId}/auctions/{roomId}.a000000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Http.GetAsync($"/api/rooms/other/auctions/{auction.AuctionId}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task Each_bad_auction_input_gets_its_code_and_changes_nothing(string protocol)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("strict", null, ("lot", 50m, 2));
        var (otherRoom, _) = await _server.CreateLiveRoomAsync("elsewhere");
        await using var host = await _server.ConnectAsync(hostToken, protocol);
        await using var viewer = await _server.ConnectAsync(await _server.TokenAsync("v-" + protocol), protocol);
        await using var guest = await _server.ConnectAsync(null, protocol);
        var terms = new StartAuctionRequest { ProductId = "lot", StartingBid = 5m, DurationSeconds = 60 };

        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync<Auction>("StartAuction", roomId, terms));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync<Auction>("StartAuction", roomId, terms));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<Auction>("StartAuction", roomId, terms with { DurationSeconds = 0 }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<Auction>("StartAuction", roomId, terms with { StartingBid = 0m }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<Auction>("StartAuction", roomId, terms with { CounterBidSeconds = 61 }));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.Connection.InvokeAsync<Auction>("StartAuction", roomId, terms with { ProductId = "ghost" }));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.Connection.InvokeAsync<Auction>("StartAuction", "no-such-room", terms));
        var before = await viewer.JoinAsync(roomId);
        Assert.Empty(before.Auctions);
        Assert.Equal(2, before.Products.Single().Stock);

        var auction = await host.Connection.InvokeAsync<Auction>("StartAuction", roomId, terms);
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => host.Connection.InvokeAsync<Auction>("StartAuction", roomId, terms));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => Bid(host, roomId, auction.AuctionId, 10m, null));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => Bid(guest, roomId, auction.AuctionId, 10m, null));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => Bid(viewer, roomId, auction.AuctionId, -1m, null));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => Bid(viewer, roomId, auction.AuctionId, 10m, 9m));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => Bid(viewer, roomId, "nonsense", 10m, null));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => Bid(viewer, otherRoom, auction.AuctionId, 10m, null));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync("CancelAuction", roomId, auction.AuctionId));
        Assert.Equal(BidStatus.TooLow, (await Bid(viewer, roomId, auction.AuctionId, 4m, null)).Status);
        Assert.Equal(0, (await _server.Http.GetFromJsonAsync<AuctionDetails>($"/api/rooms/{roomId}/auctions/{auction.AuctionId}"))!.Bids);

        Assert.Equal(BidStatus.Leading, (await Bid(viewer, roomId, auction.AuctionId, 5m, null)).Status);
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => host.Connection.InvokeAsync("CancelAuction", roomId, auction.AuctionId));
        Assert.Equal(1, (await Eventually.ProbeAsync(() => viewer.JoinAsync(roomId), s => s.Products.Single().Stock == 1)).Products.Single().Stock);
    }

    private static async Task<T> WaitForAsync<T>(LiveClient client, string type, TimeSpan timeout)
    {
        await client.WaitUntilAsync(c => c.Received.Any(e => e.Type == type), timeout, type);
        return EventData.Read<T>(client.Received.First(e => e.Type == type).Data);
    }
}
