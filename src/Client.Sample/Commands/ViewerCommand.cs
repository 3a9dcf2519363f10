using System.CommandLine;
using LiveCommerce.Client.Cli;
using LiveCommerce.Client.Output;
using LiveCommerce.Client.Session;
using LiveCommerce.Contracts.Identity;

namespace LiveCommerce.Client.Commands;

/// <summary><c>viewer</c>: join a room, print its snapshot and every event, comment, like, buy, bid, enter giveaways, claim coupons.</summary>
public static class ViewerCommand
{
    private static readonly Option<string> Room = new("--room") { Description = "Room to join", DefaultValueFactory = _ => "demo" };
    private static readonly Option<string?> Comment = new("--comment") { HelpName = "text", Description = "Send this comment after joining" };
    private static readonly Option<int?> Like = new("--like") { HelpName = "taps", Description = "Send this many like taps after joining" };
    private static readonly Option<string?> Buy = new("--buy") { HelpName = "saleId", Description = "Buy from this flash sale after joining ('latest' = the newest active one)" };
    private static readonly Option<int> Quantity = new("--quantity") { Description = "Units for --buy", DefaultValueFactory = _ => 1 };
    private static readonly Option<long?> Resume = new("--resume")
    {
        HelpName = "seq",
        Description = "Start with Resume(room, seq) instead of JoinRoom: after the given seq, or without one where this client last stopped",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Command Create()
    {
        var command = new Command("viewer", "Watch a room: snapshot, live events, and stdin commands (type help)")
        {
            Room, Comment, Like, Buy, Quantity, Resume,
        };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var settings = GlobalOptions.Read(parse);
        var roomId = parse.GetValue(Room)!;
        await using var client = await ClientContext.OpenAsync(settings, Roles.Viewer, ct);
        if (client is null) return 1;

        var session = new RoomSession(client.Connection, roomId);
        var chat = new ChatActions(client, session);
        var shopper = new ShopperActions(client, session);
        var stage = new StageViewerActions(client, session);
        if (!await client.ConnectAsync()) return 1;
        if (!await EnterAsync(parse, settings, session)) return 1;

        // The one-shot actions of the command line, each allowed to fail on its own.
        if (parse.GetValue(Comment) is { } text) await Attempt.RunAsync(() => chat.CommentAsync(text));
        if (parse.GetValue(Like) is { } taps) await Attempt.RunAsync(() => chat.LikeAsync(taps));
        if (parse.GetValue(Buy) is { } saleId) await Attempt.RunAsync(() => shopper.BuyAsync(saleId, parse.GetValue(Quantity)));

        var commands = new CommandSet();
        chat.Register(commands);
        shopper.Register(commands);
        stage.Register(commands);
        var exitCode = await SessionLoop.RunAsync(client, session, commands);
        SeqStore.Save(settings, roomId, session.Feed.LastSeq);
        return exitCode;
    }

    /// <summary>JoinRoom, or with --resume a Resume from an explicit or remembered seq (falling back to JoinRoom).</summary>
    private static async Task<bool> EnterAsync(ParseResult parse, ClientSettings settings, RoomSession session)
    {
        if (parse.GetResult(Resume) is null) return await session.JoinAsync();
        var from = parse.GetValue(Resume) ?? SeqStore.Load(settings, session.RoomId);
        if (from is null)
        {
            Out.Note("no remembered seq for this room; joining afresh");
            return await session.JoinAsync();
        }
        return await session.ResumeAsync("--resume", from) || await session.JoinAsync();
    }
}
