using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LiveCommerce.Errors;

/// <summary>Turns refusals into RFC 7807 problem+json with the protocol's stable <c>code</c>.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (code, detail) = exception switch
        {
            LiveCommerceException e => (e.Code, e.Message),
            BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge => (ErrorCodes.PayloadTooLarge, e.Message),
            BadHttpRequestException e => (ErrorCodes.InvalidArgument, e.InnerException?.Message ?? e.Message),
            _ => (null, null),
        };
        if (code is null) return false;

        context.Response.StatusCode = ErrorStatus.Of(code);
        // Retryable: tell clients when to come back (PROTOCOL.md v1.1, `unavailable`).
        if (code == ErrorCodes.Unavailable) context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = context.Response.StatusCode,
                Title = code.Replace('_', ' '),
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        });
    }
}

public static class ErrorsSetup
{
    public static void AddLiveErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Problems the framework writes itself (404 of an unknown route, 401...) get a code too.
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
                context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
                {
                    StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
                    StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
                    StatusCodes.Status404NotFound => ErrorCodes.NotFound,
                    StatusCodes.Status413PayloadTooLarge => ErrorCodes.PayloadTooLarge,
                    StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
                    >= 400 and < 500 => ErrorCodes.InvalidArgument,
                    _ => "internal",
                };
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
    }
}
