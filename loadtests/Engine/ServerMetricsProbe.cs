using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>
/// Reads the server's own figures from its Prometheus endpoint (<c>/metrics</c>) on every host of the
/// target, summed: process CPU time and working set from the runtime meter, and the LiveCommerce meter's
/// connections. Works for remote hosts and clusters, where /proc cannot look.
/// </summary>
public sealed partial class ServerMetricsProbe : IResourceProbe, IDisposable
{
    private const string CpuSeconds = "dotnet_process_cpu_time_seconds_total";
    private const string WorkingSet = "dotnet_process_memory_working_set_bytes";
    private const string Connections = "livecommerce_connections";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Uri[] _endpoints;

    private ServerMetricsProbe(IEnumerable<Uri> hosts) => _endpoints = [.. hosts.Select(h => new Uri(h, "/metrics"))];

    public string Source => $"{string.Join(", ", _endpoints.Select(e => e.ToString()))}";

    /// <summary>Hub connections the server holds, as it counts them (from the last read).</summary>
    public double ServerConnections { get; private set; }

    /// <summary>A probe when every host serves /metrics with the runtime figures; null otherwise (older build, endpoint off).</summary>
    public static async Task<ServerMetricsProbe?> TryCreateAsync(IEnumerable<Uri> hosts)
    {
        var probe = new ServerMetricsProbe(hosts);
        try
        {
            await probe.ReadAsync();
            return probe;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException)
        {
            probe.Dispose();
            return null;
        }
    }

    public async Task<ResourceReading> ReadAsync()
    {
        var pages = await Task.WhenAll(_endpoints.Select(e => _http.GetStringAsync(e)));
        if (pages.Any(p => Sum(p, CpuSeconds) is null || Sum(p, WorkingSet) is null))
            throw new InvalidDataException("a host's /metrics lacks the runtime figures");
        ServerConnections = pages.Sum(p => Sum(p, Connections) ?? 0);
        return new ResourceReading(pages.Sum(p => Sum(p, CpuSeconds)!.Value), (long)pages.Sum(p => Sum(p, WorkingSet)!.Value));
    }

    /// <summary>The sum of every sample of <paramref name="name"/> (over its label sets) in a Prometheus text page.</summary>
    public static double? Sum(string page, string name)
    {
        double? total = null;
        foreach (Match sample in Sample().Matches(page))
            if (sample.Groups["name"].Value == name)
                total = (total ?? 0) + double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
        return total;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    public void Dispose() => _http.Dispose();
}
