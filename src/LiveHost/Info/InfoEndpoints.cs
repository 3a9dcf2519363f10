namespace LiveCommerce.LiveHost.Info;

/// <summary><c>GET /api/info</c>: which server, which protocol version, which optional features are on.</summary>
public static class InfoEndpoints
{
    public static void MapServerInfo(this WebApplication app) =>
        app.MapGet("/api/info", (IServiceProvider services) => new ServerInfo
        {
            Name = ServerInfo.ServerName,
            Version = ServerInfo.BuildVersion,
            Protocol = ServerInfo.ProtocolVersion,
            Features = ServerFeatures.Enabled(services),
        }).WithTags("Info");
}
