using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.LiveHost.Errors;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Moderation;

/// <summary>Over the real hub: badges tell the host apart, hidden characters never reach others, disguised blocked words are caught.</summary>
public sealed class CommentTrustTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveServer.StartAsync(new Dictionary<string, string> { ["Rooms:BlockedWords:0"] = "spam" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Protocols.Both), MemberType = typeof(Protocols))]
    public async Task Comments_carry_badges_and_hidden_or_disguised_text_is_refused(string protocol)
    {
        var (roomId, hostToken) = await _server.CreateLiveRoomAsync("the-host");
        await using var host = await _server.ConnectAsync(hostToken, protocol);
        await using var impostor = await _server.ConnectAsync(await _server.TokenAsync("impostor", name: "Real Host"), protocol);
        await using var moderator = await _server.ConnectAsync(await _server.TokenAsync("mod1", "moderator"), protocol);
        var start = (await impostor.JoinAsync(roomId)).Seq;

        await host.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "welcome");
        await impostor.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "OFFICIAL: pay\u200B here");
        await moderator.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "be nice");
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => impostor.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "bell\u0007"));
        await HubAssert.FailsWith(ErrorCodes.InvalidArgument, () => impostor.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "\u202Eevil"));
        await HubAssert.FailsWith(ErrorCodes.BlockedContent, () => impostor.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "\u0455p\u200Bam"));
        await HubAssert.FailsWith(ErrorCodes.BlockedContent, () => impostor.Connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, "ｓｐａｍ"));

        await impostor.WaitUntilAsync(c => c.LogAfter(start).Length == 3, because: "three comments");
        var comments = impostor.LogAfter(start).Select(e => EventData.Read<CommentData>(e.Data)).ToArray();
        Assert.Equal([Badges.Host, null, Badges.Moderator], comments.Select(c => c.Badge));
        Assert.Equal("OFFICIAL: pay here", comments[1].Text);
        var snapshot = await impostor.JoinAsync(roomId);
        Assert.Equal([Badges.Host, null, Badges.Moderator], snapshot.RecentComments.Select(c => c.Badge));
    }
}
