using LiveCommerce.Client.Output;
using LiveCommerce.Client.Session;
using LiveCommerce.Contracts.Protocol;

namespace LiveCommerce.Client.Commands;

/// <summary>What anyone in a room can type: comments, likes, a simulated reconnect, quit.</summary>
public sealed class ChatActions(ClientContext client, RoomSession session)
{
    public void Register(CommandSet commands)
    {
        commands.Add("c", "c <text>", "send a comment", a => CommentAsync(a.RequiredText()));
        commands.Add("l", "l <taps>", "send like taps (batched by 100)", a => LikeAsync(a.Int(0, "taps")));
        commands.Add("reconnect", "reconnect [seconds]", "drop the connection, wait, come back with Resume",
            a => session.ReconnectAsync(TimeSpan.FromSeconds(a.Int(0, "seconds", 1)), client.Stopping));
        commands.Add("q", "q", "quit", _ => Task.Run(client.Quit));
        commands.Alias("quit", "q");
        commands.Alias("exit", "q");
    }

    public async Task CommentAsync(string text)
    {
        var sent = await client.Connection.SendComment(session.RoomId, text);
        Out.Note($"comment {sent.CommentId} is #{sent.Seq}");
    }

    /// <summary>The hub takes 1..100 taps per call (clients batch taps), so larger counts go in several calls.</summary>
    public async Task LikeAsync(int taps)
    {
        if (taps < 1) throw new FormatException("taps must be at least 1");
        for (var left = taps; left > 0; left -= LiveProtocol.MaxTapsPerLike)
            await client.Connection.Like(session.RoomId, Math.Min(left, LiveProtocol.MaxTapsPerLike));
        Out.Note($"sent {taps} like tap(s)");
    }
}
