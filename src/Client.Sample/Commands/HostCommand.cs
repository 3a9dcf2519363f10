using System.CommandLine;
using LiveCommerce.Client.Cli;
using LiveCommerce.Client.Output;
using LiveCommerce.Client.Session;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Commands;

/// <summary>
/// <c>host</c>: set up a room over HTTP (create, add products, start), then run the stream over the hub
/// (pin, flash sales, auctions, giveaways, coupon drops) with stdin commands. Without --user or --token it acts as <c>demo-host</c>, the
/// host of the seeded demo room.
/// </summary>
public static class HostCommand
{
    public const string DefaultHost = "demo-host";

    private static readonly Option<string?> Room = new("--room") { Description = "Run this existing room instead of creating one" };
    private static readonly Option<string> Title = new("--title") { Description = "Title of the new room", DefaultValueFactory = _ => "My stream" };
    private static readonly Option<string[]> SellRegions = new("--sell-regions")
    {
        Description = "Regions the new room sells to (ISO alpha-2, e.g. US CA); none = everywhere",
        HelpName = "region",
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<string?> Language = new("--language") { Description = "Language of the new room, e.g. en" };
    private static readonly Option<string[]> Products = new("--product") { HelpName = "spec", Description = $"Add a product: {ProductSpec.Format} (repeatable)" };
    private static readonly Option<bool> Start = new("--start") { Description = "Go live (POST /api/rooms/{id}/start)" };
    private static readonly Option<string?> Pin = new("--pin") { HelpName = "productId", Description = "Pin this product after joining" };
    private static readonly Option<string[]> FlashSales = new("--flash-sale") { HelpName = "spec", Description = $"Start a flash sale: {FlashSaleSpec.Format} (repeatable)" };

    public static Command Create()
    {
        var command = new Command("host", "Run a stream: create or take over a room, products, pin, flash sales, auctions, giveaways, coupons (type help)")
        {
            Room, Title, SellRegions, Language, Products, Start, Pin, FlashSales,
        };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var settings = GlobalOptions.Read(parse);
        if (settings.User is null && settings.Token is null) settings = settings with { User = DefaultHost };
        await using var client = await ClientContext.OpenAsync(settings, Roles.Host, ct);
        if (client is null) return 1;

        var roomId = parse.GetValue(Room) ?? await CreateRoomAsync(client, parse);
        if (roomId is null) return 1;

        var session = new RoomSession(client.Connection, roomId);
        var chat = new ChatActions(client, session);
        var host = new HostActions(client, session);
        var stage = new StageHostActions(client, session);

        // Setup steps that fail are reported and skipped: the host can fix them from the prompt.
        foreach (var spec in parse.GetValue(Products) ?? [])
            await Attempt.RunAsync(() => host.AddProductAsync(ProductSpec.Parse(spec)));
        if (parse.GetValue(Start)) await Attempt.RunAsync(host.StartAsync);

        if (!await client.ConnectAsync()) return 1;
        if (!await session.JoinAsync()) return 1;

        if (parse.GetValue(Pin) is { } productId) await Attempt.RunAsync(() => host.PinAsync(productId));
        foreach (var spec in parse.GetValue(FlashSales) ?? [])
            await Attempt.RunAsync(() => host.StartSaleAsync(FlashSaleSpec.Parse(spec)));

        var commands = new CommandSet();
        host.Register(commands);
        stage.Register(commands);
        chat.Register(commands);
        return await SessionLoop.RunAsync(client, session, commands);
    }

    private static async Task<string?> CreateRoomAsync(ClientContext client, ParseResult parse)
    {
        try
        {
            var regions = parse.GetValue(SellRegions);
            var room = await client.Api.CreateRoomAsync(new CreateRoomRequest
            {
                Title = parse.GetValue(Title),
                SellRegions = regions is { Length: > 0 } ? regions : null,
                Language = parse.GetValue(Language),
            }, client.Stopping);
            Out.Note($"created {Formats.Room(room)}");
            return room.RoomId;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Out.Error(e);
            return null;
        }
    }
}
