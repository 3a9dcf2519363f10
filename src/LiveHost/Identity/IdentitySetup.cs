using LiveCommerce.Contracts.Identity;
using LiveCommerce.Contracts.Protocol;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.LiveHost.Identity;

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
                    ClockSkew = TimeSpan.FromSeconds(auth.Value.ClockSkewSeconds),
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
                    OnTokenValidated = context =>
                    {
                        if (ClaimsProblem(context.Principal) is { } problem) context.Fail(new UnknownClaimException(problem));
                        // The hub closes a connection when this passes (CloseOnAuthenticationExpiration).
                        else context.Properties.ExpiresUtc = context.SecurityToken.ValidTo;
                        return Task.CompletedTask;
                    },
                };
            });
    }

    /// <summary>A signed token is still refused when its subject is not a valid id or its role is not one of ours.</summary>
    private static string? ClaimsProblem(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var subjects = principal?.FindAll(Claims.Subject).ToList() ?? [];
        if (subjects.Count != 1 || !Grains.Rooms.Validate.IsId(subjects[0].Value)) return "sub must be one user id";
        var roles = principal!.FindAll(Claims.Role).ToList();
        if (roles.Count > 1 || (roles.Count == 1 && !Roles.IsAccepted(roles[0].Value))) return "unknown role";
        return null;
    }

    /// <summary>Dev tokens are on in Development only, unless <c>Auth:DevTokens</c> says otherwise.</summary>
    public static bool DevTokensEnabled(this WebApplication app) =>
        app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevTokens ?? app.Environment.IsDevelopment();
}
