using LiveCommerce.Contracts.Protocol;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>Prints where to connect once Kestrel is listening, so a newcomer sees it at once.</summary>
public static class UrlAnnouncer
{
    public static void AnnounceUrls(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
                Console.WriteLine($"LiveCommerce listening on {address}  (hub {address}{LiveProtocol.HubPath}, rooms {address}/api/rooms)");
        });
}
