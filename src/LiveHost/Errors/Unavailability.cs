using Orleans.Persistence.Redis;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace LiveCommerce.LiveHost.Errors;

/// <summary>
/// Failures that mean "not now" (PROTOCOL.md v1.1 <c>unavailable</c>): a room's grain moving after a host
/// failure, a call that could not be delivered or timed out, a dependency such as Redis down. Clients get
/// a retryable answer (HTTP 503 + Retry-After, hub <c>unavailable: ...</c>) instead of a generic error.
/// Nothing acknowledged is at stake: a grain acknowledges only what it has stored.
/// </summary>
public static class Unavailability
{
    /// <summary>How long clients are told to wait (Retry-After): about how long a room takes to move.</summary>
    public const int RetryAfterSeconds = 5;

    private const int MaxDepth = 8;

    /// <summary>The client-facing reason when <paramref name="exception"/> (or one it wraps) means "retry later"; null otherwise.</summary>
    public static string? Reason(Exception exception) => Reason(exception, 0);

    private static string? Reason(Exception? e, int depth)
    {
        if (e is null || depth > MaxDepth) return null;
        if (Of(e) is { } reason) return reason;
        if (e is AggregateException aggregate)
            return aggregate.InnerExceptions.Select(inner => Reason(inner, depth + 1)).FirstOrDefault(r => r is not null);
        return Reason(e.InnerException, depth + 1);
    }

    private static string? Of(Exception e) => e switch
    {
        SiloUnavailableException => Moving,
        OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException => Undelivered,
        InconsistentStateException => Moving,
        RedisConnectionException or RedisStorageException => RedisDown,
        TimeoutException => TimedOut,
        // A grain's exception whose type did not travel (e.g. StackExchange.Redis's, from another silo).
        UnavailableExceptionFallbackException fallback => OfTypeName(fallback.ExceptionType),
        _ => null,
    };

    private static string? OfTypeName(string? typeName) => typeName switch
    {
        null => null,
        _ when typeName.StartsWith("StackExchange.Redis.RedisConnectionException", StringComparison.Ordinal)
            || typeName.StartsWith("Orleans.Persistence.Redis.RedisStorageException", StringComparison.Ordinal) => RedisDown,
        _ when typeName.StartsWith("StackExchange.Redis.RedisTimeoutException", StringComparison.Ordinal) => TimedOut,
        _ => null,
    };

    private const string Moving = "the room is moving to another host after a host failure; retry in a few seconds";
    private const string Undelivered = "the cluster could not deliver the call (a host is down or the room is moving); retry in a few seconds";
    private const string RedisDown = "a dependency (Redis) is unreachable; retry in a few seconds";
    private const string TimedOut = "the call timed out (a host or a dependency is slow or down); retry in a few seconds";
}
