using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Grains.Commerce;
using LiveCommerce.Grains.Giveaways;
using LiveCommerce.LiveHost.Commerce;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.Tests.Giveaways;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.EndToEnd;

/// <summary>Giveaways over real SignalR connections, both protocols: a draw anyone can verify, prizes, bad input.</summary>
public sealed class GiveawayEndToEndTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_draw_among_100_entrants_is_verified_from_the_revealed_seed_and_the_entrant_list()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("gifter", null, ("gift", 30m, 25));
        await using var host = await _server.ConnectAsync(hostToken, "messagepack");
        await host.JoinAsync(roomId);
        const int viewers = 100;
        var clients = new LiveClient[viewers];
        await Parallel.ForEachAsync(Enumerable.Range(0, viewers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            clients[i] = await _server.ConnectAsync(_server.Token($"fan{i:D3}"), i % 2 == 0 ? "json" : "messagepack");
            await clients[i].JoinAsync(roomId);
        });

        var giveaway = await host.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId,
            new StartGiveawayRequest { Prize = "Signed gift box", ProductId = "gift", Winners = 10, DurationSeconds = 120 });
        var entries = await Task.WhenAll(clients.Select(c => c.Connection.InvokeAsync<EnterGiveawayResult>("EnterGiveaway", roomId, giveaway.GiveawayId)));
        Assert.All(entries, e => Assert.Equal(EntryStatus.Entered, e.Status));
        await host.WaitUntilAsync(h => h.LatestState<GiveawayEntrantsData>(GiveawayEventTypes.GiveawayEntrants)?.Count == viewers, TimeSpan.FromSeconds(10), "100 entrants");
        Assert.Equal(HttpStatusCode.Conflict, (await _server.Http.GetAsync($"/api/rooms/{roomId}/giveaways/{giveaway.GiveawayId}/entrants")).StatusCode);

        await host.Connection.InvokeAsync<Giveaway>("DrawGiveaway", roomId, giveaway.GiveawayId);
        await host.WaitUntilAsync(h => h.Received.Any(e => e.Type == GiveawayEventTypes.GiveawayEnded), TimeSpan.FromSeconds(10), "giveawayEnded");
        var started = EventData.Read<GiveawayStartedData>(host.Received.First(e => e.Type == GiveawayEventTypes.GiveawayStarted).Data);
        var ended = EventData.Read<GiveawayEndedData>(host.Received.First(e => e.Type == GiveawayEventTypes.GiveawayEnded).Data);

        // What an outside verifier does: the seed matches the hash published at the start, and the rule
        // applied to the published entrant list gives the announced winners, in order.
        Assert.Equal(started.Giveaway.SeedHash, DrawVerifier.SeedHash(ended.Seed));
        var entrants = (await _server.Http.GetFromJsonAsync<string[]>($"/api/rooms/{roomId}/giveaways/{giveaway.GiveawayId}/entrants"))!;
        Assert.Equal(Enumerable.Range(0, viewers).Select(i => $"fan{i:D3}"), entrants);
        Assert.Equal(viewers, ended.Entrants);
        var winners = ended.Winners.Select(w => w.UserId).ToList();
        Assert.Equal(DrawVerifier.Winners(ended.Seed, entrants, 10), winners);

        // Each winner gets a paid prize order at total 0; everyone else gets nothing.
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
        {
            if (!winners.Contains($"fan{i:D3}"))
            {
                Assert.DoesNotContain(client.Personal, p => p.Type == GiveawayEventTypes.GiveawayWon);
                continue;
            }
            await client.WaitUntilAsync(c => c.Personal.Any(p => p.Type == GiveawayEventTypes.GiveawayWon), TimeSpan.FromSeconds(10), "giveawayWon");
            var won = EventData.Read<GiveawayWonData>(client.Personal.First(p => p.Type == GiveawayEventTypes.GiveawayWon).Data);
            Assert.Equal(("Signed gift box", OrderStatus.Paid, 0m, "gift"), (won.Prize, won.Order!.Status, won.Order.Total, won.Order.Lines.Single().ProductId));
        }
        var snapshot = await Eventually.ProbeAsync(() => host.JoinAsync(roomId), s => s.Products.Single().Stock == 15 && s.Giveaways.Single().Status == GiveawayStatus.Ended);
        Assert.Equal(15, snapshot.Products.Single().Stock);
        var shown = Assert.Single(snapshot.Giveaways);
        Assert.Equal((GiveawayStatus.Ended, ended.Seed, viewers), (shown.Status, shown.Seed, shown.Entrants));
        Assert.Equal(winners, shown.WinnerIds!);
        await Parallel.ForEachAsync(clients, async (c, _) => await c.DisposeAsync());
    }

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task Each_bad_giveaway_input_gets_its_code_and_changes_nothing(string protocol)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("careful", null, ("gift", 30m, 2));
        var (otherRoom, _) = await _server.CreateLiveRoomAsync("next-door");
        await using var host = await _server.ConnectAsync(hostToken, protocol);
        await using var viewer = await _server.ConnectAsync(await _server.TokenAsync("gv-" + protocol), protocol);
        await using var guest = await _server.ConnectAsync(null, protocol);
        var terms = new StartGiveawayRequest { Prize = "Gift", ProductId = "gift", Winners = 2, DurationSeconds = 60 };

        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId, terms));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId, terms));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId, terms with { Winners = 3 }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId, terms with { Prize = "" }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId, terms with { DurationSeconds = 5 }));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId, terms with { MinWatchSeconds = 55 }));
        var before = await viewer.JoinAsync(roomId);
        Assert.Empty(before.Giveaways);
        Assert.Equal(2, before.Products.Single().Stock);

        var giveaway = await host.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId, terms with { Keyword = "gimme" });
        await HubAssert.FailsWith(ErrorCodes.Conflict, () => host.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId, terms));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync<EnterGiveawayResult>("EnterGiveaway", roomId, giveaway.GiveawayId));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => host.Connection.InvokeAsync<EnterGiveawayResult>("EnterGiveaway", roomId, giveaway.GiveawayId));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => viewer.Connection.InvokeAsync<EnterGiveawayResult>("EnterGiveaway", otherRoom, giveaway.GiveawayId));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync<Giveaway>("DrawGiveaway", roomId, giveaway.GiveawayId));
        var missing = await viewer.Connection.InvokeAsync<EnterGiveawayResult>("EnterGiveaway", roomId, giveaway.GiveawayId);
        Assert.Equal((EntryStatus.NotEligible, (EntryRequirement?)EntryRequirement.Keyword), (missing.Status, missing.Missing));

        // The keyword in a comment enters its author.
        await viewer.Connection.InvokeAsync("SendComment", roomId, "GIMME please");
        var again = await viewer.Connection.InvokeAsync<EnterGiveawayResult>("EnterGiveaway", roomId, giveaway.GiveawayId);
        Assert.Equal(EntryStatus.AlreadyEntered, again.Status);
        Assert.Equal(0, (await Eventually.ProbeAsync(() => viewer.JoinAsync(roomId), s => s.Products.Single().Stock == 0)).Products.Single().Stock);
    }
}
