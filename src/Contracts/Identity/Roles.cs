namespace LiveCommerce.Contracts.Identity;

/// <summary>The values of the <c>role</c> claim (PROTOCOL.md, Identity).</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Host = "host";
    public const string Moderator = "moderator";

    /// <summary>Not a role in rooms (an operator acts there as a viewer): it opens the operations dashboard (docs/operations.md).</summary>
    public const string Operator = "operator";

    public static bool IsKnown(string? role) => role is Viewer or Host or Moderator;

    /// <summary>The roles a valid token may carry: the room roles and <see cref="Operator"/>.</summary>
    public static bool IsAccepted(string? role) => IsKnown(role) || role == Operator;
}
