using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Rooms;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>
/// Seeds one live room, <c>demo</c>, with a few products, so that a newcomer can join at once
/// (configuration <c>Demo:SeedRoom</c>, on by default).
/// </summary>
public sealed class DemoRoomSeeder(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<DemoRoomSeeder> logger) : BackgroundService
{
    public const string RoomId = "demo";
    public const string HostId = "demo-host";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo up, which it is once the application has started.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }

        var host = Caller.User(HostId, Roles.Host, "Demo Host");
        var room = grains.GetGrain<ILiveRoomGrain>(RoomId);
        try
        {
            await room.Create(host, new CreateRoomRequest { Title = "LiveCommerce demo room", Language = "en" });
            await room.AddProduct(host, new AddProductRequest { ProductId = "mug", Name = "Studio mug", Price = 12.50m, Currency = "USD", Stock = 500 });
            await room.AddProduct(host, new AddProductRequest { ProductId = "tee", Name = "Logo T-shirt", Price = 24.00m, Currency = "USD", Stock = 300 });
            await room.AddProduct(host, new AddProductRequest { ProductId = "lamp", Name = "Desk lamp", Price = 39.90m, Currency = "USD", Stock = 120 });
            await room.Start(host);
            await room.Pin(host, "mug");
            logger.LogInformation("Demo room '{RoomId}' is live, hosted by {HostId}", RoomId, HostId);
        }
        catch (LiveCommerceException e) when (e.Code == ErrorCodes.Conflict)
        {
            logger.LogInformation("Demo room '{RoomId}' already exists", RoomId);
        }
    }
}

public static class DemoRoomSetup
{
    public static void AddDemoRoom(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Demo:SeedRoom", true)) builder.Services.AddHostedService<DemoRoomSeeder>();
    }
}
