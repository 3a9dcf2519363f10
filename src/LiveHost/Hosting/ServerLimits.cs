using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace LiveCommerce.LiveHost.Hosting;

/// <summary>Configuration section <c>Server</c>: Kestrel's buffers and body limits, chosen rather than inherited.</summary>
public sealed class ServerLimitOptions
{
    public const string Section = "Server";

    /// <summary>
    /// Kernel send buffer of each accepted socket. Fixed (not auto-tuned up to megabytes), so that a client
    /// that stops reading fills its buffers quickly and is dropped by the send timeout; 256 KiB still
    /// carries a busy room's frames across a slow link.
    /// </summary>
    [Range(4 * 1024, 16 * 1024 * 1024)] public int SocketSendBufferBytes { get; set; } = 256 * 1024;

    /// <summary>Response bytes Kestrel buffers per connection before writes wait.</summary>
    [Range(4 * 1024, 16 * 1024 * 1024)] public int ResponseBufferBytes { get; set; } = 64 * 1024;

    /// <summary>Largest HTTP request body read (the API's bodies are small JSON documents).</summary>
    [Range(1024, 16 * 1024 * 1024)] public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}

public static class ServerLimits
{
    public static void AddLiveServerLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServerLimitOptions>().BindConfiguration(ServerLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var limits = builder.Configuration.GetSection(ServerLimitOptions.Section).Get<ServerLimitOptions>() ?? new ServerLimitOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxResponseBufferSize = limits.ResponseBufferBytes;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        });
        builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            // Accepted sockets inherit the listener's buffer sizes.
            socket.SendBufferSize = limits.SocketSendBufferBytes;
            return socket;
        });
    }
}
