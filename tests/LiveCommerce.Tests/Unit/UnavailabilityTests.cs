using LiveCommerce.Contracts.Errors;
using LiveCommerce.LiveHost.Errors;
using Orleans.Runtime;
using Orleans.Storage;
using StackExchange.Redis;

namespace LiveCommerce.Tests.Unit;

/// <summary>Which failures answer v1.1 <c>unavailable</c> (retry later) and which stay errors.</summary>
public sealed class UnavailabilityTests
{
    public static TheoryData<Exception> Retryable => new()
    {
        new SiloUnavailableException("silo S127.0.0.1:11111 is dead"),
        new TimeoutException("Response did not arrive on time in 00:00:30"),
        new RedisConnectionException(ConnectionFailureType.UnableToConnect, "It was not possible to connect to the redis server(s)"),
        new RedisTimeoutException("Timeout awaiting response", CommandStatus.Sent),
        new InconsistentStateException("ETag mismatch", "e1", "e2"),
        new Orleans.Persistence.Redis.RedisStorageException("Failed to write state", new RedisConnectionException(ConnectionFailureType.SocketFailure, "socket closed")),
        // Wrapped, as a grain call or Task.WhenAll hands them over.
        new AggregateException(new InvalidOperationException("first"), new TimeoutException("second")),
        new InvalidOperationException("writing the room failed", new RedisConnectionException(ConnectionFailureType.SocketClosed, "closed")),
    };

    public static TheoryData<Exception> Errors => new()
    {
        new InvalidOperationException("a bug"),
        new ArgumentNullException("x"),
        new NullReferenceException(),
        new AggregateException(new InvalidOperationException("a bug")),
        new RedisServerException("ERR wrong number of arguments"),
        LiveCommerceException.Forbidden("not yours"),
    };

    [Theory]
    [MemberData(nameof(Retryable))]
    public void Moves_timeouts_and_redis_outages_are_unavailable(Exception failure)
    {
        var reason = Unavailability.Reason(failure);
        Assert.NotNull(reason);
        Assert.EndsWith("retry in a few seconds", reason);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Bugs_and_refusals_are_not(Exception failure) => Assert.Null(Unavailability.Reason(failure));

    [Fact]
    public void A_silo_failure_says_the_room_is_moving_and_redis_says_redis()
    {
        Assert.Contains("moving", Unavailability.Reason(new SiloUnavailableException()));
        Assert.Contains("Redis", Unavailability.Reason(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down")));
    }
}
