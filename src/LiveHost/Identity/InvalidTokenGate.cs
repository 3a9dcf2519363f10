using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace LiveCommerce.LiveHost.Identity;

/// <summary>
/// No token is a guest; a token that is present but does not validate (bad signature, expired, wrong
/// issuer or audience, unknown role, malformed) is a 401 <c>unauthorized</c>, on HTTP and on the hub's
/// negotiate and connect requests alike. Nobody is silently downgraded to a guest.
/// </summary>
public static class InvalidTokenGate
{
    public static void UseInvalidTokenGate(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (PresentsToken(context.Request) && context.User.Identity?.IsAuthenticated != true)
        {
            var failure = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure;
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "unauthorized",
                    // The reason class only: the validator's own message may quote the token.
                    Detail = failure is null ? "the bearer token is not valid" : $"the bearer token is not valid ({Reason(failure)})",
                    Extensions = { ["code"] = ErrorCodes.Unauthorized },
                },
            });
            return;
        }
        await next(context);
    });

    /// <summary>An Authorization header of any kind, or the hub's <c>access_token</c> query parameter.</summary>
    private static bool PresentsToken(HttpRequest request) =>
        request.Headers.Authorization.Count > 0
        || (request.Path.StartsWithSegments(LiveProtocol.HubPath) && request.Query.ContainsKey("access_token"));

    private static string Reason(Exception failure) => failure switch
    {
        Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException => "expired",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException => "wrong issuer",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException => "wrong audience",
        Microsoft.IdentityModel.Tokens.SecurityTokenSignatureKeyNotFoundException
            or Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException => "bad signature",
        Microsoft.IdentityModel.Tokens.SecurityTokenNotYetValidException => "not yet valid",
        UnknownClaimException e => e.Message,
        _ => "malformed",
    };
}

/// <summary>A token that validated cryptographically but whose claims this server does not accept.</summary>
public sealed class UnknownClaimException(string message) : Exception(message);
