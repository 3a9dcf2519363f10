using System.Collections.Concurrent;
using LiveCommerce.Contracts.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.LoadTests.Client;

/// <summary>
/// Makes and owns the run's hub connections: spread round-robin over the given URLs (a cluster), capped
/// at the run's connection limit, all disposed at the end. WebSockets without negotiation: one round
/// trip less per connect, as a browser fleet behind sticky sessions would do.
/// </summary>
public sealed class LiveConnections(IReadOnlyList<Uri> urls, string protocol, int maxConnections) : IAsyncDisposable
{
    private readonly ConcurrentBag<HubConnection> _all = [];
    private int _created;
    private int _open;

    public int Open => Volatile.Read(ref _open);
    public int Created => Volatile.Read(ref _created);

    public HubConnection Create(string? token)
    {
        var n = Interlocked.Increment(ref _created);
        if (n > maxConnections)
            throw new InvalidOperationException($"connection limit reached ({maxConnections}); raise --max-connections");
        var url = new Uri(urls[(n - 1) % urls.Count], LiveProtocol.HubPath);
        var builder = new HubConnectionBuilder().WithUrl(url, HttpTransportType.WebSockets, o =>
        {
            o.SkipNegotiation = true;
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        });
        if (protocol == "json") builder.AddJsonProtocol();
        else builder.AddMessagePackProtocol(o => o.SerializerOptions = MessagePackWire.Options);
        var connection = builder.Build();
        // Long runs and a saturated generator: don't let a late keep-alive read as a dead server.
        connection.ServerTimeout = TimeSpan.FromSeconds(120);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        connection.Closed += _ =>
        {
            Interlocked.Decrement(ref _open);
            return Task.CompletedTask;
        };
        _all.Add(connection);
        return connection;
    }

    /// <summary>Starts a connection made by <see cref="Create"/> and counts it open.</summary>
    public async Task StartAsync(HubConnection connection, CancellationToken ct)
    {
        await connection.StartAsync(ct);
        Interlocked.Increment(ref _open);
    }

    public async ValueTask DisposeAsync()
    {
        // Bounded in time: a wedged server must not keep the report from being written.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Parallel.ForEachAsync(_all, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cts.Token },
                async (c, _) =>
                {
                    try { await c.DisposeAsync(); }
                    catch (Exception) { /* closing anyway */ }
                });
        }
        catch (OperationCanceledException) { }
    }
}
