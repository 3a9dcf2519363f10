using LiveCommerce.Contracts.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LiveCommerce.LiveHost.Errors;

/// <summary>Turns refusals into RFC 7807 problem+json with the protocol's stable <c>code</c>.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (code, detail) = exception switch
        {
            LiveCommerceException e => (e.Code, ErrorText.Clip(e.Message, ErrorText.MaxMessage)),
            BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge => (ErrorCodes.PayloadTooLarge, "the request body is too large"),
            // The framework's own wording names internal types: say what is wrong in the client's terms.
            BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: { } path } } =>
                (ErrorCodes.InvalidArgument, $"the request body is not valid JSON for this endpoint (at {ErrorText.Clip(path)})"),
            BadHttpRequestException => (ErrorCodes.InvalidArgument, "the request is not valid for this endpoint (check the body's JSON and the route's values)"),
            _ when Unavailability.Reason(exception) is { } reason => (ErrorCodes.Unavailable, reason),
            _ => (null, null),
        };
        if (code is null) return false;
        if (code == ErrorCodes.Unavailable && exception is not LiveCommerceException)
            // Not a refusal but not a bug either: one line (no stack trace) per failed request while it lasts.
            logger.LogWarning("Unavailable {Method} {Path}: {Reason} ({Failure}: {Message})", context.Request.Method, context.Request.Path, detail, exception.GetType().Name, ErrorText.Clip(exception.Message, ErrorText.MaxMessage));
        else
            logger.LogInformation("Refused {Method} {Path}: {Code}: {Reason}", context.Request.Method, context.Request.Path, code, detail);

        context.Response.StatusCode = ErrorStatus.Of(code);
        // Retryable: tell clients when to come back (PROTOCOL.md v1.1, `unavailable`).
        if (code == ErrorCodes.Unavailable) context.Response.Headers.RetryAfter = Unavailability.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
                    StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
                    StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
                    StatusCodes.Status404NotFound => ErrorCodes.NotFound,
                    StatusCodes.Status413PayloadTooLarge => ErrorCodes.PayloadTooLarge,
                    StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
                    >= 400 and < 500 => ErrorCodes.InvalidArgument,
                    _ => "internal",
                };
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Refusals are expected: ProblemExceptionHandler logs them at Information; only real failures get the error log.
        builder.Services.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = context =>
            context.Exception is LiveCommerceException or BadHttpRequestException || Unavailability.Reason(context.Exception) is not null);
    }
}
