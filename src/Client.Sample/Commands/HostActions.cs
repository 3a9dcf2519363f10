using LiveCommerce.Client.Cli;
using LiveCommerce.Client.Output;
using LiveCommerce.Client.Session;
using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Rooms;

namespace LiveCommerce.Client.Commands;

/// <summary>What a host does during a stream: products, pin, flash sales, stats, moderation, ending.</summary>
public sealed class HostActions(ClientContext client, RoomSession session)
{
    private string RoomId => session.RoomId;

    public void Register(CommandSet commands)
    {
        commands.Add("pin", "pin <productId>", "pin a product for every viewer", a => PinAsync(a.Word(0)));
        commands.Add("unpin", "unpin", "remove the pinned card", _ => UnpinAsync());
        commands.Add("sale", "sale <productId> <price> <qty> <perUserLimit> <seconds> [startsIn]", "start a flash sale (startsIn 10..300: pre-heat)", a =>
        {
            if (a.Count is not (5 or 6)) throw a.Usage();
            return StartSaleAsync(FlashSaleSpec.Create(a.From(0)));
        });
        commands.Add("endsale", "endsale <saleId|latest>", "end a flash sale now", a => EndSaleAsync(session.Sales.Resolve(a.Word(0))));
        commands.Add("product", $"product {ProductSpec.Format}", "add a product", a => AddProductAsync(ProductSpec.Parse(a.RequiredText())));
        commands.Add("start", "start", "go live (POST .../start)", _ => StartAsync());
        commands.Add("stats", "stats", "the room's numbers (GET .../stats)", _ => StatsAsync());
        commands.Add("end", "end", "end the stream (POST .../end)", _ => EndAsync());
        commands.Add("del", "del <commentId>", "delete a comment", a => Done(client.Connection.DeleteComment(RoomId, a.Word(0)), "deleted"));
        commands.Add("mute", "mute <userId> <seconds>", "mute a user", a =>
            Done(client.Connection.MuteUser(RoomId, a.Word(0), a.Int(1, "seconds")), "muted"));
        commands.Add("slow", "slow <seconds>", "slow mode (0 = off)", a => Done(client.Connection.SetSlowMode(RoomId, a.Int(0, "seconds")), "slow mode set"));
    }

    public Task PinAsync(string productId) => Done(client.Connection.PinProduct(RoomId, productId), $"pinned {productId}");

    public Task UnpinAsync() => Done(client.Connection.UnpinProduct(RoomId), "unpinned");

    public async Task StartSaleAsync(FlashSaleRequest request)
    {
        var sale = await client.Connection.StartFlashSale(RoomId, request);
        Out.Note(request.StartsInSeconds is null
            ? $"flash sale {sale.SaleId} started on {request.ProductId}, ends {Formats.Time(sale.EndsAt)}"
            : $"flash sale {sale.SaleId} announced on {request.ProductId}: opens {Formats.Time(sale.StartsAt)}, ends {Formats.Time(sale.EndsAt)}");
    }

    public Task EndSaleAsync(string saleId) => Done(client.Connection.EndFlashSale(RoomId, saleId), $"ended sale {saleId}");

    public async Task AddProductAsync(AddProductRequest request)
    {
        var product = await client.Api.AddProductAsync(RoomId, request, client.Stopping);
        Out.Note($"product added: {Formats.Product(product)}");
    }

    public async Task StartAsync() => Out.Note($"started: {Formats.Room(await client.Api.StartAsync(RoomId, client.Stopping))}");

    private async Task EndAsync() => Out.Note($"ended: {Formats.Room(await client.Api.EndAsync(RoomId, client.Stopping))}");

    private async Task StatsAsync() => Out.Line($"stats: {Formats.Stats(await client.Api.GetStatsAsync(RoomId, client.Stopping))}");

    private static async Task Done(Task call, string what)
    {
        await call;
        Out.Note(what);
    }
}
