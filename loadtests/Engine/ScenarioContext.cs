using System.Collections.Concurrent;
using LiveCommerce.LoadTests.Client;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>What a running scenario works with: settings, metrics, connections, the HTTP API, and the
/// place to leave its figures (scenario-specific results) and notes for the report.</summary>
public sealed class ScenarioContext : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, object> _figures = new();
    private readonly ConcurrentQueue<string> _notes = new();

    public ScenarioContext(ScenarioSettings settings, Metrics metrics, CancellationToken token)
    {
        Settings = settings;
        Metrics = metrics;
        Token = token;
        Connections = new LiveConnections(settings.Urls, settings.Protocol, settings.MaxConnections);
        Api = new LiveApi(settings.Urls[0]);
        RunId = DateTime.UtcNow.ToString("HHmmss") + Random.Shared.Next(100, 999);
        metrics.Gauge("connections", () => Connections.Open);
    }

    public ScenarioSettings Settings { get; }
    public Metrics Metrics { get; }
    public CancellationToken Token { get; }
    public LiveConnections Connections { get; }
    public LiveApi Api { get; }
    /// <summary>The server's CPU and memory (its /metrics, or /proc of a local pid), when they can be read.</summary>
    public IResourceProbe? Server { get; set; }
    /// <summary>Short id that makes this run's user ids unique on a long-running server.</summary>
    public string RunId { get; }
    /// <summary>What the scenario is doing now (shown live).</summary>
    public volatile string Phase = "starting";

    public void Figure(string key, object value) => _figures[key] = value;
    public IReadOnlyDictionary<string, object> Figures => _figures;
    public void Note(string text) => _notes.Enqueue(text);
    public IReadOnlyList<string> Notes => [.. _notes];

    public async ValueTask DisposeAsync()
    {
        Phase = "closing connections";
        await Connections.DisposeAsync();
        Api.Dispose();
    }
}
