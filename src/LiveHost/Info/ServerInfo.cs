using System.Reflection;
using System.Runtime.Serialization;

namespace LiveCommerce.LiveHost.Info;

/// <summary>The body of <c>GET /api/info</c> (PROTOCOL.md, v1.1 additions).</summary>
[DataContract]
public sealed record ServerInfo
{
    public const string ServerName = "LiveCommerce";
    public const string ProtocolVersion = "1.1";

    [DataMember(Name = "name")] public required string Name { get; init; }
    [DataMember(Name = "version")] public required string Version { get; init; }
    [DataMember(Name = "protocol")] public required string Protocol { get; init; }
    [DataMember(Name = "features")] public required string[] Features { get; init; }

    /// <summary>This build's version (without the commit suffix the SDK appends).</summary>
    public static string BuildVersion { get; } =
        (typeof(ServerInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
