using System.Collections.Concurrent;
using LiveCommerce.Contracts.Protocol;
using LiveCommerce.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>The streamer's chatter during a failure test: a comment every interval, noting each acknowledged one.</summary>
public static class Streamer
{
    /// <summary>
    /// Comments through <paramref name="streamer"/>'s current connection until <paramref name="stop"/>; a comment
    /// that fails is not retried (the next one is a new comment). Returns how many failed.
    /// </summary>
    public static async Task<int> CommentUntilAsync(Watcher streamer, string roomId, TimeSpan every,
        ConcurrentDictionary<long, string> acknowledged, CancellationToken stop)
    {
        var failed = 0;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                // While it moves to another host the streamer has no connection: that tick is skipped.
                if (streamer.Connection is { State: HubConnectionState.Connected } connection)
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    var sent = await connection.InvokeAsync<SendCommentResult>(HubMethods.SendComment, roomId, $"tick {n}", cts.Token);
                    acknowledged[sent.Seq] = $"tick {n}";
                }
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                failed++;
            }
            await Pace.Between(every);
        }
        return failed;
    }
}
