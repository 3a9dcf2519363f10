using LiveCommerce.Hosting;
using LiveCommerce.Protocol;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.Identity;

/// <summary>JWT bearer from the Authorization header, or <c>access_token</c> in the query for the hub.</summary>
public static class IdentitySetup
{
    public static void AddLiveIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SigningKey>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey, IOptions<AuthOptions>>((jwt, key, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = key.Key,
                    NameClaimType = Claims.Name,
                    RoleClaimType = Claims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(LiveProtocol.HubPath))
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                };
            });
    }

    /// <summary>Dev tokens default to on in Development and in the embedded (no Redis) setup.</summary>
    public static bool DevTokensEnabled(this WebApplication app) =>
        app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevTokens
        ?? (app.Environment.IsDevelopment() || app.Configuration.RedisConnectionString() is null);
}
