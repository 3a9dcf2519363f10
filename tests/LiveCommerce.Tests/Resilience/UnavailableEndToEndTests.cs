using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Grains.Rooms;
using LiveCommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using StackExchange.Redis;

namespace LiveCommerce.Tests.Resilience;

/// <summary>
/// v1.1 <c>unavailable</c> over the real host: while a room's grain calls fail the way a host failure or a
/// Redis outage makes them fail (injected by a grain call filter on the real silo), HTTP answers 503 with
/// Retry-After and the hub <c>unavailable: ...</c>; once healed, the same calls work.
/// </summary>
public sealed class UnavailableEndToEndTests : IAsyncLifetime
{
    private readonly RoomOutage _outage = new();
    private LiveServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LiveServer.StartAsync(configure: builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(_outage));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Failures => new() { "silo", "redis", "timeout" };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_room_whose_grain_is_out_of_reach_answers_unavailable_until_it_is_back(string failure)
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync();
        await using var viewer = await _server.ConnectAsync(null);

        _outage.Fail(roomId, failure switch
        {
            "silo" => () => new SiloUnavailableException("the room's silo is dead"),
            "redis" => () => new RedisConnectionException(ConnectionFailureType.UnableToConnect, "It was not possible to connect to the redis server(s)"),
            _ => () => new TimeoutException("Response did not arrive on time"),
        });
        var response = await _server.Http.GetAsync($"/api/rooms/{roomId}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        Assert.Equal(ErrorCodes.Unavailable, problem!["code"].GetString());
        await HubAssert.FailsWith(ErrorCodes.Unavailable, () => viewer.JoinAsync(roomId));

        _outage.Heal();
        (await _server.Http.GetAsync($"/api/rooms/{roomId}")).EnsureSuccessStatusCode();
        Assert.Equal(roomId, (await viewer.JoinAsync(roomId)).Room.RoomId);
    }

    [Fact]
    public async Task A_bug_stays_a_plain_error_not_unavailable()
    {
        var (roomId, _) = await _server.CreateLiveRoomAsync();
        _outage.Fail(roomId, () => new InvalidOperationException("a bug"));
        try
        {
            var response = await _server.Http.GetAsync($"/api/rooms/{roomId}");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Null(response.Headers.RetryAfter);
        }
        finally
        {
            _outage.Heal();
        }
    }

    /// <summary>Fails every call to one room's grain with the given exception while set.</summary>
    private sealed class RoomOutage : IIncomingGrainCallFilter
    {
        private sealed record Failing(string RoomId, Func<Exception> Failure);

        private volatile Failing? _failing;

        public void Fail(string roomId, Func<Exception> failure) => _failing = new Failing(roomId, failure);

        public void Heal() => _failing = null;

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (_failing is { } failing && context.Grain is ILiveRoomGrain && context.TargetId.Key.ToString() == failing.RoomId)
                throw failing.Failure();
            await context.Invoke();
        }
    }
}
