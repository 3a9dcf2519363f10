using System.Diagnostics;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.EndToEnd;

/// <summary>Room events reach every viewer, in one gapless order, over the real hub.</summary>
public sealed class RoomFanoutTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() =>
        // 10 users × 20 comments, and 5 users × ~1,000 like taps, in one burst need looser limits than the defaults.
        _server = await LiveServer.StartAsync(new Dictionary<string, string> { ["Rooms:CommentsPerWindow"] = "50", ["Limits:LikeTapBurst"] = "5000" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task A_pin_reaches_fifty_joined_viewers_within_one_second(string protocol)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync();
        var viewers = await ConnectViewersAsync(roomId, 50, protocol);
        await using var host = await _server.ConnectAsync(hostToken, protocol);
        await host.JoinAsync(roomId);

        var clock = Stopwatch.StartNew();
        await host.Connection.InvokeAsync(HubMethods.PinProduct, roomId, "p2");
        await Task.WhenAll(viewers.Select(v => v.WaitUntilAsync(c => c.Received.Any(e => e.Type == EventTypes.Pinned), TimeSpan.FromSeconds(5), "pinned")));
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the last viewer got the pin after {clock.ElapsedMilliseconds} ms");
        foreach (var viewer in viewers)
        {
            var pinned = viewer.Received.Single(e => e.Type == EventTypes.Pinned);
            Assert.Equal("p2", EventData.Read<PinnedData>(pinned.Data).Product.ProductId);
        }
        await DisposeAll(viewers);
    }

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task Two_hundred_comments_from_ten_users_reach_every_viewer_in_one_gapless_order(string protocol)
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync();
        var viewers = await ConnectViewersAsync(roomId, 10, protocol);
        var startSeq = (await viewers[0].Connection.InvokeAsync<Contracts.Rooms.RoomSnapshot>(HubMethods.JoinRoom, roomId)).Seq;

        var posters = new List<LiveClient>();
        for (var u = 0; u < 10; u++) posters.Add(await _server.ConnectAsync(await _server.TokenAsync($"chatter{u}"), protocol));
        var acks = await Task.WhenAll(posters.Select(async (poster, u) =>
        {
            var mine = new List<(long Seq, string Text)>();
            for (var i = 0; i < 20; i++)
            {
                var text = $"u{u} #{i}";
                var result = await poster.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, text);
                mine.Add((result.Seq, text));
            }
            return mine;
        }));
        var expected = acks.SelectMany(a => a).OrderBy(a => a.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => startSeq + i), expected.Select(e => e.Seq));

        foreach (var viewer in viewers)
        {
            await viewer.WaitUntilAsync(c => c.LogAfter(startSeq).Length >= 200, TimeSpan.FromSeconds(10), "200 comments");
            var log = viewer.LogAfter(startSeq);
            Assert.Equal(expected.Select(e => e.Seq), log.Select(e => e.Seq!.Value));
            Assert.Equal(expected.Select(e => e.Text), log.Select(e => EventData.Read<CommentData>(e.Data).Text));
            // Nothing arrived out of order: the raw stream (repeats aside) is increasing.
            var raw = viewer.Received.Where(e => e.Seq > startSeq).Select(e => e.Seq!.Value).ToList();
            Assert.Equal(raw.Order(), raw);
        }
        await DisposeAll(viewers);
        await DisposeAll(posters);
    }

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task A_viewer_that_resumes_gets_exactly_the_comments_it_missed(string protocol)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync();
        var viewerToken = await _server.TokenAsync("resumer");
        var first = await _server.ConnectAsync(viewerToken, protocol);
        var lastSeq = (await first.JoinAsync(roomId)).Seq;
        await first.DisposeAsync();

        await using var host = await _server.ConnectAsync(hostToken, protocol);
        var missed = new List<long>();
        for (var i = 0; i < 20; i++)
            missed.Add((await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, $"missed {i}")).Seq);

        await using var again = await _server.ConnectAsync(viewerToken, protocol);
        var resumed = await again.Connection.InvokeAsync<ResumeResult>(HubMethods.Resume, roomId, lastSeq);

        Assert.Null(resumed.Snapshot);
        Assert.Equal(missed, resumed.Events.Select(e => e.Seq!.Value));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"missed {i}"), resumed.Events.Select(e => EventData.Read<CommentData>(e.Data).Text));

        // Resume rejoined the room: the next comment arrives as a frame.
        var next = await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "after resume");
        await again.WaitUntilAsync(c => c.Received.Any(e => e.Seq == next.Seq), because: "the comment after resume");
    }

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task Like_totals_converge_on_every_viewer(string protocol)
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync();
        var viewers = await ConnectViewersAsync(roomId, 5, protocol);
        var likers = new List<LiveClient>();
        for (var u = 0; u < 5; u++) likers.Add(await _server.ConnectAsync(await _server.TokenAsync($"liker{u}"), protocol));

        await Task.WhenAll(likers.Select(async (liker, u) =>
        {
            for (var i = 1; i <= 20; i++) await liker.Connection.InvokeAsync(HubMethods.Like, roomId, (u * 20 + i) % 100 + 1);
        }));
        var expected = Enumerable.Range(0, 5).SelectMany(u => Enumerable.Range(1, 20).Select(i => (u * 20 + i) % 100 + 1)).Sum();

        foreach (var viewer in viewers)
            await viewer.WaitUntilAsync(c => c.LatestState<LikesData>(EventTypes.Likes)?.Total == expected, because: $"likes total {expected}");
        var snapshot = await viewers[0].JoinAsync(roomId);
        Assert.Equal(expected, snapshot.Likes);
        await DisposeAll(viewers);
        await DisposeAll(likers);
    }

    private async Task<List<LiveClient>> ConnectViewersAsync(string roomId, int count, string protocol)
    {
        var viewers = new List<LiveClient>();
        for (var i = 0; i < count; i++)
        {
            // Half signed-in viewers, half guests: both must receive the room's frames.
            var token = i % 2 == 0 ? await _server.TokenAsync($"viewer{i}") : null;
            var viewer = await _server.ConnectAsync(token, protocol);
            await viewer.JoinAsync(roomId);
            viewers.Add(viewer);
        }
        return viewers;
    }

    private static async Task DisposeAll(IEnumerable<LiveClient> clients)
    {
        foreach (var client in clients) await client.DisposeAsync();
    }
}
