using LiveCommerce.Cluster.Tests.Infrastructure;

namespace LiveCommerce.Cluster.Tests;

/// <summary>One three-host cluster shared by the tests that do not break it (each uses rooms of its own).</summary>
public sealed class ThreeHostFixture : IAsyncLifetime
{
    public LiveCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LiveCluster.StartAsync(hosts: 3);

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}
