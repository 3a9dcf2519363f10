using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Identity;

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC key (at least 32 bytes of text). Every host of a cluster needs the same one.</summary>
    public string? SigningKey { get; set; }

    [Required] public string Issuer { get; set; } = "livecommerce";
    [Required] public string Audience { get; set; } = "livecommerce";

    /// <summary><c>POST /api/dev/token</c>; when unset: on in Development and in the embedded default.</summary>
    public bool? DevTokens { get; set; }

    [Range(1, 60 * 24 * 30)] public int TokenLifetimeMinutes { get; set; } = 720;
}
