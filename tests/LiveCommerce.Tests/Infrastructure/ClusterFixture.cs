using System.Collections.Concurrent;
using LiveCommerce.Contracts.Realtime;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Realtime;
using LiveCommerce.Grains.Telemetry;
using LiveCommerce.LiveHost.Hosting;
using LiveCommerce.LiveHost.Realtime;
using LiveCommerce.LiveHost.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace LiveCommerce.Tests.Infrastructure;

/// <summary>An Orleans TestCluster with the real grains, a fake clock and a publisher that records.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    // Silos run in this process, so the configurator can hand them these instances.
    public static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    public static readonly RecordingPublisher Publisher = new();

    public TestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.StopAllSilosAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            // Memory storage behind a double that fails a share of writes while a test asks it to.
            silo.AddBinaryMemoryGrainStorage(FlakyGrainStorage.InnerName);
            silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(StorageNames.Live, (services, _) =>
                new FlakyGrainStorage(services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(FlakyGrainStorage.InnerName)));
            silo.UseInMemoryReminderService();
            silo.AddIncomingGrainCallFilter(async call =>
            {
                if (Faults.Fails(call.InterfaceMethod.Name)) throw new InvalidOperationException($"injected fault: {call.InterfaceMethod.Name} on {call.TargetId}");
                await call.Invoke();
            });
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddSingleton<IRoomPublisher>(Publisher);
            silo.Services.AddLiveCommerceMetrics();
            silo.Services.AddOptions<LiveCommerce.Grains.Rooms.RoomOptions>().Configure(o => o.LogCapacity = 1_000);
        }
    }
}

/// <summary>Grain methods that fail while a test says so (an incoming call filter on the test silo).</summary>
public static class Faults
{
    // Per failing method, how many calls it has failed so far.
    private static readonly ConcurrentDictionary<string, int> Failing = new();

    public static bool Fails(string method)
    {
        if (!Failing.ContainsKey(method)) return false;
        Failing.AddOrUpdate(method, 1, (_, failed) => failed + 1);
        return true;
    }

    /// <summary>Until disposed, every call of these grain methods throws before it reaches the grain.</summary>
    public static Injection Inject(params string[] methods)
    {
        foreach (var method in methods) Failing[method] = 0;
        return new Injection(methods);
    }

    public sealed class Injection(string[] methods) : IDisposable
    {
        /// <summary>How many calls this injection has failed so far: proof that the callers met the fault.</summary>
        public int Failed => methods.Sum(method => Failing.TryGetValue(method, out var failed) ? failed : 0);

        public void Dispose()
        {
            foreach (var method in methods) Failing.TryRemove(method, out _);
        }
    }
}

public sealed class RecordingPublisher : IRoomPublisher
{
    private readonly ChangeSignal _published = new();

    public ConcurrentQueue<(string RoomId, RoomEvent Event)> Room { get; } = new();
    public ConcurrentQueue<(string UserId, PersonalEvent Event)> Personal { get; } = new();

    public void PublishRoom(string roomId, IReadOnlyList<RoomEvent> events)
    {
        foreach (var evt in events) Room.Enqueue((roomId, evt));
        _published.Pulse();
    }

    public void PublishPersonal(string userId, PersonalEvent evt)
    {
        Personal.Enqueue((userId, evt));
        _published.Pulse();
    }

    /// <summary>Waits on publications (no polling) until the condition holds; fails naming <paramref name="what"/> after the timeout.</summary>
    public Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) => _published.UntilAsync(condition, timeout, what);

    /// <summary>Waits until <paramref name="read"/> gives a value that is <paramref name="done"/>, and returns it.</summary>
    public async Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        await _published.UntilAsync(() => done(read()), timeout, what);
        return read();
    }

    public RoomEvent[] Of(string roomId) => Room.Where(r => r.RoomId == roomId).Select(r => r.Event).ToArray();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
