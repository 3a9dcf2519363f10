namespace LiveCommerce.Identity;

/// <summary>The values of the <c>role</c> claim (PROTOCOL.md, Identity).</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Host = "host";
    public const string Moderator = "moderator";

    public static bool IsKnown(string? role) => role is Viewer or Host or Moderator;
}
