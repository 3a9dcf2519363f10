using System.Security.Claims;
using LiveCommerce.Contracts.Identity;

namespace LiveCommerce.LiveHost.Identity;

/// <summary>The grain-side <see cref="Caller"/> of an authenticated (or anonymous) principal.</summary>
public static class CallerFromClaims
{
    public static Caller ToCaller(this ClaimsPrincipal? user)
    {
        var userId = user?.FindFirst(Claims.Subject)?.Value;
        if (user?.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(userId)) return Caller.Guest;
        var role = user.FindFirst(Claims.Role)?.Value;
        return new Caller(userId, Roles.IsKnown(role) ? role! : Roles.Viewer, DisplayName(user.FindFirst(Claims.Name)?.Value), user.FindFirst(Claims.Region)?.Value);
    }

    /// <summary>A name claim that fails text hygiene (control or bidi characters, over 64) is dropped: the user id shows instead.</summary>
    private static string? DisplayName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        try
        {
            return Grains.Rooms.Validate.Text(name, "name", 64);
        }
        catch (Contracts.Errors.LiveCommerceException)
        {
            return null;
        }
    }
}
