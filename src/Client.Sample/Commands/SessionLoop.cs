using LiveCommerce.Client.Output;
using LiveCommerce.Client.Session;

namespace LiveCommerce.Client.Commands;

/// <summary>Runs stdin commands until the user quits, time is up, or the connection is gone; then leaves the room.</summary>
public static class SessionLoop
{
    public static async Task<int> RunAsync(ClientContext client, RoomSession session, CommandSet commands)
    {
        if (!Console.IsInputRedirected) Out.Note("type help for commands, q to quit");
        var exitCode = 0;
        _ = session.Closed.ContinueWith(t =>
        {
            Out.Note($"connection closed{(t.Result is null ? "" : $": {t.Result.Message}")}");
            exitCode = 1;
            client.Quit();
        }, TaskScheduler.Default);
        await StdinLoop.RunAsync(commands, client.Stopping);
        await session.CloseAsync();
        Out.Note($"bye (last seq #{session.Feed.LastSeq})");
        return exitCode;
    }
}
