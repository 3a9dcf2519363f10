using System.Net;
using System.Net.Sockets;
using LiveCommerce.LiveHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.LoadTests.Tests;

/// <summary>One LiveHost (Kestrel + silo + hub) on 127.0.0.1 for the smoke tests, started in-process.</summary>
public sealed class LiveHostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = LiveHostApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            $"--Orleans:ClusterId=lt-{Guid.NewGuid():N}",
            "--Demo:SeedRoom=true",
            "--Auth:DevTokens=true",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        Url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
