using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Tests.Operations;

/// <summary>Stopping a host tells its clients to reconnect, then closes their connections.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stopping_sends_a_reconnect_notice_then_closes_the_connection()
    {
        var server = await LiveServer.StartAsync();
        var (roomId, _) = await server.CreateLiveRoomAsync();
        await using var viewer = await server.ConnectAsync(server.Token("viewer1"), "messagepack");
        await using var guest = await server.ConnectAsync(token: null);
        var notices = new List<(string Who, ReconnectNotice Notice)>();
        var closed = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Note(Action change)
        {
            lock (notices)
            {
                change();
                if (notices.Count == 2 && closed.Count == 2) done.TrySetResult();
            }
        }
        foreach (var (who, client) in new[] { ("viewer", viewer), ("guest", guest) })
        {
            await client.JoinAsync(roomId);
            client.Connection.On<ReconnectNotice>(HubMethods.Reconnect, notice => Note(() => notices.Add((who, notice))));
            // The client may run the notice's handler after it reports the close: both are awaited, not their order.
            client.Connection.Closed += _ =>
            {
                Note(() => closed.Add(who));
                return Task.CompletedTask;
            };
        }

        await server.DisposeAsync();
        // Generous: the silo stops its grains first, which a busy 2-core machine (the suite runs classes side by side) slows.
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(["guest", "viewer"], closed.Order());
        Assert.Equal(["guest", "viewer"], notices.Select(n => n.Who).Order());
        Assert.All(notices, n => Assert.Equal(ReconnectNotice.Shutdown, n.Notice.Reason));
        Assert.All(notices, n => Assert.True(n.Notice.RetryAfterMs > 0));
    }
}
