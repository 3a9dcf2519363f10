using LiveCommerce.LoadTests.Engine;

namespace LiveCommerce.LoadTests.Tests;

/// <summary>The load tests read the server's CPU, memory and connections from its own /metrics.</summary>
public sealed class ServerMetricsProbeTests(LiveHostFixture host) : IClassFixture<LiveHostFixture>
{
    [Fact]
    public void Sum_adds_every_label_set_of_one_name_and_nothing_else()
    {
        const string page = """
            # TYPE dotnet_process_cpu_time_seconds_total counter
            dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="user"} 4.25
            dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="system"} 1.5
            dotnet_process_cpu_time_seconds_total_other 100
            livecommerce_connections 7
            """;
        Assert.Equal(5.75, ServerMetricsProbe.Sum(page, "dotnet_process_cpu_time_seconds_total"));
        Assert.Equal(7, ServerMetricsProbe.Sum(page, "livecommerce_connections"));
        Assert.Null(ServerMetricsProbe.Sum(page, "livecommerce_deliveries_total"));
    }

    [Fact]
    public async Task The_server_probe_reads_the_hosts_metrics_rather_than_proc()
    {
        var settings = ScenarioCatalog.Defaults("join-storm", [host.Url]);
        using var probe = Assert.IsType<ServerMetricsProbe>(await ResourceTracker.ServerProbeAsync(settings));
        var reading = await probe.ReadAsync();
        Assert.True(reading.CpuSeconds > 0);
        Assert.True(reading.RssBytes > 10 * 1024 * 1024);
        Assert.Contains("/metrics", probe.Source);

        // A host without the endpoint: the local pid's /proc, as before.
        Assert.IsType<ProcessProbe>(await ResourceTracker.ServerProbeAsync(settings with { Urls = [new Uri("http://127.0.0.1:9/")], ServerPid = Environment.ProcessId }));
    }
}
