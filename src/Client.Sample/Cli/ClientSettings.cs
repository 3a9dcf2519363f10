using LiveCommerce.Contracts.Protocol;

namespace LiveCommerce.Client.Cli;

public enum WireProtocol
{
    Json,
    MessagePack,
}

/// <summary>The global options, read once: who the client is and which server it talks to.</summary>
public sealed record ClientSettings(
    Uri BaseUrl,
    WireProtocol Protocol,
    string? User,
    string? Name,
    string? Region,
    string? Token,
    string? Role,
    int? Seconds)
{
    public Uri HubUrl => new(BaseUrl, LiveProtocol.HubPath.TrimStart('/'));

    /// <summary>Who the client acts as, for the banner line.</summary>
    public string Identity => Token is not null ? "the given token" : User is null ? "a guest" : $"user {User}";
}
