using LiveCommerce.Contracts.Errors;

namespace LiveCommerce.LiveHost.Errors;

/// <summary>The HTTP status that goes with each protocol error code.</summary>
public static class ErrorStatus
{
    public static int Of(string code) => code switch
    {
        ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.InvalidArgument => StatusCodes.Status400BadRequest,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Muted => StatusCodes.Status403Forbidden,
        ErrorCodes.BlockedContent => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.RoomNotLive => StatusCodes.Status409Conflict,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
