namespace LiveCommerce.Contracts.Identity;

/// <summary>Who is calling a grain: taken from the JWT by the host, never from the client's arguments.</summary>
[GenerateSerializer, Immutable, Alias("Caller")]
public sealed record Caller(
    [property: Id(0)] string? UserId,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? Region)
{
    public static Caller Guest { get; } = new(null, Roles.Viewer, null, null);

    public bool IsGuest => UserId is null;
    public string DisplayName => Name ?? UserId ?? "guest";

    public static Caller User(string userId, string role = Roles.Viewer, string? name = null, string? region = null) =>
        new(userId, role, name, region);
}
