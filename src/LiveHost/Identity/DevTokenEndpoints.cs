using System.Runtime.Serialization;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.LiveHost.Identity;

[DataContract]
public sealed record DevTokenRequest
{
    [DataMember(Name = "userId")] public string? UserId { get; init; }
    [DataMember(Name = "role")] public string? Role { get; init; }
    [DataMember(Name = "name")] public string? Name { get; init; }
    [DataMember(Name = "region")] public string? Region { get; init; }
}

[DataContract]
public sealed record DevTokenResponse([property: DataMember(Name = "token")] string Token);

/// <summary><c>POST /api/dev/token</c>: a signed token for any user and role, for development and tests.</summary>
public static class DevTokenEndpoints
{
    public static void MapDevTokens(this WebApplication app)
    {
        if (!app.DevTokensEnabled()) return;
        if (!app.Environment.IsDevelopment())
            app.Logger.LogWarning("SECURITY: Auth:DevTokens is on in {Environment}: anyone can mint a host or moderator token. Turn it off unless this is a test deployment", app.Environment.EnvironmentName);
        app.MapPost("/api/dev/token", (DevTokenRequest request, TokenIssuer issuer) =>
        {
            var userId = Validate.Id(request.UserId, "userId");
            var role = request.Role ?? Roles.Viewer;
            if (!Roles.IsKnown(role)) throw LiveCommerceException.Invalid("role must be viewer, host or moderator");
            var region = request.Region is null ? null : Validate.Region(request.Region);
            var name = request.Name is null ? null : Validate.Text(request.Name, "name", 64);
            return Results.Ok(new DevTokenResponse(issuer.Issue(userId, role, name, region)));
        }).WithTags("Identity");
    }
}
