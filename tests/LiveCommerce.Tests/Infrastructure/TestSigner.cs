using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>The test's own JWT signer, with the key the server under test is configured with.</summary>
public sealed class TestSigner
{
    public const string Key = "test-signing-key-0123456789-abcdefghij";
    public const string Issuer = "livecommerce";
    public const string Audience = "livecommerce";

    public static Dictionary<string, string> Settings(Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["Auth:SigningKey"] = Key };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    public static string Mint(string userId = "u1", string? role = "viewer", DateTime? expires = null, string issuer = Issuer,
        string audience = Audience, string key = Key, DateTime? notBefore = null)
    {
        var claims = new List<Claim> { new("sub", userId) };
        if (role is not null) claims.Add(new Claim("role", role));
        var exp = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? exp.AddHours(-1),
            IssuedAt = notBefore ?? exp.AddHours(-1),
            Expires = exp,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string Unsigned(string userId = "u1", string role = "host")
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"sub\":\"{userId}\",\"role\":\"{role}\",\"iss\":\"{Issuer}\",\"aud\":\"{Audience}\",\"exp\":{exp}}}")}.";
    }

    /// <summary>A validly signed token whose payload was then changed (role viewer → host).</summary>
    public static string Tampered()
    {
        var parts = Mint("u1", "viewer").Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"viewer\"", "\"host\"");
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }
}
