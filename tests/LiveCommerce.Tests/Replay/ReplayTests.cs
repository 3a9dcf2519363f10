using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.LiveHost.Identity;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Replay;

/// <summary>Replay and export: the whole log after the live window has moved on, and the chat as CSV.</summary>
public sealed class ReplayTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync(new Dictionary<string, string>
    {
        ["Rooms:LogCapacity"] = "2000",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_room_with_more_comments_than_the_live_window_replays_every_seq_from_one()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("replay-host");
        var room = _server.Grains.GetGrain<ILiveRoomGrain>(roomId);
        var host = Caller.User("replay-host", Roles.Host);
        for (var batch = 0; batch < 20; batch++)
            await Task.WhenAll(Enumerable.Range(0, 250).Select(i => room.Comment(host, $"comment {batch * 250 + i}")));

        // While live: the host's view only.
        await AssertProblem(await Get($"/api/rooms/{roomId}/log", _server.Token("nosy")), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await Get($"/api/rooms/{roomId}/log?limit=1", hostToken)).StatusCode);
        (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/end", hostToken))).EnsureSuccessStatusCode();
        var last = (await room.GetSnapshot()).Seq;
        Assert.True(last > 5_000);

        // Ended: anyone, guests too, pages through the whole log.
        var seqs = new List<long>();
        var comments = new List<string>();
        long? after = 0;
        for (var pages = 0; after is not null && pages < 100; pages++)
        {
            var page = (await (await Get($"/api/rooms/{roomId}/log?after={after}&limit=700", token: null)).Content.ReadFromJsonAsync<JsonElement>());
            foreach (var evt in page.GetProperty("events").EnumerateArray())
            {
                seqs.Add(evt.GetProperty("seq").GetInt64());
                if (evt.GetProperty("type").GetString() == EventTypes.Comment) comments.Add(evt.GetProperty("data").GetProperty("text").GetString()!);
            }
            after = page.TryGetProperty("nextAfter", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null;
        }
        Assert.Null(after);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), seqs);
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => $"comment {i}").Order(), comments.Order());

        await AssertProblem(await Get($"/api/rooms/{roomId}/log?limit=1001", null), HttpStatusCode.BadRequest);
        await AssertProblem(await Get($"/api/rooms/{roomId}/log?after=-1", null), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_chat_export_parses_back_to_the_comments_with_quotes_commas_newlines_and_deletions()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("csv-host");
        var texts = new[]
        {
            "plain",
            "with, commas, and \"quotes\"",
            "two\nlines",
            "Grüße aus München — 你好 👋",
            "\"starts with a quote",
            "ends with a comma,",
        };
        await using var host = await _server.ConnectAsync(hostToken);
        // User ids are 1..64 of [A-Za-z0-9_.:-] (a token with another sub is refused): the quotes and commas go in the name.
        const string awkwardName = "ann, \"the\" viewer";
        await using var viewer = await _server.ConnectAsync(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TokenIssuer>(_server.Services).Issue("ann", "viewer", awkwardName, null));
        var sent = new List<(SendCommentResult Result, string UserId, string Name, string Text)>();
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            var (client, userId, name) = i % 2 == 0 ? (host, "csv-host", "csv-host") : (viewer, "ann", awkwardName);
            sent.Add((await client.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, text), userId, name, text));
        }
        await host.Connection.InvokeAsync(HubMethods.DeleteComment, roomId, sent[2].Result.CommentId);

        await AssertProblem(await Get($"/api/rooms/{roomId}/comments.csv", _server.Token("nosy")), HttpStatusCode.Forbidden);
        await AssertProblem(await Get($"/api/rooms/{roomId}/comments.csv", null), HttpStatusCode.Unauthorized);
        var response = await Get($"/api/rooms/{roomId}/comments.csv", hostToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("seq,at,userId,name,text,deleted\r\n", body);

        using var reader = new CsvReader(new StringReader(body), new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = reader.GetRecords<Row>().ToList();
        Assert.Equal(sent.Select(s => (s.Result.Seq, s.UserId, s.Name, s.Text, s.Result.CommentId == sent[2].Result.CommentId)),
            rows.Select(r => (r.seq, r.userId, r.name, r.text, r.deleted)));
        Assert.All(rows, r => Assert.True(DateTime.TryParse(r.at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && at.Kind == DateTimeKind.Utc));
    }

    [Fact]
    public async Task Past_the_archive_limit_the_oldest_events_go_and_the_rest_replays_gapless()
    {
        await using var server = await LiveServer.StartAsync(new Dictionary<string, string>
        {
            ["Rooms:LogCapacity"] = "1000",
            ["Rooms:ArchiveEvents"] = "1000",
        });
        var (roomId, hostToken) = await server.CreateLiveRoomAsync("archive-host");
        var room = server.Grains.GetGrain<ILiveRoomGrain>(roomId);
        var host = Caller.User("archive-host", Roles.Host);
        for (var batch = 0; batch < 12; batch++)
            await Task.WhenAll(Enumerable.Range(0, 250).Select(i => room.Comment(host, $"comment {batch * 250 + i}")));
        var last = (await room.GetSnapshot()).Seq;

        var seqs = new List<long>();
        LogPage page = new() { Events = [], NextAfter = 0 };
        for (var pages = 0; page.NextAfter is { } after && pages < 10; pages++)
        {
            page = await room.GetLog(host, after, 1000);
            seqs.AddRange(page.Events.Select(e => e.Seq!.Value));
        }
        // At least the archive limit plus the live window, the newest, with no gap.
        Assert.InRange(seqs[0], 2, last - 2_000 + 1);
        Assert.Equal(Enumerable.Range((int)seqs[0], (int)(last - seqs[0] + 1)).Select(i => (long)i), seqs);
    }

    // CsvHelper maps headers to these names as they are.
    private sealed record Row(long seq, string at, string userId, string name, string text, bool deleted);

    private Task<HttpResponseMessage> Get(string path, string? token) => _server.Http.SendAsync(_server.Request(HttpMethod.Get, path, token));

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
