using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Coupons;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Giveaways;
using LiveCommerce.Contracts.Moderation;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Moderation;

/// <summary>v1.1 moderation per room over real SignalR and HTTP: shadow bans, the room's own words, the moderation view and its audit log, and what ending a room ends. Every test makes its own rooms and users, so they share one server.</summary>
public sealed class RoomModerationEndToEndTests(RoomModerationEndToEndTests.SharedServer shared) : IClassFixture<RoomModerationEndToEndTests.SharedServer>
{
    public sealed class SharedServer : IAsyncLifetime
    {
        public LiveServer Server { get; private set; } = null!;
        public async Task InitializeAsync() => Server = await LiveServer.StartAsync();
        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    private readonly LiveServer _server = shared.Server;

    private Task<T> GetAsync<T>(string path, string token) => _server.EventuallyAsync<T>(path, token, _ => true);

    private async Task<HttpStatusCode> StatusOf(string path, string? token) =>
        (await _server.Http.SendAsync(_server.Request(HttpMethod.Get, path, token))).StatusCode;

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task A_shadow_banned_author_alone_sees_their_comment_and_the_log_stays_gapless(string protocol)
    {
        var trollId = $"troll-{protocol}";
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync($"sb-host-{protocol}");
        await using var host = await _server.ConnectAsync(hostToken, protocol);
        await using var troll = await _server.ConnectAsync(_server.Token(trollId), protocol);
        await using var watcher = await _server.ConnectAsync(_server.Token($"watcher-{protocol}"), protocol);
        await using var guest = await _server.ConnectAsync(null, protocol);
        await host.Connection.InvokeAsync(HubMethods.AddModerator, roomId, $"sb-mod-{protocol}");
        await troll.JoinAsync(roomId);
        var joined = await watcher.JoinAsync(roomId);

        // Nobody who moderates the room can be banned; bad input is refused; none of it changes anything.
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => host.Connection.InvokeAsync(HubMethods.ShadowBan, roomId, $"sb-host-{protocol}", true));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => host.Connection.InvokeAsync(HubMethods.ShadowBan, roomId, $"sb-mod-{protocol}", true));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => watcher.Connection.InvokeAsync(HubMethods.ShadowBan, roomId, trollId, true));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync(HubMethods.ShadowBan, roomId, trollId, true));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync(HubMethods.ShadowBan, roomId, "bad id!", true));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync(HubMethods.ShadowBan, roomId, new string('x', 65), true));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => host.Connection.InvokeAsync(HubMethods.ShadowBan, "no-such-room", "troll", true));
        Assert.Empty((await GetAsync<RoomModerationView>($"/api/rooms/{roomId}/moderation", hostToken)).ShadowBanned);

        await host.Connection.InvokeAsync(HubMethods.ShadowBan, roomId, trollId, true);
        var before = await watcher.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "before");
        var hidden = await troll.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "buy my junk");
        Assert.Equal(before.Seq, hidden.Seq);
        var after = await watcher.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "after");
        Assert.Equal(before.Seq + 1, after.Seq);

        await troll.WaitUntilAsync(c => c.Personal.Any(p => p.Type == EventTypes.Comment), because: "the author's own comment");
        var personal = troll.Personal.Single(p => p.Type == EventTypes.Comment);
        Assert.Null(personal.Seq);
        Assert.Equal(roomId, personal.RoomId);
        var own = EventData.Read<CommentData>(personal.Data);
        Assert.Equal((hidden.CommentId, trollId, "buy my junk", (string?)null), (own.CommentId, own.UserId, own.Text, own.Badge));

        await watcher.WaitUntilAsync(c => c.LogAfter(joined.Seq).Any(e => e.Seq == after.Seq), because: "the comment after");
        await troll.WaitUntilAsync(c => c.LogAfter(0).Any(e => e.Seq == after.Seq), because: "the comment after");
        foreach (var client in new[] { watcher, troll })
        {
            Assert.DoesNotContain(client.Received, e => e.Type == EventTypes.Comment && EventData.Read<CommentData>(e.Data).UserId == trollId);
            var seqs = client.LogAfter(joined.Seq).Select(e => e.Seq!.Value).ToArray();
            Assert.Equal(Enumerable.Range((int)joined.Seq + 1, (int)(after.Seq - joined.Seq)).Select(i => (long)i), seqs.TakeWhile(q => q <= after.Seq));
        }
        Assert.DoesNotContain(watcher.Personal, p => p.Type == EventTypes.Comment);
        var log = await GetAsync<LogPage>($"/api/rooms/{roomId}/log", hostToken);
        Assert.Equal(Enumerable.Range(1, log.Events.Length).Select(i => (long?)i), log.Events.Select(e => e.Seq));
        Assert.DoesNotContain(log.Events, e => e.Data.ToString()!.Contains("buy my junk"));
        Assert.DoesNotContain((await watcher.JoinAsync(roomId)).RecentComments, c => c.UserId == trollId);

        await host.Connection.InvokeAsync(HubMethods.ShadowBan, roomId, trollId, false);
        var seen = await troll.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "sorry");
        Assert.Equal(after.Seq + 1, seen.Seq);
        await watcher.WaitUntilAsync(c => c.LogAfter(0).Any(e => e.Seq == seen.Seq), because: "the unbanned comment");
    }

    [Fact]
    public async Task A_rooms_blocked_words_hold_in_that_room_only_and_bad_lists_change_nothing()
    {
        var (roomA, hostA) = await _server.CreateLiveRoomAsync("words-a");
        var (roomB, _) = await _server.CreateLiveRoomAsync("words-b");
        await using var host = await _server.ConnectAsync(hostA, "messagepack");
        await using var mod = await _server.ConnectAsync(_server.Token("words-mod"));
        await using var viewer = await _server.ConnectAsync(_server.Token("words-viewer"));
        await using var guest = await _server.ConnectAsync(null);
        await host.Connection.InvokeAsync(HubMethods.AddModerator, roomA, "words-mod");

        await mod.Connection.InvokeAsync(HubMethods.SetBlockedWords, roomA, new[] { "lemon", "Cheap Deal" });
        foreach (var text in new[] { "fresh lemon", "LEMON!", "fresh \uFF4C\uFF45\uFF4D\uFF4F\uFF4E", "le\u200Bmon", "l\u0435mon", "a cheap   deal" })
            await HubAssert.FailsWith(ErrorCodes.BlockedContent, () => viewer.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomA, text));
        await viewer.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomA, "lemonade is fine");
        await viewer.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomB, "fresh lemon");

        var bad = new object?[]
        {
            null, new string?[] { null }, new[] { "" }, new[] { new string('a', 41) }, new[] { "..." }, new[] { "x\u0007" },
            Enumerable.Range(0, 201).Select(i => $"w{i}").ToArray(),
        };
        foreach (var words in bad)
            await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => host.Connection.InvokeAsync(HubMethods.SetBlockedWords, roomA, words));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => mod.Connection.InvokeAsync(HubMethods.SetBlockedWords, roomB, new[] { "x" }));
        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => viewer.Connection.InvokeAsync(HubMethods.SetBlockedWords, roomA, new[] { "x" }));
        await HubAssert.FailsWith(ErrorCodes.Unauthorized, () => guest.Connection.InvokeAsync(HubMethods.SetBlockedWords, roomA, new[] { "x" }));
        Assert.Equal(["lemon", "Cheap Deal"], (await GetAsync<RoomModerationView>($"/api/rooms/{roomA}/moderation", hostA)).BlockedWords);
        Assert.Empty((await GetAsync<RoomModerationView>($"/api/rooms/{roomB}/moderation", _server.Token("words-b"))).BlockedWords);

        await host.Connection.InvokeAsync(HubMethods.SetBlockedWords, roomA, Array.Empty<string>());
        await viewer.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomA, "fresh lemon");
    }

    [Fact]
    public async Task The_moderation_view_and_audit_log_are_for_the_rooms_moderators_and_record_every_action()
    {
        var (roomA, hostA) = await _server.CreateLiveRoomAsync("audit-a");
        var (roomB, hostB) = await _server.CreateLiveRoomAsync("audit-b");
        await using var host = await _server.ConnectAsync(hostA);
        await using var mod = await _server.ConnectAsync(_server.Token("audit-mod"), "messagepack");
        await using var viewer = await _server.ConnectAsync(_server.Token("audit-viewer"));
        await host.Connection.InvokeAsync(HubMethods.AddModerator, roomA, "audit-mod");
        await host.Connection.InvokeAsync(HubMethods.AddModerator, roomA, "audit-gone");
        await host.Connection.InvokeAsync(HubMethods.RemoveModerator, roomA, "audit-gone");
        var comment = await viewer.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomA, "delete me");
        await mod.Connection.InvokeAsync(HubMethods.DeleteComment, roomA, comment.CommentId);
        await mod.Connection.InvokeAsync(HubMethods.MuteUser, roomA, "audit-viewer", 600);
        await mod.Connection.InvokeAsync(HubMethods.MuteUser, roomA, "audit-quiet", 60);
        await mod.Connection.InvokeAsync(HubMethods.MuteUser, roomA, "audit-quiet", 0);
        await mod.Connection.InvokeAsync(HubMethods.SetSlowMode, roomA, 5);
        await mod.Connection.InvokeAsync(HubMethods.SetBlockedWords, roomA, new[] { "spam" });
        await mod.Connection.InvokeAsync(HubMethods.ShadowBan, roomA, "audit-troll", true);
        await mod.Connection.InvokeAsync(HubMethods.ShadowBan, roomA, "audit-gone", true);
        await mod.Connection.InvokeAsync(HubMethods.ShadowBan, roomA, "audit-gone", false);

        var view = await GetAsync<RoomModerationView>($"/api/rooms/{roomA}/moderation", _server.Token("audit-mod"));
        Assert.Equal(["audit-mod"], view.Moderators);
        Assert.Equal("audit-viewer", Assert.Single(view.Muted).UserId);
        Assert.True(view.Muted[0].Until > DateTime.UtcNow.AddSeconds(500));
        Assert.Equal(["audit-troll"], view.ShadowBanned);
        Assert.Equal(["spam"], view.BlockedWords);
        Assert.Equal(5, view.SlowModeSeconds);

        var log = await GetAsync<ModerationLogEntry[]>($"/api/rooms/{roomA}/moderation/log", _server.Token("platform", "moderator"));
        Assert.Equal(
        [
            ModerationAction.ShadowUnban, ModerationAction.ShadowBan, ModerationAction.ShadowBan, ModerationAction.SetBlockedWords,
            ModerationAction.SetSlowMode, ModerationAction.UnmuteUser, ModerationAction.MuteUser, ModerationAction.MuteUser,
            ModerationAction.DeleteComment, ModerationAction.RemoveModerator, ModerationAction.AddModerator, ModerationAction.AddModerator,
        ], log.Select(e => e.Action));
        Assert.Equal(["audit-mod", "audit-mod", "audit-mod", "audit-mod", "audit-mod", "audit-mod", "audit-mod", "audit-mod", "audit-mod", "audit-a", "audit-a", "audit-a"], log.Select(e => e.ModeratorId));
        Assert.Equal(comment.CommentId, log.Single(e => e.Action == ModerationAction.DeleteComment).CommentId);
        Assert.Equal("audit-troll", log[2].TargetUserId);
        Assert.Contains("+spam", log[3].Detail);
        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.At >= p.Second.At));
        var json = await _server.Http.SendAsync(_server.Request(HttpMethod.Get, $"/api/rooms/{roomA}/moderation/log?limit=1", hostA));
        var text = await json.Content.ReadAsStringAsync();
        Assert.Contains("\"action\":\"shadowUnban\"", text);
        Assert.DoesNotContain("commentId", text);

        // Powers: a moderator of A is nobody in B; viewers are refused; guests must sign in.
        foreach (var path in new[] { $"/api/rooms/{roomA}/moderation", $"/api/rooms/{roomA}/moderation/log" })
        {
            Assert.Equal(HttpStatusCode.OK, await StatusOf(path, hostA));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(path, _server.Token("audit-viewer")));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(path, hostB));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(path, null));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(path.Replace(roomA, roomB), _server.Token("audit-mod")));
            Assert.Equal(HttpStatusCode.NotFound, await StatusOf(path.Replace(roomA, "no-such-room"), hostA));
        }
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf($"/api/rooms/{roomA}/moderation/log?limit=0", hostA));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf($"/api/rooms/{roomA}/moderation/log?limit=1001", hostA));
        Assert.Empty(await GetAsync<ModerationLogEntry[]>($"/api/rooms/{roomB}/moderation/log", hostB));

        var info = await _server.Http.GetFromJsonAsync<InfoShape>("/api/info");
        Assert.Contains("moderators", info!.Features);
        Assert.Contains("shadowBan", info.Features);
    }

    private sealed record InfoShape(string[] Features);

    [Fact]
    public async Task Ending_a_room_ends_its_auction_with_the_leader_winning_draws_its_giveaway_and_ends_its_coupon_drop()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("closer", null, ("lot", 50m, 3));
        await using var host = await _server.ConnectAsync(hostToken, "messagepack");
        await using var bidder = await _server.ConnectAsync(_server.Token("closer-bidder"));
        var auction = await host.Connection.InvokeAsync<Auction>("StartAuction", roomId,
            new StartAuctionRequest { ProductId = "lot", StartingBid = 10m, DurationSeconds = 3_600 });
        await bidder.Connection.InvokeAsync<BidResult>("PlaceBid", roomId, auction.AuctionId, 12m, (decimal?)null);
        var giveaway = await host.Connection.InvokeAsync<Giveaway>("StartGiveaway", roomId,
            new StartGiveawayRequest { Prize = "A hug", Winners = 1, DurationSeconds = 600 });
        await bidder.Connection.InvokeAsync<EnterGiveawayResult>("EnterGiveaway", roomId, giveaway.GiveawayId);
        var drop = await host.Connection.InvokeAsync<CouponDrop>(HubMethods.DropCoupon, roomId,
            new DropCouponRequest { DiscountType = DiscountType.Percent, DiscountValue = 10, Quota = 100, ClaimSeconds = 1_200 });

        (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/end", hostToken))).EnsureSuccessStatusCode();

        var snapshot = await _server.EventuallyAsync<RoomSnapshot>($"/api/rooms/{roomId}", hostToken, s =>
            s.Auctions.All(a => a.Status == AuctionStatus.Ended) && s.Giveaways.All(g => g.Status == GiveawayStatus.Ended)
            && s.Coupons.All(c => c.Status == CouponDropStatus.Ended));
        var ended = snapshot.Auctions.Single();
        Assert.Equal(("closer-bidder", AuctionEndReason.Sold), (ended.WinnerId, ended.EndReason));
        Assert.Equal(["closer-bidder"], snapshot.Giveaways.Single().WinnerIds!);
        var claim = await bidder.Connection.InvokeAsync<ClaimCouponResult>(HubMethods.ClaimCoupon, roomId, drop.CouponId);
        Assert.Equal(ClaimStatus.Ended, claim.Status);
        var bid = await bidder.Connection.InvokeAsync<BidResult>("PlaceBid", roomId, auction.AuctionId, 20m, (decimal?)null);
        Assert.Equal(BidStatus.Ended, bid.Status);
        await bidder.WaitUntilAsync(c => c.Personal.Any(p => p.Type == AuctionEventTypes.AuctionWon), because: "the winner hears of it");
    }

    [Fact]
    public async Task Ending_a_room_cancels_an_auction_nobody_bid_on_and_its_unit_goes_back()
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("quiet-closer", null, ("lot", 50m, 1));
        await using var host = await _server.ConnectAsync(hostToken);
        await host.Connection.InvokeAsync<Auction>("StartAuction", roomId, new StartAuctionRequest { ProductId = "lot", StartingBid = 10m, DurationSeconds = 3_600 });
        (await _server.Http.SendAsync(_server.Request(HttpMethod.Post, $"/api/rooms/{roomId}/end", hostToken))).EnsureSuccessStatusCode();

        var snapshot = await _server.EventuallyAsync<RoomSnapshot>($"/api/rooms/{roomId}", hostToken, s =>
            s.Auctions.All(a => a.Status == AuctionStatus.Ended) && s.Products.Single().Stock == 1);
        Assert.Equal(AuctionEndReason.Cancelled, snapshot.Auctions.Single().EndReason);
        var log = await GetAsync<LogPage>($"/api/rooms/{roomId}/log", hostToken);
        Assert.Contains(log.Events, e => e.Type == AuctionEventTypes.AuctionEnded);
    }
}
