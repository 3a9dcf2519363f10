namespace LiveCommerce.Contracts.Errors;

/// <summary>The stable error codes of PROTOCOL.md, sent as HubException prefixes and problem+json <c>code</c>.</summary>
public static class ErrorCodes
{
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string InvalidArgument = "invalid_argument";
    public const string RateLimited = "rate_limited";
    public const string Muted = "muted";
    public const string BlockedContent = "blocked_content";
    public const string RoomNotLive = "room_not_live";
    public const string Conflict = "conflict";
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>An existing HTTP path asked with a method it does not answer (405; not in PROTOCOL.md's list, added).</summary>
    public const string MethodNotAllowed = "method_not_allowed";
    /// <summary>v1.1: retryable; a dependency (the translator, Redis...) is down.</summary>
    public const string Unavailable = "unavailable";
}
