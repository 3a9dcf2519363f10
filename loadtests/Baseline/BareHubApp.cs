using LiveCommerce.Contracts.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.LoadTests.Baseline;

/// <summary>
/// Hosts <see cref="BareHub"/> on Kestrel with the same protocols and MessagePack settings as LiveHost,
/// plus just enough HTTP (token, room setup, snapshot) for the scenarios to run unchanged. It has no
/// order API, so a flash sale against it reports "n/a" as its verdict.
/// </summary>
public static class BareHubApp
{
    public static WebApplication Build(string[] args, int frameMs)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 1024 * 1024)
            .AddJsonProtocol()
            .AddMessagePackProtocol(o => o.SerializerOptions = MessagePackWire.Options);
        builder.Services.AddSingleton(new BareOptions(frameMs));
        builder.Services.AddSingleton<BareRooms>();

        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<BareHub>(LiveProtocol.HubPath);
        app.MapPost("/api/dev/token", () => Results.Ok(new { token = "bare" }));
        app.MapPost("/api/rooms", (BareRooms rooms) =>
        {
            var id = rooms.NewRoomId();
            return Results.Created($"/api/rooms/{id}", new { roomId = id });
        });
        app.MapPost("/api/rooms/{roomId}/products", (string roomId) => Results.Created($"/api/rooms/{roomId}/products", new { }));
        app.MapPost("/api/rooms/{roomId}/start", (string roomId) => Results.Ok(new { roomId, status = "live" }));
        app.MapGet("/api/rooms/{roomId}", (string roomId, BareRooms rooms) => Results.Ok(rooms.Snapshot(roomId)));
        app.MapGet("/health/ready", () => Results.Ok());
        return app;
    }
}
