using LiveCommerce.Contracts.Commerce;
using LiveCommerce.Contracts.Protocol;

namespace LiveCommerce.Contracts.Errors;

/// <summary>
/// A refused request: carries one of <see cref="ErrorCodes"/>. Thrown by grains before any state
/// changes, so a refusal never leaves half a change behind.
/// </summary>
[GenerateSerializer, Alias("LiveCommerceException")]
public sealed class LiveCommerceException : Exception
{
    public LiveCommerceException(string code, string message) : base(message) => Code = code;

    [Id(0)] public string Code { get; private set; }

    public static LiveCommerceException Unauthorized(string message) => new(ErrorCodes.Unauthorized, message);
    public static LiveCommerceException Forbidden(string message) => new(ErrorCodes.Forbidden, message);
    public static LiveCommerceException NotFound(string message) => new(ErrorCodes.NotFound, message);
    public static LiveCommerceException Invalid(string message) => new(ErrorCodes.InvalidArgument, message);
    public static LiveCommerceException RateLimited(string message) => new(ErrorCodes.RateLimited, message);
    public static LiveCommerceException RoomNotLive(string message) => new(ErrorCodes.RoomNotLive, message);
    public static LiveCommerceException Conflict(string message) => new(ErrorCodes.Conflict, message);
    public static LiveCommerceException Unavailable(string message) => new(ErrorCodes.Unavailable, message);

    // Sub-codes: a purchase outcome that reaches a caller as an error (a cart checkout has no result
    // status to carry it) starts its message with the outcome's wire name, e.g. "conflict: soldOut: ...".
    public static LiveCommerceException SoldOut(string message) => Conflict($"{PurchaseStatus.SoldOut.ToWire()}: {message}");
    public static LiveCommerceException RegionBlocked(string message) => Forbidden($"{PurchaseStatus.RegionBlocked.ToWire()}: {message}");
}
