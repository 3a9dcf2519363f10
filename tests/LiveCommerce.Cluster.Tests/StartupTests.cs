using LiveCommerce.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LiveCommerce.Cluster.Tests;

public sealed class StartupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_host_whose_redis_is_unreachable_stops_with_a_clear_message()
    {
        var deadPort = FreePorts.Next();
        await using var host = LiveHostProcess.Start("lonely", new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{deadPort}",
            ["Orleans:RedisStartupTimeoutSeconds"] = "2",
            ["Auth:SigningKey"] = LiveCluster.SigningKey,
            ["Demo:SeedRoom"] = "false",
        });
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine(host.Log.Tail(10));
        Assert.NotEqual(0, exitCode);
        Assert.True(host.Log.Contains($"Redis is unreachable at 127.0.0.1:{deadPort} (ConnectionStrings:Redis)"), "the start-up error names Redis, the address and the setting");
    }
}
