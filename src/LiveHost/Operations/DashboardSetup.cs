using LiveCommerce.Contracts.Identity;
using LiveCommerce.LiveHost.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace LiveCommerce.LiveHost.Operations;

/// <summary>
/// The Orleans dashboard at <c>/dashboard</c>. Open in Development (the embedded default of
/// <c>dotnet run</c>); elsewhere only operators: a token with <c>role: operator</c>, or whose <c>sub</c> is
/// listed in <c>Operations:Operators</c>. Anonymous → 401, signed in but not an operator → 403.
/// </summary>
public static class DashboardSetup
{
    public const string Path = "/dashboard";
    public const string OperatorPolicy = "operator";

    public static void AddOperatorPolicy(this IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, policy => policy
            .RequireAuthenticatedUser()
            .AddRequirements(new OperatorRequirement()));

    public static void MapLiveDashboard(this WebApplication app)
    {
        var endpoints = app.MapOrleansDashboard(routePrefix: Path);
        if (!DashboardOpen(app)) endpoints.RequireAuthorization(OperatorPolicy);
    }

    public static bool DashboardOpen(WebApplication app) =>
        app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value.DashboardOpen ?? app.Environment.IsDevelopment();
}

public sealed class OperatorRequirement : IAuthorizationRequirement;

/// <summary>An operator: the <c>operator</c> role claim, or a user id listed in <c>Operations:Operators</c>.</summary>
public sealed class OperatorHandler(IOptionsMonitor<OperationsOptions> options) : AuthorizationHandler<OperatorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorRequirement requirement)
    {
        var user = context.User;
        var listed = user.FindFirst(Claims.Subject)?.Value is { } userId && options.CurrentValue.Operators.Contains(userId, StringComparer.Ordinal);
        if (listed || user.HasClaim(Claims.Role, Roles.Operator)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
