using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.LiveHost.Identity;

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC key (at least 32 bytes of text). Every host of a cluster needs the same one.</summary>
    public string? SigningKey { get; set; }

    [Required] public string Issuer { get; set; } = "livecommerce";
    [Required] public string Audience { get; set; } = "livecommerce";

    /// <summary>
    /// <c>POST /api/dev/token</c> (anyone mints any role): when unset, on in Development only. Enabling
    /// it elsewhere is logged as a warning at every start.
    /// </summary>
    public bool? DevTokens { get; set; }

    /// <summary>Tolerance for clocks that disagree, on expiry and not-before.</summary>
    [Range(0, 300)] public int ClockSkewSeconds { get; set; } = 30;

    [Range(1, 60 * 24 * 30)] public int TokenLifetimeMinutes { get; set; } = 720;
}
