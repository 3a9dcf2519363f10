using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.LiveHost.Identity;

/// <summary>Signs JWTs with the claims of PROTOCOL.md: sub, role, name, region.</summary>
public sealed class TokenIssuer(SigningKey key, IOptions<AuthOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new();

    public string Issue(string userId, string role, string? name, string? region)
    {
        var claims = new List<Claim> { new(Claims.Subject, userId), new(Claims.Role, role) };
        if (!string.IsNullOrWhiteSpace(name)) claims.Add(new Claim(Claims.Name, name));
        if (!string.IsNullOrWhiteSpace(region)) claims.Add(new Claim(Claims.Region, region.ToUpperInvariant()));
        // The real clock, as the validator uses: business time may be a test's fake one.
        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(options.Value.TokenLifetimeMinutes),
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}

public static class Claims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";
    public const string Region = "region";
}
